"""Every country the police worked with: counts per country across deployments and dispatches."""

from dataclasses import dataclass

from django.db.models import Max
from django_countries.fields import Country

from .models import DisasterDeployment, ExpertDispatch


@dataclass(frozen=True)
class CountryActivity:
    """One country/region on the countries page, with its counts."""

    country: Country
    deployments: int = 0
    persons: int = 0
    dispatches_hosted: int = 0
    dispatches_benefiting: int = 0

    @property
    def code(self):
        return self.country.code.lower()

    @property
    def name(self):
        return self.country.name


def country_activity():
    """Every country with a deployment or dispatch, sorted by name: three grouped queries."""
    deployments = DisasterDeployment.objects.per_country()
    hosted = ExpertDispatch.objects.per_host_country()
    benefiting = ExpertDispatch.objects.per_beneficiary_country()
    codes = set(deployments) | set(hosted) | set(benefiting)
    activity = [
        CountryActivity(
            country=Country(code),
            deployments=deployments.get(code, (0, 0))[0],
            persons=deployments.get(code, (0, 0))[1] or 0,
            dispatches_hosted=hosted.get(code, 0),
            dispatches_benefiting=benefiting.get(code, 0),
        )
        for code in codes
    ]
    return sorted(activity, key=lambda item: item.name)


def activity_last_updated():
    """When any deployment or dispatch last changed (None when there are none): two queries."""
    stamps = [
        DisasterDeployment.objects.aggregate(last=Max("updated_at"))["last"],
        ExpertDispatch.objects.aggregate(last=Max("updated_at"))["last"],
    ]
    return max((stamp for stamp in stamps if stamp), default=None)


def countries_reached():
    """Number of distinct countries with any deployment or dispatch, counted in the database."""
    union = (
        DisasterDeployment.objects.order_by()
        .values_list("country")
        .union(
            ExpertDispatch.objects.order_by().values_list("country"),
            ExpertDispatch.objects.exclude(beneficiary="").order_by().values_list("beneficiary"),
        )
    )
    return union.count()
