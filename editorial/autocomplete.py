"""Choosers with search (the admin's `autocomplete_fields`) that survive a bad value.

Django's autocomplete widgets look the submitted values up again to show them with the form's
errors; a value that cannot be an id ("abc", from a hand-made or tampered POST) made that
lookup raise, a 500 instead of the form with "Select a valid choice". Every editable model's
admin (HistoryAdmin) and inline uses these instead."""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class UsableValuesOnly:
    """Leaves out, when the widget shows the chosen values, those that cannot be an id; the
    form field still reports them as an invalid choice."""

    def optgroups(self, name, value, attr=None):
        pk = self.field.remote_field.model._meta.pk
        usable = []
        for each in value:
            try:
                pk.to_python(each)
            except ValidationError:
                continue
            usable.append(each)
        return super().optgroups(name, usable, attr)


class UsableAutocompleteSelect(UsableValuesOnly, AutocompleteSelect):
    pass


class UsableAutocompleteSelectMultiple(UsableValuesOnly, AutocompleteSelectMultiple):
    pass


class UsableAutocompleteMixin:
    """For a ModelAdmin or an inline: its autocomplete fields get the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = UsableAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = UsableAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
