"""The disaster relief charts: persons per deployment in date order, deployments per disaster.

Both follow the page's filters: the timeline reads the table's own rows, and the counts come
from one grouped query over the same filtered deployments.
"""

from datetime import date

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.charts import bar_chart

from .choices import DisasterType


def disaster_relief_charts(rows, per_disaster, id_prefix=""):
    """{"timeline": Chart or None, "by_disaster": Chart or None (fewer than two types)}.

    `rows` are the shown deployments in any order; `per_disaster` is {disaster value: count}.
    """
    if not rows:
        return {"timeline": None, "by_disaster": None}
    dated = sorted(rows, key=lambda row: (row.year, row.month))
    timeline = bar_chart(
        f"{id_prefix}chart-jdr-timeline",
        _("Police officials sent per deployment, oldest first"),
        _("Bar chart, one bar per deployment in date order, of the police officials sent."),
        [(_when_where(row), row.persons) for row in dated],
        x_label=_("Persons"),
        y_label=_("Deployment"),
    )
    counts = [
        (disaster.label, per_disaster[disaster.value])
        for disaster in DisasterType
        if per_disaster.get(disaster.value)
    ]
    # Filtered down to one type of disaster, the chart would be one bar that compares nothing
    # (the sentence above the table already says how many deployments are shown).
    by_disaster = (
        bar_chart(
            f"{id_prefix}chart-jdr-disasters",
            _("Deployments by type of disaster"),
            _("Bar chart of the number of deployments for each type of disaster."),
            counts,
            x_label=_("Deployments"),
            y_label=_("Disaster"),
        )
        if len(counts) > 1
        else None
    )
    return {"timeline": timeline, "by_disaster": by_disaster}


def _when_where(row):
    """'Feb 2023 Türkiye', 「2023年2月 トルコ」: short enough for a bar's label."""
    when = format_date(date(row.year, row.month, 1), pgettext("short month and year", "M Y"))
    return pgettext("a bar's label: when and where", "%(when)s %(country)s") % {
        "when": when,
        "country": row.country.name,
    }
