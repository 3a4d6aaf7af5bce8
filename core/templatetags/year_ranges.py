"""`{{ first|year_range:last }}`: "2013–2016" in English, 「2013～2016年」 in Japanese."""

from django import template

from core import text

register = template.Library()


@register.filter
def year_range(first, last):
    return text.year_range(first, last)
