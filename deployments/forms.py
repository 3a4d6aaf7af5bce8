"""Query parameters of the public lists, parsed and checked by forms.

A bad value (unknown sort key, "abc" as a year, an unknown country code) becomes a message
beside the form and the parameter is ignored; it never reaches the database or causes a 500.
"""

from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.forms import YearRangeForm

from .choices import DisasterType, Team
from .models import FIRST_DISPATCH_YEAR, FIRST_JDR_YEAR, LAST_POSSIBLE_YEAR
from .text import choice_label, country_name, with_count


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


def _name_rank(field_name):
    """An expression giving each value of `field_name` (country, disaster or team) its place
    among the values' names in the active language."""
    if field_name == "country":
        names = {code: country_name(code) for code, _name in countries}
    else:
        choices = {"disaster": DisasterType, "team": Team}[field_name]
        names = {value: choice_label(choices, value) for value in choices.values}
    ranked = sorted(names, key=names.__getitem__)
    return Case(
        *(When(**{field_name: value}, then=Value(rank)) for rank, value in enumerate(ranked)),
        default=Value(len(ranked)),
        output_field=IntegerField(),
    )


class DisasterReliefFilterForm(YearRangeForm):
    """Filters, facets and sort of the disaster relief table."""

    first_year = FIRST_JDR_YEAR
    last_year = LAST_POSSIBLE_YEAR
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

    def ordered(self, queryset):
        """`queryset` in the order of the sort key, sorted by the database.

        Country, disaster and team sort by the name a visitor reads in the active language,
        which the database does not store: each value is given its rank among the names as
        Python sorts them, so the order is the same on SQLite and PostgreSQL whatever their
        collation. Rows with the same key keep the table's order (month, then country code and
        team), in either direction.
        """
        key = self.sort_key.lstrip("-")
        descending = self.sort_key.startswith("-")
        if key == "date":
            first = []
        elif key == "persons":
            first = [F("persons").desc() if descending else F("persons").asc()]
        else:
            rank = _name_rank(key)
            first = [rank.desc() if descending else rank.asc()]
        when = ["-year", "-month"] if descending else ["year", "month"]
        return queryset.order_by(*first, *when, "country", "team")

    def set_facets(self, facets, *, selected_country=None):
        """Show each choice with its count: 'Earthquake (14)'. Countries: only those with rows."""
        for name in ("disaster", "team"):
            field = self.fields[name]
            counts = facets[name]
            field.choices = [
                field.choices[0],
                *(
                    (value, with_count(label, counts.get(value, 0)))
                    for value, label in field.choices[1:]
                ),
            ]
        counts = facets["country"]
        codes = set(counts) | ({selected_country} if selected_country else set())
        names = dict(countries)
        self.fields["country"].choices = [
            self.fields["country"].choices[0],
            *sorted(
                ((code, with_count(names.get(code, code), counts.get(code, 0))) for code in codes),
                key=lambda choice: choice[1],
            ),
        ]


class ExpertDispatchFilterForm(YearRangeForm):
    """Host country and years of the expert dispatches list."""

    first_year = FIRST_DISPATCH_YEAR
    last_year = LAST_POSSIBLE_YEAR

    country = CountryCodeField(label=_("Host country/region"), required=False)

    def set_facets(self, hosted, *, selected_country=None):
        """Offer the host countries with dispatches (and the chosen one), each with its count."""
        names = dict(countries)
        codes = set(hosted) | ({selected_country} if selected_country else set())
        field = self.fields["country"]
        field.choices = [
            field.choices[0],
            *sorted(
                ((code, with_count(names.get(code, code), hosted.get(code, 0))) for code in codes),
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
