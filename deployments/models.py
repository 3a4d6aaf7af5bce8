"""Police officials sent abroad: Japan Disaster Relief (JDR) deployments and expert dispatches.

Countries are django-countries ISO 3166 codes. Its English names include "Taiwan" (the source's
column says "Country/Region") and use "Türkiye" for TR, the name Japan and the UN have used
since 2022; the source page, older, says "Turkey".
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedText
from core.models import TimeStampedModel

from .choices import DisasterType, Team
from .querysets import DisasterDeploymentQuerySet, ExpertDispatchQuerySet
from .text import choice_label, country_in_sentence, month_year, persons_text, year_range

# The JDR Law dates from 1987; no deployment with a JDR team can be older.
FIRST_JDR_YEAR = 1987
# Police expert dispatches go back further than the JDR; this only stops typing slips.
FIRST_DISPATCH_YEAR = 1950
# "Not later than the current month/year" cannot be a CHECK constraint: a CHECK must give the
# same answer for a row whenever it is evaluated (PostgreSQL assumes CHECK expressions are
# immutable; a dump restored later would be judged against a different "now"). So clean()
# enforces "not in the future" with a message, a database trigger refuses a deployment after
# the current month as it is written (migration 0003), and the CHECK keeps this wide, fixed
# bound against typing slips such as 20023.
LAST_POSSIBLE_YEAR = 2100
EXPERT_COUNT_FIELDS = ("long_term_experts", "short_term_experts", "other_experts")
NO_EXPERTS_MESSAGE = _(
    "A dispatch sends at least one expert: not every number can be 0 (leave a number blank "
    "when it is not stated)."
)


class DisasterDeployment(TimeStampedModel):
    """Police officials who went abroad with a JDR team after one disaster."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_JDR_YEAR), MaxValueValidator(LAST_POSSIBLE_YEAR)],
        help_text=_("Year the team left Japan."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        choices=list(MONTHS.items()),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Month the team left Japan. The source gives month and year, not the day."),
    )
    country = CountryField(
        _("country/region"), help_text=_("Where the disaster happened and the team worked.")
    )
    place = TranslatedText(
        models.CharField(
            _("place"),
            max_length=200,
            blank=True,
            help_text=_("Optional: city or area within the country, e.g. Kahramanmaraş."),
        )
    )
    disaster = models.CharField(
        _("disaster"),
        max_length=20,
        choices=DisasterType.choices,
        default=DisasterType.EARTHQUAKE,
        help_text=_(
            "The kind of disaster; choose “Other” and explain in the summary if none fits."
        ),
    )
    team = models.CharField(
        _("team"),
        max_length=20,
        choices=Team.choices,
        default=Team.RESCUE,
        help_text=_("The JDR team the police officials joined."),
    )
    persons = models.PositiveIntegerField(
        _("persons dispatched"),
        validators=[MinValueValidator(1)],
        help_text=_("Number of police officials sent; at least 1."),
    )
    summary = TranslatedText(
        models.TextField(
            _("summary"),
            blank=True,
            help_text=_("Optional: a sentence or two on what the team did."),
        )
    )
    source_url = models.URLField(
        _("source link"),
        blank=True,
        help_text=_("Optional: the announcement or report this row comes from."),
    )

    history = HistoricalRecords()
    objects = DisasterDeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["year", "month", "country", "team"]
        verbose_name = _("disaster relief deployment")
        verbose_name_plural = _("disaster relief deployments")
        constraints = [
            models.CheckConstraint(
                condition=Q(persons__gte=1),
                name="deployment_persons_at_least_one",
                violation_error_message=_("At least one person must have been dispatched."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="deployment_month_1_to_12",
                violation_error_message=_("The month must be between 1 (January) and 12."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_JDR_YEAR, year__lte=LAST_POSSIBLE_YEAR),
                name="deployment_year_in_range",
                violation_error_message=format_lazy(
                    _("The year must be {first} or later: JDR teams exist since {first}."),
                    first=FIRST_JDR_YEAR,
                ),
            ),
            models.UniqueConstraint(
                fields=["year", "month", "country", "team"],
                name="deployment_unique_month_country_team",
                violation_error_message=_(
                    "This team already has a deployment to this country in this month. "
                    "Edit that row instead of adding a second one."
                ),
            ),
        ]

    def __str__(self):
        return _("%(when)s: %(team)s to %(country)s") % {
            "when": self.month_year,
            "team": self.get_team_display(),
            "country": self.country.name,
        }

    def get_absolute_url(self):
        return reverse("deployments:country_detail", args=[self.country.code.lower()])

    def get_disaster_display(self):
        return choice_label(DisasterType, self.disaster)

    def get_team_display(self):
        return choice_label(Team, self.team)

    @property
    def month_year(self):
        return month_year(self.year, self.month)

    @property
    def country_in_sentence(self):
        return country_in_sentence(self.country)

    @property
    def persons_text(self):
        return persons_text(self.persons)

    def clean(self):
        super().clean()
        if self.year is None or self.month is None:
            return
        today = timezone.localdate()
        if (self.year, self.month) > (today.year, today.month):
            raise ValidationError(
                _("The deployment cannot be later than the current month (%(now)s).")
                % {"now": month_year(today.year, today.month)},
                code="future",
            )


class ExpertDispatch(TimeStampedModel):
    """Police experts sent abroad to advise or train, for one period and one field of work."""

    country = CountryField(
        _("host country/region"), help_text=_("Where the experts went and worked.")
    )
    beneficiary = CountryField(
        _("beneficiary country/region"),
        blank=True,
        help_text=_(
            "Only when the training was for another country's police, e.g. Afghan officers "
            "trained in Türkiye. Leave blank when the host country's own police benefited."
        ),
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"),
        validators=[MinValueValidator(FIRST_DISPATCH_YEAR), MaxValueValidator(LAST_POSSIBLE_YEAR)],
        help_text=_("The year the experts started work; not later than this year."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_DISPATCH_YEAR), MaxValueValidator(LAST_POSSIBLE_YEAR)],
        help_text=_("Leave blank when the dispatch began and ended in the same year."),
    )
    # Blank (None) when the source does not give the number: shown as "number not stated".
    # 0 when the source's account of the dispatch leaves no room for this kind (a complete total
    # of long-term and short-term experts means no other experts).
    long_term_experts = models.PositiveSmallIntegerField(
        _("long-term experts"),
        null=True,
        blank=True,
        help_text=_("0 when none were sent; leave blank when the number is not stated."),
    )
    short_term_experts = models.PositiveSmallIntegerField(
        _("short-term experts"),
        null=True,
        blank=True,
        help_text=_("0 when none were sent; leave blank when the number is not stated."),
    )
    other_experts = models.PositiveSmallIntegerField(
        _("other experts"),
        null=True,
        blank=True,
        help_text=_(
            "Instructors and others: 0 when none were sent; leave blank when the number is not "
            "stated."
        ),
    )
    other_experts_role = TranslatedText(
        models.CharField(
            _("role of the other experts"),
            max_length=100,
            blank=True,
            help_text=_("Optional: who the other experts were, e.g. judo instructors."),
        )
    )
    field_of_work = TranslatedText(
        models.CharField(
            _("field of work"),
            max_length=200,
            help_text=_("What the experts worked on, e.g. community policing, the Koban system."),
        )
    )
    partner = TranslatedText(
        models.CharField(
            _("partner organization"),
            max_length=200,
            blank=True,
            help_text=_("Optional: e.g. JICA."),
        )
    )
    description = TranslatedText(
        models.TextField(
            _("description"),
            blank=True,
            help_text=_(
                "Optional: what the experts did, in a sentence or two, for the public page."
            ),
        )
    )
    source_url = models.URLField(
        _("source link"),
        blank=True,
        help_text=_("Optional: the announcement or report this row comes from."),
    )

    history = HistoricalRecords()
    objects = ExpertDispatchQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "country"]
        verbose_name = _("expert dispatch")
        verbose_name_plural = _("expert dispatches")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="dispatch_end_not_before_start",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
            models.CheckConstraint(
                condition=Q(
                    start_year__gte=FIRST_DISPATCH_YEAR, start_year__lte=LAST_POSSIBLE_YEAR
                ),
                name="dispatch_start_year_in_range",
                violation_error_message=format_lazy(
                    _("The first year must be between {first} and {last}."),
                    first=FIRST_DISPATCH_YEAR,
                    last=LAST_POSSIBLE_YEAR,
                ),
            ),
            models.CheckConstraint(
                condition=~Q(**dict.fromkeys(EXPERT_COUNT_FIELDS, 0)),
                name="dispatch_sends_someone",
                violation_error_message=NO_EXPERTS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(beneficiary=F("country")),
                name="dispatch_beneficiary_not_host",
                violation_error_message=_(
                    "Leave the beneficiary blank when the host country's own police benefited."
                ),
            ),
            models.UniqueConstraint(
                fields=["country", "beneficiary", "start_year", "field_of_work_en"],
                name="dispatch_unique_country_year_field",
                violation_error_message=_(
                    "This dispatch is already recorded (same country, beneficiary, first year "
                    "and field of work). Edit that record instead."
                ),
            ),
        ]

    def __str__(self):
        return _("%(years)s: %(field_of_work)s (%(country)s)") % {
            "years": self.years,
            "field_of_work": self.field_of_work,
            "country": self.country.name,
        }

    def get_absolute_url(self):
        return reverse("deployments:country_detail", args=[self.country.code.lower()])

    @property
    def years(self):
        """'2013–2016' (an en dash), or '2011' for a dispatch within one year (「2013～2016年」,
        「2011年」 in Japanese)."""
        return year_range(self.start_year, self.end_year)

    @property
    def beneficiary_or_host(self):
        return self.beneficiary or self.country

    def clean(self):
        super().clean()
        errors = {}
        this_year = timezone.localdate().year
        if self.start_year is not None and self.start_year > this_year:
            errors["start_year"] = _(
                "The first year cannot be later than this year (%(year)d)."
            ) % {"year": this_year}
        if None not in (self.start_year, self.end_year) and self.end_year < self.start_year:
            errors["end_year"] = _("The last year cannot be before the first year.")
        if all(getattr(self, name) == 0 for name in EXPERT_COUNT_FIELDS):
            errors["long_term_experts"] = NO_EXPERTS_MESSAGE
        if self.beneficiary and self.beneficiary == self.country:
            errors["beneficiary"] = _(
                "Leave the beneficiary blank when the host country's own police benefited."
            )
        if errors:
            raise ValidationError(errors)
