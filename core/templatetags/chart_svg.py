"""The shapes of a chart (templates/includes/chart.html) written in Python.

Across, every x and width is a percentage of the chart's width (see core.charts.Chart).

At 500 programs the programs page draws 500 small charts of some 120 shapes each; through
`{% for %}` loops that took seconds. These filters write the very same SVG in milliseconds.
"""

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def chart_lines(chart):
    return mark_safe(
        "".join(
            f'<line class="{escape(line.css)}" x1="{line.x1}%" y1="{line.y1}" '
            f'x2="{line.x2}%" y2="{line.y2}"/>'
            for line in chart.lines
        )
    )


@register.filter
def chart_rects(chart):
    return mark_safe(
        "".join(
            f'<rect class="{escape(rect.css)}" x="{rect.x}%" y="{rect.y}" '
            f'width="{rect.width}%" height="{rect.height}"/>'
            for rect in chart.rects
        )
    )


def _shift(text):
    return f' dx="{text.dx}"' if text.dx else ""


@register.filter
def chart_texts(chart):
    return mark_safe(
        "".join(
            f'<text class="{escape(text.css)}" x="{text.x}%" y="{text.y}"{_shift(text)} '
            f'text-anchor="{escape(text.anchor)}">{conditional_escape(text.text)}</text>'
            for text in chart.texts
        )
    )
