"""Small data builders for the tests: one row at a time with sensible defaults, or many at once.

`tests/conftest.py` builds its shared fixtures (`world`, the sample site) from these.
"""

import csv
import itertools
from pathlib import Path

from deployments.choices import DisasterType, Team
from deployments.models import DisasterDeployment, ExpertDispatch
from pages.models import Page, Section, Status
from programs.models import AnnualFigure, Program, Scheme

from .i18n_builders import english_columns

# Training programs.

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


# Deployments and dispatches.


def deployment(**fields):
    values = {
        "year": 2010,
        "month": 3,
        "country": "JP",
        "disaster": DisasterType.EARTHQUAKE,
        "team": Team.RESCUE,
        "persons": 5,
    }
    values.update(fields)
    return DisasterDeployment.objects.create(**english_columns(DisasterDeployment, values))


def dispatch(**fields):
    values = {"country": "ID", "start_year": 2018, "field_of_work": "community policing"}
    values.update(fields)
    return ExpertDispatch.objects.create(**english_columns(ExpertDispatch, values))


def many_deployments(count):
    """`count` distinct deployments (year, month, country, team all valid), in one query."""
    combos = itertools.product(range(1990, 2021), range(1, 13), ("FR", "DE"))
    rows = [
        DisasterDeployment(year=year, month=month, country=code, persons=1 + index % 50)
        for index, (year, month, code) in zip(range(count), combos, strict=False)
    ]
    return DisasterDeployment.objects.bulk_create(rows)


def many_dispatches(count):
    rows = [
        ExpertDispatch(
            country=("ID", "TL", "TR", "PH")[index % 4],
            start_year=1990 + index % 30,
            field_of_work_en=f"field {index}",
            long_term_experts=(None, 1, 2)[index % 3],
        )
        for index in range(count)
    ]
    return ExpertDispatch.objects.bulk_create(rows)


# Content pages.


def make_page(title="About us", slug=None, parent=None, status=Status.PUBLISHED, **fields):
    page = Page(
        title_en=title,
        slug=slug or title.lower().replace(" ", "-"),
        parent=parent,
        status=status,
        **english_columns(Page, fields),
    )
    page.save()
    return page


def make_section(page, heading="A section", body="Some text.", order=None, **fields):
    if order is None:
        order = page.sections.count() + 1
    fields = english_columns(Section, {"heading": heading, "body": body, **fields})
    return Section.objects.create(page=page, order=order, **fields)
