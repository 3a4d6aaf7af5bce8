"""What the programs pages ask of many programs or figures at once: the one "published" rule,
orderings, totals and light rows, each computed in the database."""

from typing import NamedTuple

from django.db import models
from django.db.models import Count, Max, Min, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from core.i18n import shown_text
from core.scheduling import live_window


class ProgramQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one definition of "visible to the public": ticked "published", and the clock
        inside the program's publishing window (core.scheduling)."""
        return self.filter(live_window(now=now), published=True)

    def approved(self):
        """Programs ticked "published", whether or not their window is open yet."""
        return self.filter(published=True)

    def with_totals(self):
        """Each program with years_run, first_year, latest_year and total_participants."""
        return self.annotate(
            years_run=Count("figures"),
            first_year=Min("figures__year"),
            latest_year=Max("figures__year"),
            total_participants=Sum("figures__participants"),
        )

    def last_updated(self):
        """When any of these programs, their schemes or their figures last changed (or None)."""
        return self.span_and_stamps()["last_updated"]

    def span_and_stamps(self):
        """In one query, what a page about these programs states: the first and last year of
        their figures, when the figures last changed ("figures_modified", the dataset's
        dateModified) and when anything shown did ("last_updated")."""
        stats = self.aggregate(
            first_year=Min("figures__year"),
            last_year=Max("figures__year"),
            figures_modified=Max("figures__updated_at"),
            program=Max("updated_at"),
            scheme=Max("scheme__updated_at"),
        )
        stamps = (stats.pop("program"), stats.pop("scheme"), stats["figures_modified"])
        stats["last_updated"] = max((stamp for stamp in stamps if stamp), default=None)
        return stats


class FigureRow(NamedTuple):
    """An annual figure as a plain tuple, with the attributes the tables read."""

    program: object  # a Program
    year: int
    participants: int
    countries: int
    note_en: str
    note_ja: str
    program_id: int
    # The scheme's year is marked provisional (programs/provisional.py).
    provisional: bool = False

    @property
    def note(self):
        return shown_text(self, "note").text


class AnnualFigureQuerySet(models.QuerySet):
    def published(self, now=None):
        """Figures of published programs only (`ProgramQuerySet.published()` through the
        program)."""
        return self.filter(live_window("program__", now), program__published=True)

    def between(self, first=None, last=None):
        """Figures from year `first` to year `last`, both included; None leaves that side open."""
        queryset = self
        if first is not None:
            queryset = queryset.filter(year__gte=first)
        if last is not None:
            queryset = queryset.filter(year__lte=last)
        return queryset

    def in_table_order(self):
        """Ordered as the tables list them: scheme, program, year (and id, for stable pages)."""
        return self.order_by(
            "program__scheme__display_order",
            "program__scheme__name_en",
            "program__display_order",
            "program__name_en",
            "year",
            "pk",
        )

    def light_rows(self, chunk_size=2000):
        """These figures, in order, as `FigureRow` tuples instead of model instances.

        Two queries however many rows: the programs involved (with their schemes) first, then
        the figures' values, read `chunk_size` rows at a time. Building 20,000 model instances
        took over a second; tuples take a few milliseconds. Rows sharing a program share one
        Program instance.
        """
        programs = self.model.program.field.related_model.objects.filter(
            pk__in=self.values("program_id")
        ).select_related("scheme")
        by_id = {program.pk: program for program in programs}
        values = self.with_provisional().values_list(
            "program_id", "year", "participants", "countries", "note_en", "note_ja", "provisional"
        )
        for program_id, *cells, provisional in values.iterator(chunk_size):
            yield FigureRow(by_id[program_id], *cells, program_id, provisional)

    def participants_by_scheme_and_year(self):
        """{(scheme_id, year): participants}: the totals row of each scheme's table, in one query.

        Countries are deliberately not summed: one country may send officers to several
        programs, so a sum would count it more than once.
        """
        rows = (
            self.order_by()
            .values_list("program__scheme_id", "year")
            .annotate(participants=Sum("participants"))
        )
        return {(scheme_id, year): participants for scheme_id, year, participants in rows}

    def totals(self):
        """Participants, years and year range of these figures, in one query."""
        return self.aggregate(
            participants=Coalesce(Sum("participants"), 0),
            years=Count("year", distinct=True),
            first_year=Min("year"),
            latest_year=Max("year"),
        )

    def with_provisional(self):
        """Each figure with `provisional`: its scheme's year is marked provisional."""
        from .provisional import is_provisional  # it imports the models, which import this

        return self.annotate(provisional=is_provisional())

    def summary(self):
        """The live figures of the "programs" namespace (except programs_total), in one query.

        "Latest year" is the latest complete year: a year that any scheme has marked
        provisional is left out until staff confirm it (programs/provisional.py).
        """
        from .provisional import ProvisionalYear  # it imports the models, which import this

        complete = ~Q(year__in=ProvisionalYear.objects.values("year"))
        latest_year = self.filter(complete).order_by("-year").values("year")[:1]
        in_latest_year = Q(year=Subquery(latest_year))
        return self.aggregate(
            first_year=Min("year"),
            latest_year=Max("year", filter=complete),
            programs_latest_year=Count("program", distinct=True, filter=in_latest_year),
            participants_latest_year=Coalesce(Sum("participants", filter=in_latest_year), 0),
            participants_total=Coalesce(Sum("participants"), 0),
        )
