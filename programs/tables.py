"""The columns of every training-program table, defined once.

The HTML pages and the CSV downloads read the same `Column` lists, so a heading or a value can
only change in one place. The wide table is pivoted here in Python from one query's rows, so a
page costs the same few queries however many programs and years there are.
"""

from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import shown_text, translated_html
from core.tables import Column

# Tidy table (figures.csv): one row per AnnualFigure.
PARTICIPANTS_MEANING = _("Police officers from other countries who took part that year.")
COUNTRIES_MEANING = _(
    "Countries and regions the participants came from that year (not added up across years "
    "or programs: one country can send officers to several)."
)
PERSONS = _("persons")
COUNTRIES = _("countries and regions")

# Machine-readable: the columns keep their names in both languages ("program" and "scheme" hold
# the English names, as they always did); the Japanese names follow in their own columns.
FIGURE_COLUMNS = [
    Column(
        "program",
        _("Program"),
        lambda figure: figure.program.name_en,
        field="program__name_en",
        description=_("The training program's name."),
    ),
    Column(
        "scheme",
        _("Scheme"),
        lambda figure: figure.program.scheme.name_en,
        field="program__scheme__name_en",
        description=_("The scheme the program belongs to (who runs it with Japan's police)."),
    ),
    Column(
        "year",
        _("Year"),
        attrgetter("year"),
        numeric=True,
        field="year",
        description=_("The year the program was held (a calendar year, such as 2019)."),
    ),
    Column(
        "participants",
        _("Participants"),
        attrgetter("participants"),
        numeric=True,
        field="participants",
        description=PARTICIPANTS_MEANING,
        unit=PERSONS,
    ),
    Column(
        "countries",
        _("Countries"),
        attrgetter("countries"),
        numeric=True,
        field="countries",
        description=COUNTRIES_MEANING,
        unit=COUNTRIES,
    ),
    Column(
        "program_ja",
        _("Program (Japanese)"),
        lambda figure: figure.program.name_ja,
        field="program__name_ja",
        description=_("The training program's name in Japanese (blank until translated)."),
    ),
    Column(
        "scheme_ja",
        _("Scheme (Japanese)"),
        lambda figure: figure.program.scheme.name_ja,
        field="program__scheme__name_ja",
        description=_("The scheme's name in Japanese (blank until translated)."),
    ),
    Column(
        "provisional",
        _("Provisional"),
        attrgetter("provisional"),
        field="provisional",
        boolean=True,
        description=_(
            "True when the scheme's figures for that year are provisional: not final yet, "
            "they may still change."
        ),
    ),
]

# One program's page: one row per year (a YearRow), blank where the program was not held.
PROGRAM_YEAR_COLUMNS = [
    Column("year", _("Year"), attrgetter("year"), numeric=True),
    Column("participants", _("Participants"), attrgetter("participants"), numeric=True),
    Column("countries", _("Countries"), attrgetter("countries"), numeric=True),
    Column("note", _("Note"), attrgetter("note"), display=lambda row: translated_html(row, "note")),
]

# Wide table (the page and table.csv): the program, then two columns per year.
PROGRAM_COLUMN = Column(
    "program",
    _("Program"),
    lambda row: row.program.name,
    description=_("The program's name."),
    csv_header=pgettext_lazy("CSV header of the programs table", "program"),
)


def year_columns(year, provisional=False):
    """The "Participants" and "Countries" sub-columns of one year's column group; a
    provisional year's CSV headers say so."""
    if provisional:
        participants = _("%(year)s participants (provisional)") % {"year": year}
        countries = _("%(year)s countries (provisional)") % {"year": year}
    else:
        participants = _("%(year)s participants") % {"year": year}
        countries = _("%(year)s countries") % {"year": year}
    return [
        Column(
            f"{year} participants",
            _("Participants"),
            lambda row: row.value(year, "participants"),
            numeric=True,
            description=PARTICIPANTS_MEANING,
            unit=PERSONS,
            csv_header=participants,
        ),
        Column(
            f"{year} countries",
            _("Countries"),
            lambda row: row.value(year, "countries"),
            numeric=True,
            description=COUNTRIES_MEANING,
            unit=COUNTRIES,
            csv_header=countries,
        ),
    ]


# The wide table's columns as the data dictionary lists them: one pair per year, shown once.
WIDE_TABLE_DICTIONARY = [PROGRAM_COLUMN, *year_columns("YYYY")]


@dataclass
class ProgramRow:
    """One row of the wide table: a program and its figures by year."""

    program: object
    figures: dict = field(default_factory=dict)

    def value(self, year, name):
        figure = self.figures.get(year)
        return None if figure is None else getattr(figure, name)


@dataclass
class YearRow:
    """One row of a program's year-by-year table; numbers are None when it was not held."""

    year: int
    participants: int | None = None
    countries: int | None = None
    note_en: str = ""
    note_ja: str = ""
    provisional: bool = False

    @property
    def note(self):
        return shown_text(self, "note").text

    @classmethod
    def from_figure(cls, figure):
        return cls(
            figure.year,
            figure.participants,
            figure.countries,
            figure.note_en,
            figure.note_ja,
            getattr(figure, "provisional", False),
        )


@dataclass
class WideTable:
    """Programs as rows, years as column groups; `totals` holds participants per year."""

    scheme: object = None
    rows: list = field(default_factory=list)
    totals: dict = field(default_factory=dict)

    @cached_property
    def provisional(self):
        """Years with a provisional figure in this table: marked in headings and CSV headers."""
        return {
            year for row in self.rows for year, figure in row.figures.items() if figure.provisional
        }

    @cached_property
    def years(self):
        # Read by the columns, the column groups and the totals: computed once, after
        # scheme_tables() has added every row.
        return sorted({year for row in self.rows for year in row.figures})

    @property
    def columns(self):
        return [PROGRAM_COLUMN] + [
            c for year in self.years for c in year_columns(year, year in self.provisional)
        ]

    @property
    def year_groups(self):
        return [
            {"year": year, "columns": year_columns(year), "provisional": year in self.provisional}
            for year in self.years
        ]

    @property
    def any_provisional(self):
        return bool(self.provisional)

    def body(self):
        """(program, [cell values]) per row, the values read through the shared columns."""
        value_columns = self.columns[1:]
        return [(row.program, [column.cell(row) for column in value_columns]) for row in self.rows]

    def total_cells(self):
        return [self.totals.get(year) for year in self.years]


def pivot(figures):
    """[ProgramRow] in the order the figures come in (order them by program, then year)."""
    rows = {}
    for figure in figures:
        row = rows.get(figure.program_id)
        if row is None:
            row = rows[figure.program_id] = ProgramRow(figure.program)
        row.figures[figure.year] = figure
    return list(rows.values())


def scheme_tables(schemes, figures, totals):
    """One WideTable per scheme, from figures ordered by program and year.

    `totals` is {(scheme_id, year): participants}, computed by the database.
    """
    tables = {scheme.pk: WideTable(scheme=scheme) for scheme in schemes}
    for row in pivot(figures):
        tables[row.program.scheme_id].rows.append(row)
    for (scheme_id, year), participants in totals.items():
        if scheme_id in tables:
            tables[scheme_id].totals[year] = participants
    return list(tables.values())
