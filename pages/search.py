"""Site search over content pages, training programs, deployments and expert dispatches.

Accents and case do not matter ("turkiye" finds "Türkiye", "kahramanmaras" finds
"Kahramanmaraş"): text is compared folded (`pages.folding`), the same way on SQLite and
PostgreSQL. Country names live in django-countries, not in the database, so names (and the other
English names of `deployments/data/country_other_names.csv`, such as Turkey or East Timor) are
matched to ISO codes in Python first and the database is then filtered by code. Work is
bounded: the query is at most 200 characters and MAX_TERMS words, and each kind returns at
most RESULTS_PER_KIND rows (with the full count).
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries import countries

from deployments.models import DisasterDeployment, DisasterType, ExpertDispatch
from deployments.text import other_country_names
from programs.models import Program

from .folding import Folded, fold
from .models import Page, Section

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 50
MAX_TERMS = 8


class SearchForm(forms.Form):
    # Django's CharField also refuses NUL characters, which PostgreSQL cannot store or compare.
    q = forms.CharField(
        label=_("Search the site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Please shorten your search to at most %(limit_value)d characters.")
        },
    )


@dataclass
class Result:
    title: str
    url: str
    detail: str = ""


@dataclass
class ResultGroup:
    kind: str
    slug: str
    count: int
    results: list[Result] = field(default_factory=list)


def matching_country_codes(text):
    """ISO codes whose name, or one of their other English names, contains `text`."""
    folded = fold(text)
    other = other_country_names()
    return [
        code
        for code, name in countries
        if any(folded in fold(str(each)) for each in [name, *other.get(code, ())])
    ]


def _matching_choices(choices, text):
    folded = fold(text)
    return [value for value, label in choices if folded in fold(str(label))]


def _contains(field, term):
    """Q: the field contains the term, accents and case aside."""
    return Q(Contains(Folded(field), fold(term)))


def search_terms(text):
    """The words of the query (at most MAX_TERMS, each once): every one must match somewhere."""
    terms = []
    for word in text.split():
        if word.casefold() not in (term.casefold() for term in terms):
            terms.append(word)
    return terms[:MAX_TERMS]


def _all_terms(terms, condition):
    """Q: each term matches `condition(term)` (in any of its fields)."""
    combined = Q()
    for term in terms:
        combined &= condition(term)
    return combined


def _page_condition(term):
    in_sections = Section.objects.filter(
        _contains("heading", term) | _contains("body", term)
    ).values("page")
    return _contains("title", term) | _contains("summary", term) | Q(pk__in=in_sections)


def _program_condition(term):
    return (
        _contains("name", term) | _contains("description", term) | _contains("scheme__name", term)
    )


def _deployment_condition(term):
    return (
        Q(country__in=matching_country_codes(term))
        | Q(disaster__in=_matching_choices(DisasterType.choices, term))
        | _contains("place", term)
        | _contains("summary", term)
    )


def _dispatch_condition(term):
    codes = matching_country_codes(term)
    return (
        Q(country__in=codes)
        | Q(beneficiary__in=codes)
        | _contains("field_of_work", term)
        | _contains("partner", term)
        | _contains("description", term)
    )


def _group(kind, slug, queryset, to_result):
    count = queryset.count()
    rows = queryset[:RESULTS_PER_KIND] if count else []
    return ResultGroup(kind=str(kind), slug=slug, count=count, results=[to_result(r) for r in rows])


def search(text):
    """Results grouped by kind, each group with its total count: eight queries at most.

    Every word of the query must match (in any field of the row): "Nepal earthquake" finds the
    earthquake deployments to Nepal. Public rows only: published pages and programs.
    """
    terms = search_terms(text)
    pages = Page.objects.published().filter(_all_terms(terms, _page_condition))
    programs = (
        Program.objects.published()
        .filter(_all_terms(terms, _program_condition))
        .select_related("scheme")
    )
    deployments = DisasterDeployment.objects.filter(
        _all_terms(terms, _deployment_condition)
    ).newest_first()
    dispatches = ExpertDispatch.objects.filter(
        _all_terms(terms, _dispatch_condition)
    ).newest_first()
    groups = [
        _group(
            _("Pages"),
            "pages",
            pages.order_by("title"),
            lambda page: Result(page.title, page.get_absolute_url(), page.summary),
        ),
        _group(
            _("Training programs"),
            "programs",
            programs.order_by("name"),
            lambda program: Result(program.name, program.get_absolute_url(), program.scheme.name),
        ),
        _group(
            _("Disaster relief deployments"),
            "deployments",
            deployments,
            lambda deployment: Result(
                str(deployment), deployment.get_absolute_url(), deployment.get_disaster_display()
            ),
        ),
        _group(
            _("Expert dispatches"),
            "dispatches",
            dispatches,
            lambda dispatch: Result(
                pgettext("search result: host country and field of work", "%(country)s: %(field)s")
                % {"country": dispatch.country.name, "field": dispatch.field_of_work},
                dispatch.get_absolute_url(),
                dispatch.years,
            ),
        ),
    ]
    return groups
