"""Every rule of a training figure, at the form level and at the database level."""

import pytest
from django.db import IntegrityError, transaction
from django.forms import modelform_factory
from django.utils import timezone

from core.figures import LiveFigures
from programs.models import AnnualFigure, Program, Scheme
from tests.builders import make_figure, make_program, make_scheme

pytestmark = pytest.mark.django_db

FigureForm = modelform_factory(
    AnnualFigure, fields=["program", "year", "participants", "countries", "note"]
)
NEXT_YEAR = timezone.localdate().year + 1


def figure_form(program, **values):
    data = {"program": program.pk, "year": 2019, "participants": 10, "countries": 8, "note": ""}
    return FigureForm(data={**data, **values})


def assert_integrity_error(**values):
    program = values.pop("program", None) or make_program(name="Integrity")
    data = {"program": program, "year": 2019, "participants": 10, "countries": 8, **values}
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualFigure.objects.create(**data)


# Form level: a message a person understands.


def test_valid_figure_passes_the_form():
    form = figure_form(make_program())
    assert form.is_valid(), form.errors
    form.save()
    assert AnnualFigure.objects.count() == 1


def test_one_row_per_program_and_year_in_the_form():
    figure = make_figure(year=2018)
    form = figure_form(figure.program, year=2018)
    assert not form.is_valid()
    assert "already has figures for that year" in str(form.errors)


def test_participants_must_be_at_least_one_in_the_form():
    form = figure_form(make_program(), participants=0, countries=0)
    assert not form.is_valid()
    assert "at least 1 participant" in form.errors["participants"][0]


def test_countries_must_be_at_least_one_in_the_form():
    form = figure_form(make_program(), participants=5, countries=0)
    assert not form.is_valid()
    assert form.errors["countries"] == ["Enter at least 1 country."]


def test_countries_cannot_exceed_participants_in_the_form():
    form = figure_form(make_program(), participants=5, countries=6)
    assert not form.is_valid()
    assert "each country sends at least one participant" in form.errors["countries"][0]


def test_countries_may_equal_participants():
    assert figure_form(make_program(), participants=5, countries=5).is_valid()


@pytest.mark.parametrize("year", [1949, NEXT_YEAR + 1, 2101, 20189])
def test_year_outside_1950_to_next_year_is_refused_by_the_form(year):
    form = figure_form(make_program(), year=year)
    assert not form.is_valid()
    assert "year" in form.errors


@pytest.mark.parametrize("year", [1950, NEXT_YEAR])
def test_year_bounds_are_inclusive(year):
    assert figure_form(make_program(), year=year).is_valid()


def test_each_wrong_field_gets_one_message():
    form = figure_form(make_program(), participants=0, countries=0, year=1900)
    assert not form.is_valid()
    assert len(form.errors["participants"]) == 1
    assert len(form.errors["countries"]) == 1
    assert len(form.errors["year"]) == 1


# Database level: no path (shell, import, bulk_create) can store a bad row.


def test_database_refuses_a_second_row_for_the_same_program_and_year():
    figure = make_figure(year=2018)
    assert_integrity_error(program=figure.program, year=2018)


def test_database_refuses_zero_participants():
    assert_integrity_error(participants=0, countries=0)


def test_database_refuses_zero_countries():
    assert_integrity_error(participants=5, countries=0)


def test_database_refuses_more_countries_than_participants():
    assert_integrity_error(participants=5, countries=6)


@pytest.mark.parametrize("year", [1949, 2101])
def test_database_refuses_years_outside_its_bounds(year):
    assert_integrity_error(year=year)


def test_database_refuses_a_year_after_next_year():
    # NEXT_YEAR + 2: on 31 December (UTC) the database already counts the coming year as this
    # year (see migration 0004), so NEXT_YEAR + 1 is only refused by the form that day.
    assert_integrity_error(year=NEXT_YEAR + 2)
    make_figure(year=NEXT_YEAR)
    figure = make_figure(program=make_program(name="Updated"), year=2019)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualFigure.objects.filter(pk=figure.pk).update(year=NEXT_YEAR + 2)


def test_database_refuses_bulk_created_bad_rows():
    program = make_program()
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualFigure.objects.bulk_create(
            [AnnualFigure(program=program, year=2019, participants=3, countries=4)]
        )


def test_database_refuses_an_update_that_breaks_a_rule():
    figure = make_figure(participants=10, countries=8)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualFigure.objects.filter(pk=figure.pk).update(participants=7)


def test_database_refuses_duplicate_program_names_and_slugs():
    program = make_program(name="Community Policing")
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.create(name="Community Policing", scheme=program.scheme)
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(slug="")


# Slugs.


def test_program_slug_is_made_from_the_name():
    assert make_program(name="Control of Drug Offenses").slug == "control-of-drug-offenses"


def test_program_slug_stays_when_the_name_changes():
    program = make_program(name="Community Policing")
    program.name = "Community Policing and the Koban System"
    program.full_clean()
    program.save()
    program.refresh_from_db()
    assert program.slug == "community-policing"
    assert program.get_absolute_url() == "/en/programs/community-policing/"


def test_program_slugs_are_made_unique():
    scheme = make_scheme()
    first = make_program(name="Cyber crime", scheme=scheme)
    second = make_program(name="Cyber-crime!", scheme=scheme)
    assert (first.slug, second.slug) == ("cyber-crime", "cyber-crime-2")


def test_scheme_slug_is_made_from_the_name():
    assert make_scheme(name="Police-run programs").slug == "police-run-programs"


def test_history_is_kept():
    figure = make_figure(participants=10, countries=8)
    figure.participants = 12
    figure.save()
    assert figure.history.count() == 2
    assert Scheme.history.count() == 1


# Derived numbers, computed in the database.


def test_published_hides_unpublished_programs_and_their_figures():
    shown = make_figure(program=make_program(name="Shown"))
    make_figure(program=make_program(name="Hidden", published=False))
    assert list(Program.objects.published()) == [shown.program]
    assert list(AnnualFigure.objects.published()) == [shown]


def test_with_totals_adds_years_run_and_participants():
    program = make_program()
    make_figure(program=program, year=2016, participants=11, countries=11)
    make_figure(program=program, year=2018, participants=10, countries=10)
    annotated = Program.objects.with_totals().get()
    assert (annotated.years_run, annotated.first_year, annotated.latest_year) == (2, 2016, 2018)
    assert annotated.total_participants == 21


def test_participants_by_scheme_and_year_sums_participants_only():
    scheme = make_scheme()
    make_figure(program=make_program(name="A", scheme=scheme), year=2019, participants=9)
    make_figure(
        program=make_program(name="B", scheme=scheme), year=2019, participants=6, countries=3
    )
    totals = AnnualFigure.objects.participants_by_scheme_and_year()
    assert totals == {(scheme.pk, 2019): 15}


def test_live_figures_of_the_sample_data(sample_data):
    figures = LiveFigures()
    assert figures["programs"] == {
        "first_year": 2016,
        "latest_year": 2020,
        "programs_latest_year": 2,
        "participants_latest_year": 23,
        "participants_total": 446,
        "programs_total": 8,
    }
    assert figures.resolve("programs.participants_latest_year") == 23


def test_live_figures_of_an_empty_database():
    values = LiveFigures()["programs"]
    assert values["participants_total"] == 0
    assert values["programs_total"] == 0
    assert values["latest_year"] is None


@pytest.fixture
def sample_data():
    from programs import sample_data

    sample_data.load()
