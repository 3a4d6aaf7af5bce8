"""Live figures of this app, registered in `DeploymentsConfig.ready()`.

Content pages write `{{ figures.jdr.deployments }}` or a placeholder such as "jdr.persons";
every value is computed from the database when a page asks for it.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .choices import Team
from .countries import countries_reached
from .models import DisasterDeployment, ExpertDispatch
from .text import country_in_sentence

JDR_MEANINGS = {
    "deployments": _("Deployments of police officials with Japan Disaster Relief teams"),
    "persons": _("Police officials sent, all deployments added up"),
    "countries": _("Countries and regions deployed to"),
    "first_month_year": _("Month and year of the first deployment"),
    "first_year": _("Year of the first deployment"),
    "latest_month_year": _("Month and year of the latest deployment"),
    "latest_year": _("Year of the latest deployment"),
    "latest_country": _("Country or region of the latest deployment"),
    "latest_persons": _("Police officials sent in the latest deployment"),
}
for _team in Team:
    _key = _team.value.replace("-", "_")
    JDR_MEANINGS[f"{_key}_team"] = format_lazy(_("{team}: deployments"), team=_team.label)
    JDR_MEANINGS[f"{_key}_team_persons"] = format_lazy(
        _("{team}: police officials sent"), team=_team.label
    )

DISPATCH_MEANINGS = {
    "count": _("Expert dispatches recorded"),
    "countries": _("Host countries and regions of the dispatches"),
    "first_year": _("Year the first dispatch began"),
    "latest_year": _("Latest year a dispatch ran"),
}

COUNTRY_MEANINGS = {
    "reached": _(
        "Countries and regions with a disaster relief deployment or an expert dispatch, "
        "including those whose police a dispatch trained"
    ),
}


def jdr_figures():
    """Namespace "jdr": the disaster relief deployments."""
    summary = DisasterDeployment.objects.summary()
    first, latest = summary.first, summary.latest
    figures = {
        "deployments": summary.count,
        "persons": summary.persons,
        "countries": summary.countries,
        "first_month_year": first.month_year if first else "",
        "first_year": first.year if first else None,
        "latest_month_year": latest.month_year if latest else "",
        "latest_year": latest.year if latest else None,
        "latest_country": country_in_sentence(latest.country) if latest else "",
        "latest_persons": latest.persons if latest else None,
    }
    for total in summary.by_team:
        # "rescue_team", "search_support_team", "forensic_team", "other_team"
        key = total.team.value.replace("-", "_")
        figures[f"{key}_team"] = total.count
        figures[f"{key}_team_persons"] = total.persons
    return figures


def dispatch_figures():
    """Namespace "dispatches": the expert dispatches."""
    summary = ExpertDispatch.objects.summary()
    return {
        "count": summary["count"],
        "countries": summary["countries"],
        "first_year": summary["first_year"],
        "latest_year": summary["latest_year"],
    }


def country_figures():
    """Namespace "countries": countries and regions the police worked in or for."""
    return {"reached": countries_reached()}
