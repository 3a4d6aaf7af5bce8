"""Small server-rendered SVG bar charts: scales, ticks and bar geometry as plain data.

A chart is computed here as rectangles, lines and texts with their coordinates, and drawn by
`templates/includes/chart.html`. Colours and fonts come from classes in the stylesheet, so the
SVG needs no `style` attribute or script and works under the strict Content Security Policy and
without JavaScript. (pygal was tried first: its SVG carries inline styles and scripts.)

Every chart has a title and a description that lists its values, so a screen reader reads the
same numbers the bars show; each bar also carries its value as text, so colour never carries
the meaning alone.
"""

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# Sizes in SVG user units; the stylesheet sets text at 12 units.
CHAR_WIDTH = 7  # a generous average width of one character of 12-unit text
WIDE_CHAR_WIDTH = 12  # a kanji or kana is as wide as the text is tall
SLOT = 40  # width of one column (bar plus gap) in a column chart
ROW = 22  # height of one row in a horizontal bar chart
PHONE_COLUMN = 288  # the page's column on a 320-pixel screen: the narrowest laid out for
MISSING_HEIGHT = 10  # height of the outlined gap that marks a year not held


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str = "chart-bar"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str = "chart-grid"


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    css: str = "chart-label"
    dx: float = 0  # a shift in pixels from x, which may be a percentage


@dataclass
class Chart:
    """Everything the template draws; `id` makes the title and description ids unique.

    Heights and y are pixels. Across, the x coordinates and widths are percentages of the width
    the page gives the chart (the column, or a grid cell): the chart fills its column at any
    screen width while its text stays at 12 px, where a scaled picture would shrink its text
    on a phone or stand small beside white space on a desktop. `width` is the narrowest width
    in pixels the chart is laid out for (its tick and bar labels fit from there up).
    """

    id: str
    title: str
    description: str
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    # The figure's caption as safe HTML when it differs from the plain `title` of the SVG (a
    # program name not translated yet is marked there with its lang; the SVG title takes none).
    caption: str = ""

    @property
    def empty(self):
        return not any(rect.css == "chart-bar" for rect in self.rects)


def nice_ticks(maximum, count=4):
    """Round tick values from 0 to at least `maximum`: steps of 1, 2 or 5 times a power of ten."""
    if not maximum or maximum <= 0:
        return [0, 1]
    if maximum < count:
        # Small counts (one deployment) get a few whole steps, so a lone bar of 1 reads as
        # "1 of a scale", not as a block filling the whole chart.
        return list(range(0, count + 1))
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(int(step), 1)
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


def fmt(value):
    return number_format(value, force_grouping=True)


def describe(summary, points, missing):
    """The chart's description: a sentence, then every label and its value."""
    if not points:
        return summary
    separator = pgettext("separator between items of a list", "; ")
    values = separator.join(
        pgettext("a chart's label and its value", "%(label)s: %(value)s")
        % {"label": label, "value": missing if value is None else fmt(value)}
        for label, value in points
    )
    return pgettext("a chart's description", "%(summary)s %(values)s.") % {
        "summary": summary,
        "values": values,
    }


