"""Live figures of this app, registered in `DeploymentsConfig.ready()`.

Content pages write `{{ figures.jdr.deployments }}` or a placeholder such as "jdr.persons";
every value is computed from the database when a page asks for it.
"""

from .countries import countries_reached
from .models import DisasterDeployment, ExpertDispatch
from .text import country_in_sentence


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
