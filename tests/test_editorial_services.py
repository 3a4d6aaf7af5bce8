"""Revert and restore at the model level, without the admin or a request (editorial.revert,
editorial.restore): what a shell session, a data fix or another interface would call."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from deployments.models import DisasterDeployment
from editorial.restore import (
    deleted_records,
    deleted_with,
    restore_deleted,
    restore_with_dependents,
)
from editorial.revert import RevertFailed, inline_plans, revert, revert_reason
from pages.models import Section
from programs.models import AnnualFigure, Program

from .builders import deployment, make_figure, make_page, make_program, make_section

pytestmark = pytest.mark.django_db


def last_deletion(model, pk):
    return model.history.filter(id=pk, history_type="-").latest()


def test_revert_a_deployment_to_a_version(editor):
    relief = deployment(persons=5, place="Bam")
    version = relief.history.latest()
    relief.persons, relief.place = 50, "Kerman"
    relief.save()

    reverted = revert(version, user=editor)

    relief.refresh_from_db()
    assert (relief.persons, relief.place) == (5, "Bam")
    assert reverted.pk == relief.pk
    latest = relief.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert latest.history_change_reason == revert_reason(version)
    assert latest.history_change_reason.startswith("reverted to the version of ")
    assert relief.history.count() == 3


def test_revert_refuses_a_version_that_breaks_a_rule_today():
    relief = deployment(persons=5)
    version = relief.history.latest()
    relief.persons = 7
    relief.save()
    # As if the rules had tightened since: the old version had nobody dispatched.
    relief.history.filter(history_id=version.history_id).update(persons=0)
    version.refresh_from_db()

    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        revert(version)

    relief.refresh_from_db()
    assert relief.persons == 7
    assert relief.history.count() == 2


def test_revert_puts_a_programs_figures_back_all_together():
    program = make_program("Cybercrime", description="Old text.")
    kept = make_figure(program, year=2019, participants=10, countries=8)
    gone = make_figure(program, year=2018, participants=6, countries=4)
    version = program.history.latest()
    program.description = "New text."
    program.save()
    kept.participants = 90
    kept.save()
    gone_pk = gone.pk
    gone.delete()
    added = make_figure(program, year=2020, participants=12, countries=9)

    plans = inline_plans(version, [(AnnualFigure, None)])

    assert len(plans) == 1
    plan = plans[0]
    assert [row.instance.pk for row in plan.remove] == [added.pk]
    assert [row.record.id for row in plan.restore] == [gone_pk]
    assert [(f.name, now, then) for f, now, then in plan.change[0].fields] == [
        ("participants", "90", "10")
    ]

    revert(version, plans=plans)

    program.refresh_from_db()
    assert program.description == "Old text."
    assert sorted(program.figures.values_list("pk", "year", "participants")) == sorted(
        [(kept.pk, 2019, 10), (gone_pk, 2018, 6)]
    )
    reason = revert_reason(version)
    assert kept.history.latest().history_change_reason == reason
    assert AnnualFigure.history.filter(id=added.pk).latest().history_change_reason == reason


def test_revert_of_inline_rows_is_all_or_nothing():
    page = make_page("Experts abroad", summary="First words.")
    make_section(page, heading="Since when", body="Since 1990.")
    version = page.history.latest()
    page.summary = "Second words."
    page.save()
    page.sections.get().delete()
    # The deleted section would now break the rule that a section says something.
    Section.history.filter(heading="Since when").update(heading="", body="")

    with pytest.raises(RevertFailed, match="Nothing was reverted: the sections cannot be put back"):
        revert(version, plans=inline_plans(version, [(Section, None)]))

    page.refresh_from_db()
    assert page.summary == "Second words."
    assert page.history.count() == 2


def test_restore_a_deleted_program_with_its_figures(publisher):
    program = make_program("Cybercrime")
    figures = [
        make_figure(program, year=2019, participants=10, countries=8),
        make_figure(program, year=2020, participants=12, countries=9),
    ]
    program_pk = program.pk
    program.delete()
    assert not AnnualFigure.objects.exists()
    record = last_deletion(Program, program_pk)
    assert {child.id for child in deleted_with(record)} == {figure.pk for figure in figures}
    assert [deleted.label for deleted in deleted_records(Program)] == ["Cybercrime"]

    restored, dependents = restore_with_dependents(record, user=publisher)

    assert (restored.pk, dependents) == (program_pk, 2)
    assert sorted(AnnualFigure.objects.values_list("pk", "program_id", "participants")) == [
        (figures[0].pk, program_pk, 10),
        (figures[1].pk, program_pk, 12),
    ]
    assert restored.history.latest().history_change_reason == (
        "restored from the recently deleted list"
    )
    assert restored.history.latest().history_user == publisher
    figure_record = AnnualFigure.history.filter(id=figures[0].pk).latest()
    assert figure_record.history_change_reason == "restored with “Cybercrime”"
    assert deleted_records(Program) == []


def test_restore_refuses_a_row_whose_parent_is_still_deleted():
    program = make_program("Cybercrime")
    figure = make_figure(program, year=2019)
    figure_pk = figure.pk
    program.delete()

    with pytest.raises(ValidationError, match="restore that first"):
        restore_deleted(last_deletion(AnnualFigure, figure_pk))

    assert not AnnualFigure.objects.exists()


def test_restore_refuses_a_row_that_clashes_with_a_newer_one():
    relief = deployment(year=2011, month=3, country="JP")
    relief_pk = relief.pk
    relief.delete()
    deployment(year=2011, month=3, country="JP")  # entered again since

    with pytest.raises(ValidationError):
        restore_deleted(last_deletion(DisasterDeployment, relief_pk))

    assert DisasterDeployment.objects.count() == 1


def test_restore_with_dependents_is_all_or_nothing():
    program = make_program("Cybercrime")
    make_figure(program, year=2019, participants=10, countries=8)
    program_pk = program.pk
    program.delete()
    # As if the rules had tightened since: the deleted figure now breaks one.
    AnnualFigure.history.filter(program_id=program_pk).update(countries=99)

    with pytest.raises(ValidationError):
        restore_with_dependents(last_deletion(Program, program_pk))

    assert not Program.objects.exists() and not AnnualFigure.objects.exists()


def test_change_reasons_are_written_in_the_language_of_the_person_acting():
    relief = deployment()
    version = relief.history.latest()
    with translation.override("en"):
        english = revert_reason(version)
    with translation.override("ja"):
        japanese = revert_reason(version)
    # The date at least is localised today; the sentence follows once locale/ja translates it.
    assert english != japanese
    assert "年" in japanese
