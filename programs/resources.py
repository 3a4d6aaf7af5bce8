"""Annual figures to and from spreadsheets: one row per program and year.

The columns are those of the public `figures.csv` (program, scheme, year, participants,
countries, program_ja, scheme_ja) plus the note in English and Japanese, so a downloaded file
can be edited and imported back.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from editorial.resources import EditorialResource, TextWidget

from .models import AnnualFigure, Program


class ProgramWidget(ForeignKeyWidget):
    """A program by its name (any capitals) or its slug, as partners write either."""

    def __init__(self):
        super().__init__(Program, field="name_en")

    def clean(self, value, row=None, **kwargs):
        text = TextWidget().clean(value)
        if not text:
            raise ValueError(_("This cell is empty; the program's name is required."))
        program = Program.objects.filter(
            Q(name_en__iexact=text) | Q(name_ja=text) | Q(slug=text)
        ).first()
        if program is None:
            raise ValueError(
                _("Unknown program “%(value)s”: use the name or the slug shown in the admin.")
                % {"value": text}
            )
        return program


class AnnualFigureResource(EditorialResource):
    program = Field(attribute="program", column_name="program", widget=ProgramWidget())
    scheme = Field(attribute="program__scheme__name_en", column_name="scheme", readonly=True)
    # Shown for the reader of the file, ignored on import (the program column names it).
    program_ja = Field(attribute="program__name_ja", column_name="program_ja", readonly=True)
    scheme_ja = Field(attribute="program__scheme__name_ja", column_name="scheme_ja", readonly=True)

    required_columns = ("program", "year", "participants", "countries")
    row_key = ("program_id", "year")

    class Meta(EditorialResource.Meta):
        model = AnnualFigure
        name = _("Annual figures")
        fields = (
            "program",
            "scheme",
            "year",
            "participants",
            "countries",
            "program_ja",
            "scheme_ja",
            "note_en",
            "note_ja",
        )
        import_id_fields = ("program", "year")
