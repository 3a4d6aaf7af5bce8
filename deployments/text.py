"""The words and names the deployments pages build from data: "June 1990", "6 persons", a
country's name in the active language, a choice's label. Remembered where a big table asks for
the same name thousands of times."""

import csv
from functools import lru_cache
from pathlib import Path

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from core.text import month_year, year_range  # noqa: F401 (the deployments pages' words)


@lru_cache(maxsize=4096)
def _country_name(code, language):
    return Country(code).name


def country_name(code):
    """A country's name in the active language, remembered: django-countries takes ~0.4 ms a
    lookup, which made a 2,000-row table spend most of its time naming countries."""
    return _country_name(str(code), get_language())


@lru_cache(maxsize=1024)
def _choice_label(choices, value, language):
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def choice_label(choices, value):
    """The label of `value` in the active language, remembered (Django's get_FOO_display()
    translates every label of the field on each call)."""
    return _choice_label(choices, value, get_language())


def with_count(label, count):
    """A filter choice with the number of rows it would show: "Earthquake (14)", 「地震（14）」."""
    return pgettext("a filter choice and its count", "%(label)s (%(count)s)") % {
        "label": label,
        "count": count,
    }


def persons_text(persons):
    """'6 persons', '1 person'."""
    return ngettext("%(count)d person", "%(count)d persons", persons) % {"count": persons}


def countries_text(count):
    """'16 countries and regions', '1 country or region'."""
    return ngettext("%(count)d country or region", "%(count)d countries and regions", count) % {
        "count": count
    }


def host_countries_text(count):
    """'3 host countries', '1 host country'."""
    return ngettext("%(count)d host country", "%(count)d host countries", count) % {"count": count}


# Countries whose English name takes "the" inside a sentence ("went to the Philippines"). Data,
# not a rule: add a code here when a new country's name needs it.
THE_IN_SENTENCES = frozenset(
    {"AE", "BS", "CF", "CD", "DO", "GB", "GM", "KM", "KY", "MH", "MV", "NL", "PH", "SB", "US", "VA"}
)


def country_in_sentence(code):
    """A country's name as it reads inside a sentence: "the Philippines", "Nepal"."""
    name = country_name(code)
    if str(code).upper() in THE_IN_SENTENCES:
        return pgettext("country name inside a sentence", "the %(country)s") % {"country": name}
    return name


def experts_text(dispatch, role=None):
    """The experts of a dispatch as one cell: "2 long-term experts; 1 short-term expert",
    "judo instructors, number not stated", or "not stated" when the source gives nothing.

    `role`, when given, is the role as safe HTML (the page marks a role not translated yet with
    its language); the result is then safe HTML too.
    """
    html = role is not None
    counts = [dispatch.long_term_experts, dispatch.short_term_experts, dispatch.other_experts]
    if all(count is None for count in counts):
        return str(_("not stated"))
    if not html:
        role = dispatch.other_experts_role
    kinds = [
        (
            dispatch.long_term_experts,
            lambda n: ngettext("%(count)d long-term expert", "%(count)d long-term experts", n),
            _("long-term experts, number not stated"),
        ),
        (
            dispatch.short_term_experts,
            lambda n: ngettext("%(count)d short-term expert", "%(count)d short-term experts", n),
            _("short-term experts, number not stated"),
        ),
        (
            dispatch.other_experts,
            (lambda n: _("%(role)s: %(count)d"))
            if role
            else (lambda n: ngettext("%(count)d other expert", "%(count)d other experts", n)),
            _("%(role)s, number not stated") if role else _("other experts, number not stated"),
        ),
    ]
    wrap = conditional_escape if html else str
    parts = []
    for count, known, unknown in kinds:
        if count is None:
            parts.append(wrap(unknown) % {"role": role})
        elif count:
            parts.append(wrap(known(count)) % {"count": count, "role": role})
    text = wrap(pgettext("separator between items of a list", "; ")).join(parts)
    return mark_safe(text) if html else text  # noqa: S308 - every part escaped or marked


@lru_cache(maxsize=1)
def other_country_names():
    """{code: [other English names]} from data/country_other_names.csv: names a visitor may
    search for that django-countries does not use (Turkey for Türkiye, East Timor, Burma)."""
    names = {}
    path = Path(__file__).resolve().parent / "data" / "country_other_names.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            names.setdefault(line["code"], []).append(line["other_name"])
    return names
