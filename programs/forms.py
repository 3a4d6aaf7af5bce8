from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import YearRangeForm

from .models import DATABASE_LAST_YEAR, FIRST_YEAR, AnnualFigure, Scheme, last_allowed_year


class FigureYearsForm(YearRangeForm):
    """The `?from=2017&to=2019` filter of the programs tables and their CSV downloads."""

    first_year = FIRST_YEAR
    last_year = DATABASE_LAST_YEAR


class YearEntryChoiceForm(forms.Form):
    """Step one of the admin's "figures for one year" page: which year, which scheme."""

    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=Scheme.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: "next year" moves on every 1 January.
        self.fields["year"] = forms.IntegerField(
            label=_("Year"), min_value=FIRST_YEAR, max_value=last_allowed_year()
        )
        self.order_fields(["year", "scheme"])


class YearFigureForm(forms.Form):
    """One program's participants and countries for the chosen year; both blank = not held."""

    program = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    participants = forms.IntegerField(label=_("Participants"), required=False)
    countries = forms.IntegerField(label=_("Countries"), required=False)

    def __init__(self, *args, year, programs, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.programs = programs  # {pk: Program}
        self.existing = existing  # {program pk: AnnualFigure}
        self.fields["program"].choices = [(pk, str(p)) for pk, p in programs.items()]
        self.figure = None  # the AnnualFigure to save, once valid
        self.delete = False  # True when the year's existing row is to be removed

    @property
    def program_object(self):
        pk = self["program"].value()
        try:
            return self.programs.get(int(pk))
        except (TypeError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        program = self.programs[cleaned["program"]]
        existing = self.existing.get(program.pk)
        participants, countries = cleaned.get("participants"), cleaned.get("countries")
        if participants is None and countries is None:
            self.delete = existing is not None
            return cleaned
        if participants is None or countries is None:
            raise ValidationError(
                _(
                    "Enter both participants and countries, or leave both blank if the "
                    "program was not held in %(year)s."
                ),
                code="incomplete",
                params={"year": self.year},
            )
        # Compared before the row is given the new numbers (it is the same object).
        unchanged = existing is not None and (
            (existing.participants, existing.countries) == (participants, countries)
        )
        figure = existing or AnnualFigure(program=program, year=self.year)
        figure.participants, figure.countries = participants, countries
        try:
            figure.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
            return cleaned
        self.figure = None if unchanged else figure
        return cleaned


class BaseYearFigureFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            pk = form.cleaned_data.get("program")
            if pk in seen:
                raise ValidationError(_("Each program may appear only once."), code="duplicate")
            seen.add(pk)


def year_figure_formset(programs):
    """A formset class sized for these programs: one row each, no more."""
    return forms.formset_factory(
        YearFigureForm,
        formset=BaseYearFigureFormSet,
        extra=0,
        max_num=len(programs),
        validate_max=True,
        absolute_max=max(len(programs), 1),
    )
