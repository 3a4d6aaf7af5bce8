"""Annual figures to and from spreadsheets: one row per program and year.

The columns are those of the public `figures.csv` (program, scheme, year, participants,
countries) plus the note, so a downloaded file can be edited and imported back.
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
        super().__init__(Program, field="name")

    def clean(self, value, row=None, **kwargs):
        text = TextWidget().clean(value)
        if not text:
            raise ValueError(_("This cell is empty; the program's name is required."))
        program = Program.objects.filter(Q(name__iexact=text) | Q(slug=text)).first()
        if program is None:
            raise ValueError(
                _("Unknown program “%(value)s”: use the name or the slug shown in the admin.")
                % {"value": text}
            )
        return program


class AnnualFigureResource(EditorialResource):
    program = Field(attribute="program", column_name="program", widget=ProgramWidget())
    scheme = Field(attribute="program__scheme__name", column_name="scheme", readonly=True)

    required_columns = ("program", "year", "participants", "countries")
    row_key = ("program_id", "year")

    class Meta(EditorialResource.Meta):
        model = AnnualFigure
        name = _("Annual figures")
        fields = ("program", "scheme", "year", "participants", "countries", "note")
        import_id_fields = ("program", "year")
