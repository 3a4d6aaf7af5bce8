"""The training participants charts: total per year, and one small chart per program.

The charts read the same filtered figures as the tables beside them (the small multiples read
the tables' own rows; the totals come from one aggregate query), so they follow the year filter.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.charts import column_chart
from core.i18n import translated_html, translated_plain
from core.text import year_range

# Beyond this many programs on one page, one chart each is too many to read (and to draw:
# hundreds of charts made the page 60 times heavier); each program's own page keeps its chart.
MAX_PROGRAM_CHARTS = 40


def participants_charts(tables, participants_by_year, id_prefix=""):
    """{"total": Chart or None, "programs": [Chart]} for the given scheme tables.

    With more than MAX_PROGRAM_CHARTS programs, "programs" is empty and "programs_not_drawn"
    says how many programs there are, for the page to explain.

    Every program's chart spans the same years and shares one scale, so bars compare fairly.
    """
    years = sorted({year for table in tables for year in table.years} | set(participants_by_year))
    if not years:
        return {"total": None, "programs": []}
    span = year_range(years[0], years[-1])
    total = column_chart(
        f"{id_prefix}chart-participants-total",
        _("Total participants per year, all programs, %(span)s") % {"span": span},
        _("Bar chart of the overseas officers trained each year, all programs together."),
        [(year, participants_by_year.get(year)) for year in years],
        x_label=_("Year"),
        y_label=_("Participants"),
        missing=_("none"),
        # Laid out for a phone's column; it stretches to the page's reading column.
        min_width=320,
    )
    rows = [row for table in tables for row in table.rows]
    if len(rows) > MAX_PROGRAM_CHARTS:
        return {"total": total, "programs": [], "programs_not_drawn": len(rows)}
    shared_max = max(
        (figure.participants for row in rows for figure in row.figures.values()), default=0
    )
    programs = [
        column_chart(
            f"{id_prefix}chart-program-{row.program.slug}",
            translated_plain(row.program, "name"),
            _("Bar chart of participants per year in %(program)s, %(span)s.")
            % {"program": translated_plain(row.program, "name"), "span": span},
            [(year, row.value(year, "participants")) for year in years],
            x_label=_("Year"),
            y_label=_("Participants"),
            y_max=shared_max,
            plot_height=90,
            caption=translated_html(row.program, "name"),
        )
        for row in rows
    ]
    return {"total": total, "programs": programs}


def program_chart(program, rows):
    """One program's own series, from its page's year rows (None where it was not held)."""
    if not rows:
        return None
    title = _("%(program)s: participants per year")
    return column_chart(
        "chart-program",
        title % {"program": translated_plain(program, "name")},
        _("Bar chart of participants per year; a dash marks a year the program was not held."),
        [(row.year, row.participants) for row in rows],
        x_label=_("Year"),
        y_label=_("Participants"),
        # The program's name marked with its language where it is not translated yet.
        caption=mark_safe(  # noqa: S308 - the sentence escaped, the name built by format_html
            conditional_escape(title) % {"program": translated_html(program, "name")}
        ),
    )
