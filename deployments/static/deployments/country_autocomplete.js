/* Type-to-search for the admin's country lists, with the select2 copy the admin ships. */
"use strict";
{
    const $ = django.jQuery;
    $(function () {
        $("select.country-autocomplete").select2({ width: "20em" });
    });
}
