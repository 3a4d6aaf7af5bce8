"""Dates, year ranges and sentences in the active language: "June 1990" / 「1990年6月」,
"2013–2016" / 「2013～2016年」, two sentences joined with a space / without one after 「。」.
Months come from the format module of the language (npa_portal/formats); ranges are messages,
because Japanese puts the counter 年 after the range, not after each year.
"""

import re
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext


@lru_cache(maxsize=4096)
def _month_year(year, month, language):
    return date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


def month_year(year, month):
    """'June 1990', 「1990年6月」; remembered, since a long table asks for the same months."""
    return _month_year(year, month, get_language())


def year_text(year):
    """'2011', 「2011年」."""
    return pgettext("one year, as in a table cell", "%(year)s") % {"year": year}


def year_range(first, last):
    """'2013–2016' (an en dash), 「2013～2016年」; one year alone when first equals last."""
    if last is None or first is None or first == last:
        return year_text(first if first is not None else last)
    return pgettext("a range of years", "%(first)s–%(last)s") % {"first": first, "last": last}


# What goes between two sentences, by language: Japanese runs them on after 「。」.
SENTENCE_JOINERS = {"ja": ""}
_BETWEEN_SENTENCES = re.compile(r"(?<=[.!?。！？])\s+")


def join_sentences(text):
    """`text`'s sentences joined by the active language's rule: one space after an English
    full stop, none after a Japanese one. Only white space changes, so safe text stays safe."""
    joiner = SENTENCE_JOINERS.get((get_language() or "").split("-")[0], " ")
    joined = _BETWEEN_SENTENCES.sub(joiner, text.strip())
    return mark_safe(joined) if isinstance(text, SafeString) else joined  # noqa: S308
