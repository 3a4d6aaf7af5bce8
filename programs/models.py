"""Training programs for overseas police officers and their yearly figures.

A `Scheme` is one table on the public page (the JICA co-creation programs, programs the police
run on their own, ...), a `Program` is one row of it and an `AnnualFigure` is one year's pair of
numbers for that row. A year in which a program did not run has no `AnnualFigure` at all: the
page shows a blank "not held" cell, never a zero.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Max, Min, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedText, shown_text, unique_when_filled
from core.models import SlugFromNameMixin, TimeStampedModel, slug_not_empty
from core.scheduling import ScheduledPublishing, live_window, window_in_order

FIRST_YEAR = 1950
# The real upper bound is "next year", which moves, and a database CHECK constraint must be
# immutable (PostgreSQL refuses CURRENT_DATE in one). The CHECK therefore holds a fixed,
# generous bound that still catches typos such as 20189; `AnnualFigure.clean()` applies the
# moving "next year" bound with a message for every form, import and admin edit, and a
# database trigger (migration 0004) refuses a later year on every write.
DATABASE_LAST_YEAR = 2100


def last_allowed_year():
    """Figures may be entered up to next year, for programs already scheduled."""
    return timezone.localdate().year + 1


class Scheme(SlugFromNameMixin, TimeStampedModel):
    slug_fallback = "scheme"

    name = TranslatedText(
        models.CharField(
            _("name"),
            max_length=200,
            unique=True,
            help_text=_(
                "Shown as the caption of this scheme's table, e.g. the JICA co-creation programs."
            ),
        )
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "Used in links and by content pages that embed the table. Filled in from the name."
        ),
    )
    description = TranslatedText(
        models.TextField(
            _("short description"),
            blank=True,
            help_text=_("One or two sentences shown above the table."),
        )
    )
    display_order = models.PositiveIntegerField(
        _("display order"),
        default=0,
        help_text=_("Schemes are listed from the lowest number to the highest."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["display_order", "name_en"]
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        constraints = [
            slug_not_empty(_("A scheme needs a slug.")),
            unique_when_filled("name_ja", _("Another scheme already has this Japanese name.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:index") + f"#scheme-{self.slug}"


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


class Program(SlugFromNameMixin, ScheduledPublishing, TimeStampedModel):
    slug_fallback = "program"

    name = TranslatedText(
        models.CharField(
            _("name"),
            max_length=200,
            unique=True,
            help_text=_("The program's title as it appears in the table."),
        )
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "The program's web address. Made from the name when the program is first saved and "
            "kept when the name changes later, so links keep working."
        ),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("scheme"),
        help_text=_("The table this program belongs to."),
    )
    description = TranslatedText(
        models.TextField(
            _("description"),
            blank=True,
            help_text=_("Optional. Shown on the program's own page."),
        )
    )
    display_order = models.PositiveIntegerField(
        _("display order"),
        default=0,
        help_text=_("Rows are listed from the lowest number to the highest, then by name."),
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Tick to show this program and its figures on the public pages."),
    )

    history = HistoricalRecords()
    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name_en"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        # Editors enter programs; what the public sees is the Publishers' call.
        permissions = [("publish_program", _("Can publish and unpublish programs"))]
        constraints = [
            slug_not_empty(_("A program needs a slug.")),
            unique_when_filled("name_ja", _("Another program already has this Japanese name.")),
            window_in_order(),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:detail", kwargs={"slug": self.slug})


class FigureRow(NamedTuple):
    """An annual figure as a plain tuple, with the attributes the tables read."""

    program: "Program"
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
        programs = Program.objects.filter(pk__in=self.values("program_id")).select_related("scheme")
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
        return self.annotate(provisional=is_provisional())

    def summary(self):
        """The live figures of the "programs" namespace (except programs_total), in one query.

        "Latest year" is the latest complete year: a year that any scheme has marked
        provisional is left out until staff confirm it (programs/provisional.py).
        """
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


class AnnualFigure(TimeStampedModel):
    program = models.ForeignKey(
        Program,
        on_delete=models.CASCADE,
        related_name="figures",
        verbose_name=_("program"),
        help_text=_("Type part of the program's name to find it."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        help_text=_("The year the program ran, from 1950 to next year."),
    )
    participants = models.PositiveIntegerField(
        _("participants"),
        help_text=_("Number of officers who took part; at least 1."),
    )
    countries = models.PositiveIntegerField(
        _("countries"),
        help_text=_(
            "Number of countries the participants came from; at least 1 and no more than the "
            "participants, as each country sends at least one officer."
        ),
    )
    note = TranslatedText(
        models.CharField(
            _("note"),
            max_length=300,
            blank=True,
            help_text=_("Optional, shown on the program's page, e.g. 'held online'."),
        )
    )

    history = HistoricalRecords()
    objects = AnnualFigureQuerySet.as_manager()

    class Meta:
        ordering = ["program", "year"]
        verbose_name = _("annual figure")
        verbose_name_plural = _("annual figures")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year"],
                name="programs_annualfigure_one_per_program_and_year",
                violation_error_message=_("This program already has figures for that year."),
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1),
                name="programs_annualfigure_participants_at_least_one",
                violation_error_message=_("A program that ran had at least one participant."),
            ),
            models.CheckConstraint(
                condition=Q(countries__gte=1) & Q(countries__lte=F("participants")),
                name="programs_annualfigure_countries_within_participants",
                violation_error_message=_(
                    "Countries must be at least 1 and no more than the participants."
                ),
            ),
            models.CheckConstraint(
                # See DATABASE_LAST_YEAR: "next year" itself is checked in clean().
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=DATABASE_LAST_YEAR),
                name="programs_annualfigure_year_in_range",
                violation_error_message=_("The year must be between 1950 and 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.program} ({self.year})" if self.program_id else str(self.year)

    def clean(self):
        super().clean()
        errors = {}
        last_year = last_allowed_year()
        if self.year is not None and not FIRST_YEAR <= self.year <= last_year:
            errors["year"] = _("Enter a year between %(first)s and %(last)s.") % {
                "first": FIRST_YEAR,
                "last": last_year,
            }
        if self.participants is not None and self.participants < 1:
            errors["participants"] = _(
                "Enter at least 1 participant. If the program did not run that year, "
                "leave the year out instead of entering 0."
            )
        if self.countries is not None:
            if self.countries < 1:
                errors["countries"] = _("Enter at least 1 country.")
            elif self.participants is not None and self.countries > self.participants:
                errors["countries"] = _(
                    "There cannot be more countries (%(countries)s) than participants "
                    "(%(participants)s): each country sends at least one participant."
                ) % {"countries": self.countries, "participants": self.participants}
        if errors:
            raise ValidationError(errors)


LIVE_FIGURE_MEANINGS = {
    "first_year": _("First year with published figures"),
    "latest_year": _("Latest year with complete figures (not provisional)"),
    "programs_latest_year": _("Programs held in the latest year"),
    "participants_latest_year": _("Participants in the latest year"),
    "participants_total": _("Participants, all years added up"),
    "programs_total": _("Published programs"),
}


def live_figures():
    """The "programs" namespace of the site's live figures (see core.figures)."""
    return {
        **AnnualFigure.objects.published().summary(),
        "programs_total": Program.objects.published().count(),
    }


# Defined in its own module (one idea: a year's figures not final yet); imported here so that
# Django finds the model.
from .provisional import ProvisionalYear, is_provisional  # noqa: E402, F401
