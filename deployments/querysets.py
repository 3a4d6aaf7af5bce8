"""What the deployments pages ask of many rows at once: orderings, filters and totals, each
computed in the database (`DisasterDeployment.objects.summary()`, `.per_country()`, ...)."""

from django.db import models
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from .choices import Team
from .summaries import DeploymentSummary, TeamTotal
from .text import host_countries_text


class DisasterDeploymentQuerySet(models.QuerySet):
    def chronological(self):
        return self.order_by("year", "month", "country", "team")

    def newest_first(self):
        return self.order_by("-year", "-month", "country", "team")

    def summary(self):
        """Totals of these deployments, computed in the database (three queries).

        Returns a DeploymentSummary: count, persons, countries, first and latest deployment,
        and the count and persons per team (every team, zero included, in choice order).
        """
        team_counts = {}
        for team in Team:
            team_counts[f"{team.value}_count"] = Count("pk", filter=Q(team=team))
            team_counts[f"{team.value}_persons"] = Sum("persons", filter=Q(team=team))
        # Aggregate names must not be field names ("persons", "country").
        totals = self.aggregate(
            total_count=Count("pk"),
            total_persons=Sum("persons"),
            country_count=Count("country", distinct=True),
            last_updated=Max("updated_at"),
            **team_counts,
        )
        by_team = [
            TeamTotal(
                team=team,
                count=totals[f"{team.value}_count"],
                persons=totals[f"{team.value}_persons"] or 0,
            )
            for team in Team
        ]
        return DeploymentSummary(
            count=totals["total_count"],
            persons=totals["total_persons"] or 0,
            countries=totals["country_count"],
            first=self.chronological().first(),
            latest=self.newest_first().first(),
            by_team=by_team,
            last_updated=totals["last_updated"],
        )

    def facet_counts(self, field_name):
        """{value: number of deployments} for one field, in one grouped query."""
        rows = self.order_by().values_list(field_name).annotate(n=Count("pk"))
        return dict(rows)

    def per_country(self):
        """{country code: (deployments, persons)} in one grouped query."""
        rows = self.order_by().values_list("country").annotate(n=Count("pk"), p=Sum("persons"))
        return {code: (n, persons) for code, n, persons in rows}


class ExpertDispatchQuerySet(models.QuerySet):
    def newest_first(self):
        """Most recent activity first: by last year (or only year), then by first year."""
        return self.annotate(last_year=Coalesce("end_year", "start_year")).order_by(
            "-last_year", "-start_year", "country", "pk"
        )

    def involving(self, code):
        """Dispatches hosted by the country or for its officers' benefit."""
        return self.filter(Q(country=code) | Q(beneficiary=code))

    def overlapping(self, year_from=None, year_to=None):
        """Dispatches active at some time within the year range."""
        qs = self
        if year_from is not None:
            qs = qs.filter(
                Q(end_year__gte=year_from) | Q(end_year__isnull=True, start_year__gte=year_from)
            )
        if year_to is not None:
            qs = qs.filter(start_year__lte=year_to)
        return qs

    def summary(self):
        """{count, countries (hosts), first_year, latest_year, last_updated}: one query."""
        totals = self.aggregate(
            total_count=Count("pk"),
            last_updated=Max("updated_at"),
            country_count=Count("country", distinct=True),
            first_year=Min("start_year"),
            latest_year=Max(Coalesce("end_year", "start_year")),
        )
        totals["count"] = totals.pop("total_count")
        totals["countries"] = totals.pop("country_count")
        totals["countries_text"] = host_countries_text(totals["countries"])
        return totals

    def per_host_country(self):
        """{country code: dispatches hosted} in one grouped query."""
        return dict(self.order_by().values_list("country").annotate(n=Count("pk")))

    def per_beneficiary_country(self):
        """{country code: dispatches for its officers, hosted elsewhere} in one grouped query."""
        rows = self.exclude(beneficiary="").order_by().values_list("beneficiary")
        return dict(rows.annotate(n=Count("pk")))
