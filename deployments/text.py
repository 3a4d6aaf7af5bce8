"""The words and names the deployments pages build from data: "June 1990", "6 persons", a
country's name in the active language, a choice's label. Remembered where a big table asks for
the same name thousands of times."""

from functools import lru_cache

from django.utils.dates import MONTHS
from django.utils.translation import get_language, ngettext
from django_countries.fields import Country


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


def month_year(year, month):
    """'June 1990', as the source writes dates."""
    return f"{MONTHS[month]} {year}"


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
