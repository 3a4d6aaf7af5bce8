from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import YearRangeForm

from .models import (
    DATABASE_LAST_YEAR,
    FIRST_YEAR,
    AnnualFigure,
    Program,
    Scheme,
    last_allowed_year,
)


class FigureYearsForm(YearRangeForm):
    """The `?from=2017&to=2019` filter of the programs tables and their CSV downloads."""

    first_year = FIRST_YEAR
    last_year = DATABASE_LAST_YEAR


class YearEntryChoiceForm(forms.Form):
    """Step one of the admin's "figures for one year" page: which year, which scheme."""

    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=Scheme.objects.all())

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Preselected: the scheme the list was filtered by, or the only one there is.
        if scheme is None:
            schemes = list(Scheme.objects.values_list("pk", flat=True)[:2])
            scheme = schemes[0] if len(schemes) == 1 else None
        self.fields["scheme"].initial = scheme
        # Built per request: "next year" moves on every 1 January.
        self.fields["year"] = forms.IntegerField(
            label=_("Year"), min_value=FIRST_YEAR, max_value=last_allowed_year()
        )
        self.order_fields(["year", "scheme"])


class YearFigureForm(forms.Form):
    """One program's participants, countries and note for the chosen year; both numbers
    blank = not held."""

    program = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    participants = forms.IntegerField(label=_("Participants"), required=False)
    countries = forms.IntegerField(label=_("Countries"), required=False)
    note_en = forms.CharField(
        label=_("Note (English)"),
        required=False,
        max_length=AnnualFigure._meta.get_field("note_en").max_length,
    )
    note_ja = forms.CharField(
        label=_("Note (Japanese)"),
        required=False,
        max_length=AnnualFigure._meta.get_field("note_ja").max_length,
    )

    def __init__(self, *args, year, programs, existing, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.programs = programs  # {pk: Program}
        self.existing = existing  # {program pk: AnnualFigure}
        self.previous_figures = previous  # {program pk: AnnualFigure of the year before}
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

    @property
    def previous(self):
        """This program's figures of the year before, shown beside the row, or None."""
        program = self.program_object
        return None if program is None else self.previous_figures.get(program.pk)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        program = self.programs[cleaned["program"]]
        existing = self.existing.get(program.pk)
        participants, countries = cleaned.get("participants"), cleaned.get("countries")
        notes = cleaned.get("note_en", ""), cleaned.get("note_ja", "")
        if participants is None and countries is None:
            if any(notes):
                raise ValidationError(
                    _("A note belongs to a year's figures: enter the numbers, or clear the note."),
                    code="note_without_figures",
                )
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
        before = existing and (
            existing.participants,
            existing.countries,
            existing.note_en,
            existing.note_ja,
        )
        figure = existing or AnnualFigure(program=program, year=self.year)
        figure.participants, figure.countries = participants, countries
        figure.note_en, figure.note_ja = notes
        try:
            figure.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
            return cleaned
        self.figure = None if before == (participants, countries, *notes) else figure
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


class ProgramFilterForm(FigureYearsForm):
    """The years of the programs tables, narrowed to one scheme by its slug (the JSON API's
    programs); a slug that is not a scheme is refused like any other bad parameter."""

    scheme = forms.ModelChoiceField(
        label=_("Scheme"),
        help_text=_("The scheme's slug, as in the list of schemes."),
        queryset=Scheme.objects.all(),
        to_field_name="slug",
        required=False,
    )


class FigureFilterForm(ProgramFilterForm):
    """The JSON API's figures: years, scheme, and one published program by its slug."""

    program = forms.ModelChoiceField(
        label=_("Program"),
        help_text=_("The program's slug, the last part of its page's address."),
        queryset=Program.objects.published(),
        to_field_name="slug",
        required=False,
    )