def column_chart(
    chart_id,
    title,
    summary,
    points: Sequence[tuple[str, int | None]],
    x_label,
    y_label,
    y_max=None,
    missing=None,
    plot_height=150,
    min_width=280,
    caption="",
):
    """Vertical bars, one per (label, value); a None value draws no bar but a marked gap.

    `y_max` lets small multiples share one scale, so their bars compare fairly; they also use a
    lower `plot_height`, so a phone shows more of them at once. The chart is laid out for
    `min_width` pixels and stretches across (see Chart): bars widen with the column.
    """
    missing = missing or _("not held")
    values = [value for _label, value in points if value is not None]
    ticks = nice_ticks(
        max([y_max or 0, *values]) if values or y_max else 0, 4 if plot_height > 100 else 3
    )
    left = max(CHAR_WIDTH * len(fmt(ticks[-1])) + 10, 30)
    top, bottom, right = 34, 42, 8
    width = max(left + SLOT * len(points) + right, min_width)
    height = top + plot_height + bottom
    plot_width = width - left - right
    slot = plot_width / max(len(points), 1)
    base = top + plot_height

    def x_of(pixels):
        return round(100 * pixels / width, 2)

    def y_of(value):
        return base - plot_height * value / ticks[-1]

    chart = Chart(chart_id, title, describe(summary, points, missing), width, height)
    chart.caption = caption
    chart.texts.append(Text(0, 14, y_label, anchor="start", css="chart-axis-title"))
    for tick in ticks:
        y = round(y_of(tick), 1)
        chart.lines.append(Line(x_of(left), y, x_of(width - right), y))
        chart.texts.append(Text(x_of(left), y + 4, fmt(tick), anchor="end", dx=-6))
    # Show every year label unless they would collide; then every second or third.
    label_every = max(1, math.ceil(CHAR_WIDTH * 4.5 / slot))
    bar_width = min(slot * 0.7, 32 if min_width <= 280 else 56)
    for index, (label, value) in enumerate(points):
        centre = left + slot * (index + 0.5)
        if index % label_every == 0 or index == len(points) - 1:
            chart.texts.append(Text(x_of(centre), base + 16, str(label)))
        if value is None:
            # An outlined, empty bar on the axis and a dash above it: "not held" is seen as
            # plainly as a low bar, not guessed from a gap.
            chart.rects.append(
                Rect(
                    x_of(centre - bar_width / 2),
                    base - MISSING_HEIGHT,
                    x_of(bar_width),
                    MISSING_HEIGHT,
                    css="chart-missing-mark",
                )
            )
            chart.texts.append(
                Text(x_of(centre), base - MISSING_HEIGHT - 5, "–", css="chart-value chart-missing")
            )
            continue
        y = round(y_of(value), 1)
        chart.rects.append(
            Rect(x_of(centre - bar_width / 2), y, x_of(bar_width), round(base - y, 1))
        )
        chart.texts.append(Text(x_of(centre), y - 4, fmt(value), css="chart-value"))
    chart.lines.append(Line(x_of(left), base, x_of(width - right), base, css="chart-axis"))
    chart.texts.append(
        Text(x_of(left + plot_width / 2), height - 4, x_label, css="chart-axis-title")
    )
    return chart


def bar_chart(
    chart_id,
    title,
    summary,
    points: Sequence[tuple[str, int]],
    x_label,
    y_label,
    label_chars=22,
):
    """Horizontal bars, one row per (label, value), in the order given.

    Rows suit long labels ("Feb 2023 Türkiye") and stay readable on a phone screen. Laid out
    for PHONE_COLUMN pixels (at least 96 of them for the bars), and stretched across like every
    chart.
    """
    values = [value for _label, value in points]
    ticks = nice_ticks(max(values, default=0))
    labels = [_shorten(str(label), label_chars) for label, _value in points]
    left = max((text_width(label) for label in labels), default=CHAR_WIDTH * 4) + 10
    top, right = 40, CHAR_WIDTH * (len(fmt(ticks[-1])) + 1)
    plot_width = max(96, PHONE_COLUMN - left - right)
    width = left + plot_width + right
    plot_height = ROW * len(points)
    height = top + plot_height + 24
    base = top + plot_height

    def x_of(pixels):
        return round(100 * pixels / width, 2)

    def value_x(value):
        return left + plot_width * value / ticks[-1]

    chart = Chart(chart_id, title, describe(summary, points, ""), width, height)
    chart.texts.append(Text(0, 14, y_label, anchor="start", css="chart-axis-title"))
    chart.texts.append(Text(x_of(left), 14, x_label, anchor="start", css="chart-axis-title"))
    for tick in ticks:
        x = x_of(value_x(tick))
        chart.lines.append(Line(x, top - 6, x, base))
        chart.texts.append(Text(x, top - 10, fmt(tick)))
    for index, (label, (_full, value)) in enumerate(zip(labels, points, strict=True)):
        y = top + ROW * index
        chart.texts.append(Text(x_of(left), y + ROW / 2 + 4, label, anchor="end", dx=-8))
        end = value_x(value)
        chart.rects.append(Rect(x_of(left), y + 3, x_of(end - left), ROW - 6))
        chart.texts.append(
            Text(x_of(end), y + ROW / 2 + 4, fmt(value), anchor="start", css="chart-value", dx=4)
        )
    chart.lines.append(Line(x_of(left), top - 6, x_of(left), base, css="chart-axis"))
    return chart


def text_width(text):
    """The width of `text` at 12 units, counting Japanese (wide) characters at their width."""
    return sum(
        WIDE_CHAR_WIDTH if unicodedata.east_asian_width(char) in "WF" else CHAR_WIDTH
        for char in text
    )


def _shorten(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
