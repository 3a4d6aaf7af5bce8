from django import forms
from django.core.exceptions import ValidationError
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .models import DATABASE_LAST_YEAR, FIRST_YEAR, AnnualFigure, Scheme, last_allowed_year


class YearRangeForm(forms.Form):
    """The `?from=2017&to=2019` filter of the public tables and CSV downloads.

    Query strings are typed by people and crawlers alike, so anything odd (text, huge numbers,
    a range the wrong way round, a key given twice) becomes a message, never a server error.
    """

    # "from" is a Python keyword, so both fields are added under their URL names in __init__.
    KEYS = ("from", "to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in zip(self.KEYS, (_("From year"), _("To year")), strict=True):
            self.fields[key] = forms.IntegerField(
                label=label,
                required=False,
                min_value=FIRST_YEAR,
                max_value=DATABASE_LAST_YEAR,
            )

    def _single_value(self, key):
        if hasattr(self.data, "getlist") and len(self.data.getlist(key)) > 1:
            raise ValidationError(
                _("Give the “%(key)s” year only once."), code="repeated", params={"key": key}
            )
        return self.cleaned_data[key]

    def clean_from(self):
        return self._single_value("from")

    def clean_to(self):
        return self._single_value("to")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first is not None and last is not None and first > last:
            raise ValidationError(
                _("The “from” year (%(first)s) is after the “to” year (%(last)s)."),
                code="reversed",
                params={"first": first, "last": last},
            )
        return cleaned

    @property
    def years(self):
        """(first, last) of a valid filter, None for an open end; (None, None) otherwise."""
        if not self.is_valid():
            return None, None
        return self.cleaned_data["from"], self.cleaned_data["to"]

    @property
    def query_string(self):
        """The valid filter as a query string, for links to the CSV downloads ('' if none)."""
        first, last = self.years
        pairs = [
            (key, value)
            for key, value in zip(self.KEYS, (first, last), strict=True)
            if value is not None
        ]
        return urlencode(pairs)


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
        figure = existing or AnnualFigure(program=program, year=self.year)
        figure.participants, figure.countries = participants, countries
        try:
            figure.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
            return cleaned
        unchanged = existing is not None and (
            (existing.participants, existing.countries) == (participants, countries)
        )
        self.figure = None if unchanged else figure
        return cleaned


class BaseYearFigureFormSet(forms.BaseFormSet):
    def clean(self):
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
