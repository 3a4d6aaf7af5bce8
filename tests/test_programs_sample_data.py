"""`load_sample_data` for the training programs: complete, and safe to run again."""

import pytest
from django.core.management import call_command

from programs import sample_data
from programs.models import AnnualFigure, Program, Scheme
from tests.builders import reference_rows

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Scheme.objects.values_list("slug", "name", "updated_at")),
        list(Program.objects.values_list("slug", "name", "published", "updated_at")),
        list(
            AnnualFigure.objects.values_list("program__name", "year", "participants", "countries")
        ),
    )


def test_sample_data_loads_eight_programs_and_thirty_figures():
    assert sample_data.load() == {"schemes": 1, "programs": 8, "annual figures": 30}
    scheme = Scheme.objects.get()
    assert scheme.slug == "jica-knowledge-co-creation"
    assert scheme.name == "JICA Knowledge Co-Creation Programs (Group & Region Focus)"
    assert scheme.description
    assert Program.objects.published().filter(scheme=scheme).count() == 8
    loaded = {
        (f.program.name, f.year, f.participants, f.countries)
        for f in AnnualFigure.objects.select_related("program")
    }
    expected = {
        (r["program"], r["year"], r["participants"], r["countries"]) for r in reference_rows()
    }
    assert loaded == expected


def test_programs_keep_the_source_table_order():
    sample_data.load()
    assert list(Program.objects.values_list("name", flat=True))[:2] == [
        "Organization Management for Senior Police Officers",
        "Community Policing",
    ]


def test_load_sample_data_twice_changes_nothing(capsys):
    call_command("load_sample_data")
    first = snapshot()
    call_command("load_sample_data")
    assert snapshot() == first
    assert "annual figures: 0 created" in capsys.readouterr().out


def test_load_sample_data_keeps_staff_edits():
    sample_data.load()
    program = Program.objects.get(slug="community-policing")
    program.name = "Community Policing (Koban)"
    program.save()
    program.figures.filter(year=2016).delete()
    assert sample_data.load() == {"schemes": 0, "programs": 0, "annual figures": 0}
    program.refresh_from_db()
    assert program.name == "Community Policing (Koban)"
    assert not program.figures.filter(year=2016).exists()
    assert Program.objects.count() == 8


def test_a_program_staff_deleted_does_not_come_back():
    sample_data.load()
    Program.objects.get(slug="traffic-police-administration").delete()
    assert sample_data.load() == {"schemes": 0, "programs": 0, "annual figures": 0}
    assert not Program.objects.filter(slug="traffic-police-administration").exists()
    assert AnnualFigure.objects.count() == 28


def test_nothing_is_loaded_next_to_staff_data():
    Scheme.objects.create(name="Programs run by the police alone")
    assert sample_data.load() == {"schemes": 0, "programs": 0, "annual figures": 0}
    assert Scheme.objects.count() == 1 and not Program.objects.exists()
