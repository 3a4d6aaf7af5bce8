"""Dates and year ranges in the active language: "June 1990" / 「1990年6月」, "2013–2016" /
「2013～2016年」. Months come from the format module of the language (npa_portal/formats);
ranges are messages, because Japanese puts the counter 年 after the range, not after each year.
"""

from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
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
