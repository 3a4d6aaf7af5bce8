"""Small data builders for the training-program tests."""

import csv
from html.parser import HTMLParser
from pathlib import Path

from programs.models import AnnualFigure, Program, Scheme

from .i18n_builders import english_columns

REFERENCE_CSV = (
    Path(__file__).resolve().parent.parent / "programs" / "data" / ("training_program_figures.csv")
)


def reference_rows():
    """The sample data as [{program, year, participants, countries}] with ints."""
    with REFERENCE_CSV.open(newline="", encoding="utf-8") as data:
        return [
            {
                "program": row["program"],
                "year": int(row["year"]),
                "participants": int(row["participants"]),
                "countries": int(row["countries"]),
            }
            for row in csv.DictReader(data)
        ]


def make_scheme(name="Police-run programs", **kwargs):
    return Scheme.objects.create(**english_columns(Scheme, {"name": name, **kwargs}))


def default_scheme():
    return Scheme.objects.get_or_create(name_en="Police-run programs")[0]


def make_program(name="Forensic Science", scheme=None, published=True, **kwargs):
    return Program.objects.create(
        **english_columns(
            Program,
            {"name": name, "scheme": scheme or default_scheme(), "published": published, **kwargs},
        )
    )


def make_figure(program=None, year=2019, participants=10, countries=8, **kwargs):
    return AnnualFigure.objects.create(
        program=program or make_program(),
        year=year,
        participants=participants,
        countries=countries,
        **english_columns(AnnualFigure, kwargs),
    )


def make_many(schemes=1, programs=60, years=30, first_year=1990):
    """`programs` published programs per scheme, each with a figure in each of `years` years."""
    figures = []
    for s in range(schemes):
        scheme = make_scheme(name=f"Scheme {s}", display_order=s)
        for p in range(programs):
            program = make_program(name=f"Program {s}-{p}", scheme=scheme, display_order=p)
            figures += [
                AnnualFigure(program=program, year=first_year + y, participants=5 + y, countries=5)
                for y in range(years)
            ]
    AnnualFigure.objects.bulk_create(figures)


class TableParser(HTMLParser):
    """Every <table> of a page as a list of rows, each a list of cell texts (hidden text too)."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell = [], None, None
        self.captions, self._caption = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "caption":
            self._caption = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "caption":
            self.captions.append("".join(self._caption).strip())
            self._caption = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


def parse_tables(html):
    parser = TableParser()
    parser.feed(html if isinstance(html, str) else html.decode())
    return parser
