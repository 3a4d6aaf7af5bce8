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
from django.db.models import Case, Q, Value, When
from django.db.models.lookups import Contains
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext
from django_countries import countries

from core.i18n import CONTENT_LANGUAGES, column, content_language, translated_html
from deployments.choices import DisasterType, Team
from deployments.models import DisasterDeployment, ExpertDispatch
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
    # `title` and `detail` are safe HTML: a text not written in the page's language yet comes
    # in the other language, marked with its lang and a note (core.i18n.translated_html).
    title: str
    url: str
    detail: str = ""


@dataclass
class ResultGroup:
    kind: str
    slug: str
    count: int
    results: list[Result] = field(default_factory=list)


def _names_in(languages, names):
    """`names()` (a list of (value, label) pairs) evaluated in each of `languages`."""
    for language in languages:
        with override(language):
            yield from [(value, str(label)) for value, label in names()]


def matching_country_codes(text, languages=CONTENT_LANGUAGES):
    """ISO codes whose name in one of `languages` (「トルコ」, "Türkiye"), or one of their other
    English names, contains `text`."""
    folded = fold(text)
    other = other_country_names()
    names = [*_names_in(languages, lambda: list(countries))]
    names += [(code, name) for code, more in other.items() for name in more]
    return list(dict.fromkeys(code for code, name in names if folded in fold(name)))


def _matching_choices(choices, text, languages=CONTENT_LANGUAGES):
    folded = fold(text)
    labels = _names_in(languages, lambda: choices)
    return list(dict.fromkeys(value for value, label in labels if folded in fold(label)))


def _contains(field, term, languages=CONTENT_LANGUAGES):
    """Q: the text, in one of `languages`, contains the term, accents and case aside.

    `field` is a text kept in both languages ("title", "scheme__name"). Japanese needs no word
    splitting: a substring match finds 「援助隊」 in 「国際緊急援助隊」 on both databases.
    """
    condition = Q()
    for language in languages:
        condition |= Q(Contains(Folded(f"{field}_{language}"), fold(term)))
    return condition


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


def _page_condition(term, languages=CONTENT_LANGUAGES):
    in_sections = Section.objects.filter(
        _contains("heading", term, languages) | _contains("body", term, languages)
    ).values("page")
    return (
        _contains("title", term, languages)
        | _contains("summary", term, languages)
        | Q(pk__in=in_sections)
    )


def _program_condition(term, languages=CONTENT_LANGUAGES):
    return (
        _contains("name", term, languages)
        | _contains("description", term, languages)
        | _contains("scheme__name", term, languages)
    )


def _deployment_condition(term, languages=CONTENT_LANGUAGES):
    return (
        Q(country__in=matching_country_codes(term, languages))
        | Q(disaster__in=_matching_choices(DisasterType.choices, term, languages))
        | Q(team__in=_matching_choices(Team.choices, term, languages))
        | _contains("place", term, languages)
        | _contains("summary", term, languages)
    )


def _dispatch_condition(term, languages=CONTENT_LANGUAGES):
    codes = matching_country_codes(term, languages)
    return (
        Q(country__in=codes)
        | Q(beneficiary__in=codes)
        | _contains("field_of_work", term, languages)
        | _contains("partner", term, languages)
        | _contains("description", term, languages)
    )


def _matches(queryset, terms, condition):
    """The rows where every term matches in either language, those matching in the page's own
    language first (`own_language` 0, the others 1), in one query."""
    own = _all_terms(terms, lambda term: condition(term, (content_language(),)))
    return queryset.filter(_all_terms(terms, condition)).annotate(
        own_language=Case(When(own, then=Value(0)), default=Value(1))
    )


def _own_language_first(queryset):
    """The queryset in its own order, but the rows matching in the page's language first."""
    return queryset.order_by("own_language", *queryset.query.order_by)


def _group(kind, slug, queryset, to_result):
    count = queryset.count()
    rows = queryset[:RESULTS_PER_KIND] if count else []
    return ResultGroup(kind=str(kind), slug=slug, count=count, results=[to_result(r) for r in rows])


def _dispatch_title(dispatch):
    """「インドネシア：交番制度」; a field of work not translated yet is marked as such."""
    sentence = pgettext("search result: host country and field of work", "%(country)s: %(field)s")
    return mark_safe(  # noqa: S308 - every part escaped or built by format_html
        conditional_escape(sentence)
        % {
            "country": conditional_escape(dispatch.country.name),
            "field": translated_html(dispatch, "field_of_work"),
        }
    )


def search(text):
    """Results grouped by kind, each group with its total count: eight queries at most.

    Every word of the query must match (in any field of the row, in either language): "Nepal
    earthquake" finds the earthquake deployments to Nepal, 「トルコ 地震」 the one to Türkiye. Rows
    that match in the page's own language come first. Public rows only: published pages and
    programs.
    """
    terms = search_terms(text)
    title, name = column("title"), column("name")
    pages = _matches(Page.objects.published(), terms, _page_condition)
    programs = _matches(Program.objects.published(), terms, _program_condition)
    deployments = _matches(DisasterDeployment.objects.all(), terms, _deployment_condition)
    dispatches = _matches(ExpertDispatch.objects.all(), terms, _dispatch_condition)
    groups = [
        _group(
            _("Pages"),
            "pages",
            _own_language_first(pages.order_by(title, "title_en")),
            lambda page: Result(
                translated_html(page, "title"),
                page.get_absolute_url(),
                translated_html(page, "summary"),
            ),
        ),
        _group(
            _("Training programs"),
            "programs",
            _own_language_first(programs.select_related("scheme").order_by(name, "name_en")),
            lambda program: Result(
                translated_html(program, "name"),
                program.get_absolute_url(),
                translated_html(program.scheme, "name"),
            ),
        ),
        _group(
            _("Disaster relief deployments"),
            "deployments",
            _own_language_first(deployments.newest_first()),
            lambda deployment: Result(
                str(deployment), deployment.get_absolute_url(), deployment.get_disaster_display()
            ),
        ),
        _group(
            _("Expert dispatches"),
            "dispatches",
            _own_language_first(dispatches.newest_first()),
            lambda dispatch: Result(
                _dispatch_title(dispatch),
                dispatch.get_absolute_url(),
                dispatch.years,
            ),
        ),
    ]
    return groups
