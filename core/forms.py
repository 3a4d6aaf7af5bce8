"""The query-string filters every public table shares, parsed by a form.

Query strings are typed by people and crawlers alike, so anything odd (text, huge numbers, a
range the wrong way round, a key given twice) becomes a message beside the table and a 400
status, never a server error and never a guess. A parameter that is not understood is ignored;
the year range counts as one parameter, so a range with a bad end is ignored as a whole.
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1950
# A fixed, generous bound: the tables' real data stops at the current year.
LAST_YEAR = 2100
YEAR_KEYS = ("from", "to")


class YearRangeForm(forms.Form):
    """`?from=2017&to=2019`; either end may be left out. Subclasses add their own filters.

    `first_year` is the earliest year the table can hold. Every field, the years and any
    filter a subclass declares, may be given once: `?from=2017&from=2019` is an error, not
    "the last one wins".
    """

    first_year = FIRST_YEAR
    last_year = LAST_YEAR

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the year fields are added under their URL names here,
        # after the filters a subclass declares (links list those first).
        for key, label in zip(YEAR_KEYS, (_("From year"), _("To year")), strict=True):
            self.fields[key] = forms.IntegerField(
                label=label,
                required=False,
                min_value=self.first_year,
                max_value=self.last_year,
            )

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name not in self.errors and len(self._values(name)) > 1:
                self.add_error(name, self._repeated_error(name))
        first, last = cleaned.get("from"), cleaned.get("to")
        if first is not None and last is not None and first > last:
            self.add_error(
                None,
                forms.ValidationError(
                    _("The “from” year (%(first)s) is after the “to” year (%(last)s)."),
                    code="reversed",
                    params={"first": first, "last": last},
                ),
            )
        if "__all__" in self.errors or any(key in self.errors for key in YEAR_KEYS):
            # Half a range is not what was asked for: ignore the range as a whole.
            for key in YEAR_KEYS:
                cleaned.pop(key, None)
        return cleaned

    def _values(self, name):
        return self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]

    @staticmethod
    def _repeated_error(name):
        if name in YEAR_KEYS:
            message = _("Give the “%(key)s” year only once.")
        else:
            message = _("Give “%(key)s” only once.")
        return forms.ValidationError(message, code="repeated", params={"key": name})

    def value(self, name):
        """A cleaned value, or None when missing or not understood (so bad input is ignored)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name) or None

    @property
    def years(self):
        """(first, last) of the year range, None for an open end or a range not understood."""
        return self.value("from"), self.value("to")

    def valid_params(self, **changes):
        """The understood parameters as a QueryDict, for links that keep the current filters."""
        params = QueryDict(mutable=True)
        for name in self.fields:
            value = self.value(name)
            if value is not None:
                params[name] = value
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = value
        return params

    @property
    def query_string(self):
        """The understood parameters as a query string ('' if none), for the CSV links."""
        return self.valid_params().urlencode()

    @property
    def error_messages(self):
        """Plain sentences naming each parameter that was not understood."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for error in errors:
                messages.append(f"{label}: {error}" if label else str(error))
        return messages
