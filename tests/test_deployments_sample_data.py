import pytest

from deployments import sample_data
from deployments.choices import Team
from deployments.models import DisasterDeployment, ExpertDispatch

pytestmark = pytest.mark.django_db


def test_loads_the_reference_rows_plus_the_2023_earthquake():
    created = sample_data.load()
    assert created == {"disaster relief deployments": 17, "expert dispatches": 5}
    assert DisasterDeployment.objects.filter(year=2023, month=2, country="TR", persons=23).exists()


def test_teams_follow_the_documented_assignment():
    sample_data.load()
    assert DisasterDeployment.objects.get(year=2004, country="TH").team == Team.FORENSIC
    assert DisasterDeployment.objects.get(year=2018, country="TW").team == Team.SEARCH_SUPPORT
    assert DisasterDeployment.objects.filter(team=Team.RESCUE).count() == 15


def test_one_record_holds_both_counts_of_the_indonesia_dispatch():
    sample_data.load()
    indonesia = ExpertDispatch.objects.get(country="ID")
    assert (indonesia.long_term_experts, indonesia.short_term_experts) == (2, 1)
    # The source states the whole team (2 long-term, 1 short-term): no other experts, not unknown.
    assert indonesia.other_experts == 0
    assert indonesia.partner == "JICA"
    assert indonesia.beneficiary == ""


def test_judo_instructors_are_the_only_experts_and_of_unknown_number():
    sample_data.load()
    judo = ExpertDispatch.objects.get(country="TR", start_year=2011)
    assert (judo.end_year, judo.beneficiary.code) == (2014, "AF")
    assert judo.other_experts is None and judo.other_experts_role == "judo instructors"
    for name in ("long_term_experts", "short_term_experts"):
        assert getattr(judo, name) == 0


def test_loading_twice_creates_nothing_and_keeps_staff_edits():
    sample_data.load()
    row = DisasterDeployment.objects.get(year=1990, month=6)
    row.persons = 7
    row.save()
    assert sample_data.load() == {"disaster relief deployments": 0, "expert dispatches": 0}
    assert DisasterDeployment.objects.get(pk=row.pk).persons == 7
    assert DisasterDeployment.objects.count() == 17


def test_loaded_rows_pass_their_own_validation():
    sample_data.load()
    for row in [*DisasterDeployment.objects.all(), *ExpertDispatch.objects.all()]:
        row.full_clean()


def test_rows_staff_deleted_do_not_come_back():
    sample_data.load()
    DisasterDeployment.objects.filter(year=2018, country="TW").delete()
    ExpertDispatch.objects.filter(country="TL", start_year=2011).delete()
    assert sample_data.load() == {"disaster relief deployments": 0, "expert dispatches": 0}
    assert DisasterDeployment.objects.count() == 16
    assert ExpertDispatch.objects.count() == 4


def test_each_kind_is_loaded_when_it_has_no_rows_yet():
    sample_data.load()
    ExpertDispatch.objects.all().delete()
    assert sample_data.load() == {"disaster relief deployments": 0, "expert dispatches": 5}
