"""Query parameters of the public lists, parsed and checked by forms.

A bad value (unknown sort key, "abc" as a year, an unknown country code) becomes a message
beside the form and the parameter is ignored; it never reaches the database or causes a 500.
"""

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import (
    FIRST_DISPATCH_YEAR,
    FIRST_JDR_YEAR,
    LAST_POSSIBLE_YEAR,
    DisasterType,
    Team,
)
from .text import country_name


class CountryCodeField(forms.ChoiceField):
    """An ISO 3166 code in either case ("id" or "ID"); cleaned to upper case."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("", _("Any country/region")), *countries])
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def bound_data(self, data, initial):
        # The list shows "id" as chosen too, so a second submit keeps the filter.
        data = super().bound_data(data, initial)
        return data.strip().upper() if isinstance(data, str) else data


class YearRangeForm(forms.Form):
    """`?from=2000&to=2010`; either end may be left out."""

    first_year = FIRST_DISPATCH_YEAR

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for name in ("from", "to"):
            self.fields[name] = forms.IntegerField(
                label=_("From year") if name == "from" else _("To year"),
                required=False,
                min_value=self.first_year,
                max_value=LAST_POSSIBLE_YEAR,
            )

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("from"), cleaned.get("to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("to", _("The last year must not be before the first year."))
        return cleaned

    def value(self, name):
        """A cleaned value, or None when missing or invalid (so bad input is ignored)."""
        return getattr(self, "cleaned_data", {}).get(name) or None

    def valid_params(self, **changes):
        """The valid parameters as a QueryDict, for links that keep the current filters."""
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
    def error_messages(self):
        """Plain sentences naming each bad parameter."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for error in errors:
                messages.append(f"{label}: {error}" if label else str(error))
        return messages


SORT_CHOICES = [
    ("date", _("Month & Year, oldest first")),
    ("-date", _("Month & Year, newest first")),
    ("country", _("Country/Region, A to Z")),
    ("-country", _("Country/Region, Z to A")),
    ("disaster", _("Disaster, A to Z")),
    ("-disaster", _("Disaster, Z to A")),
    ("team", _("Team, A to Z")),
    ("-team", _("Team, Z to A")),
    ("persons", _("Dispatched, fewest first")),
    ("-persons", _("Dispatched, most first")),
]
DEFAULT_SORT = "date"


class DisasterReliefFilterForm(YearRangeForm):
    """Filters, facets and sort of the disaster relief table."""

    first_year = FIRST_JDR_YEAR
    FACETS = ("disaster", "team", "country")

    disaster = forms.ChoiceField(
        label=_("Disaster"),
        required=False,
        choices=[("", _("Any disaster")), *DisasterType.choices],
    )
    team = forms.ChoiceField(
        label=_("Team"), required=False, choices=[("", _("Any team")), *Team.choices]
    )
    country = CountryCodeField(label=_("Country/Region"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    @property
    def sort_key(self):
        return self.value("sort") or DEFAULT_SORT

    @property
    def has_filters(self):
        return any(self.value(name) is not None for name in (*self.FACETS, "from", "to"))

    def filter(self, queryset, *, skip=None):
        """Apply the valid filters, all but `skip` (a facet counts with the others applied)."""
        conditions = Q()
        for name in self.FACETS:
            if name != skip and self.value(name) is not None:
                conditions &= Q(**{name: self.value(name)})
        if self.value("from") is not None:
            conditions &= Q(year__gte=self.value("from"))
        if self.value("to") is not None:
            conditions &= Q(year__lte=self.value("to"))
        return queryset.filter(conditions)

    def sorted_rows(self, rows):
        """Sort fetched rows in Python: country sorts by its name, which the database lacks."""
        key = self.sort_key.lstrip("-")
        keys = {
            "date": lambda d: (d.year, d.month),
            "country": lambda d: (country_name(d.country), d.year, d.month),
            "disaster": lambda d: (d.get_disaster_display(), d.year, d.month),
            "team": lambda d: (d.get_team_display(), d.year, d.month),
            "persons": lambda d: (d.persons, d.year, d.month),
        }
        return sorted(rows, key=keys[key], reverse=self.sort_key.startswith("-"))

    def set_facets(self, facets, *, selected_country=None):
        """Show each choice with its count: 'Earthquake (14)'. Countries: only those with rows."""
        for name in ("disaster", "team"):
            field = self.fields[name]
            counts = facets[name]
            field.choices = [
                field.choices[0],
                *(
                    (value, f"{label} ({counts.get(value, 0)})")
                    for value, label in field.choices[1:]
                ),
            ]
        counts = facets["country"]
        codes = set(counts) | ({selected_country} if selected_country else set())
        names = dict(countries)
        self.fields["country"].choices = [
            self.fields["country"].choices[0],
            *sorted(
                ((code, f"{names.get(code, code)} ({counts.get(code, 0)})") for code in codes),
                key=lambda choice: choice[1],
            ),
        ]


class ExpertDispatchFilterForm(YearRangeForm):
    """Host country and years of the expert dispatches list."""

    country = CountryCodeField(label=_("Host country/region"), required=False)

    def set_facets(self, hosted, *, selected_country=None):
        """Offer the host countries with dispatches (and the chosen one), each with its count."""
        names = dict(countries)
        codes = set(hosted) | ({selected_country} if selected_country else set())
        field = self.fields["country"]
        field.choices = [
            field.choices[0],
            *sorted(
                ((code, f"{names.get(code, code)} ({hosted.get(code, 0)})") for code in codes),
                key=lambda choice: choice[1],
            ),
        ]

    @property
    def has_filters(self):
        return any(self.value(name) is not None for name in ("country", "from", "to"))

    def filter(self, queryset):
        if self.value("country") is not None:
            queryset = queryset.filter(country=self.value("country"))
        return queryset.overlapping(self.value("from"), self.value("to"))
