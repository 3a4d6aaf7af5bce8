"""The body cells of the shared data table (templates/deployments/includes/data_table.html).

Thousands of rows times a handful of cells, each with a few `{% if %}`s, took over a second
through the template engine; this filter writes the very same HTML in a few milliseconds.
"""

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


def cell_text(value):
    """A cell's value as escaped, localised text; plain ints skip localize() (the common case)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return conditional_escape(localize(value))


@register.filter
def data_cells(row):
    """One row's cells: the first a row header, numbers right-aligned, blanks read "none"."""
    none = f'<span class="visually-hidden">{escape(gettext("none"))}</span>'
    parts = []
    for index, cell in enumerate(row):
        tag = "th" if index == 0 else "td"
        opening = '<th scope="row"' if index == 0 else "<td"
        numeric = ' class="num"' if cell.numeric else ""
        text = cell.text
        if text is None or text == "":
            inner = none
        elif cell.url:
            inner = f'<a href="{conditional_escape(cell.url)}">{cell_text(text)}</a>'
        else:
            inner = cell_text(text)
        parts.append(f"{opening}{numeric}>{inner}</{tag}>")
    return mark_safe("\n            ".join(parts))
