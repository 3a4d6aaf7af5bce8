"""Training programs for overseas police officers and their yearly figures.

A `Scheme` is one table on the public page (the JICA co-creation programs, programs the police
run on their own, ...), a `Program` is one row of it and an `AnnualFigure` is one year's pair of
numbers for that row. A year in which a program did not run has no `AnnualFigure` at all: the
page shows a blank "not held" cell, never a zero.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedText, unique_when_filled
from core.models import SlugFromNameMixin, TimeStampedModel, slug_not_empty
from core.scheduling import ScheduledPublishing, window_in_order

from .querysets import AnnualFigureQuerySet, ProgramQuerySet

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
from .provisional import ProvisionalYear  # noqa: E402, F401
