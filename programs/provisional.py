"""Provisional years: a scheme's figures for a year that are not final yet.

Partners send a new year's figures in parts; until staff confirm the year, its figures are
shown marked as provisional (tables, downloads, API) and the headline key figures keep to the
latest complete year. The mark is a row here; confirming the year deletes it. Both are kept in
the history.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

from .models import DATABASE_LAST_YEAR, FIRST_YEAR, last_allowed_year


class ProvisionalYear(TimeStampedModel):
    scheme = models.ForeignKey(
        "programs.Scheme",
        on_delete=models.CASCADE,
        related_name="provisional_years",
        verbose_name=_("scheme"),
        help_text=_("The scheme whose figures for the year are not final yet."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        help_text=_(
            "The year whose figures may still change. Delete this mark once the figures are "
            "confirmed: the home page's key figures then move to this year."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "scheme__display_order", "scheme__name_en"]
        verbose_name = _("provisional year")
        verbose_name_plural = _("provisional years")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "year"],
                name="programs_provisionalyear_one_per_scheme_and_year",
                violation_error_message=_(
                    "This year is already marked provisional for the scheme."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=DATABASE_LAST_YEAR),
                name="programs_provisionalyear_year_in_range",
                violation_error_message=_("The year must be between 1950 and 2100."),
            ),
        ]

    def __str__(self):
        return _("%(scheme)s, %(year)s (provisional)") % {"scheme": self.scheme, "year": self.year}

    def clean(self):
        super().clean()
        last_year = last_allowed_year()
        if self.year is not None and not FIRST_YEAR <= self.year <= last_year:
            raise ValidationError(
                {
                    "year": _("Enter a year between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": last_year}
                }
            )


def is_provisional(scheme_path="program__scheme", year_path="year"):
    """Exists(): the row's scheme has its year marked provisional (for annotate/filter)."""
    return Exists(
        ProvisionalYear.objects.filter(scheme=OuterRef(scheme_path), year=OuterRef(year_path))
    )
