"""Rules of deployments and dispatches: every rule in clean() and again in the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.figures import LiveFigures
from deployments.choices import Team
from deployments.countries import countries_reached, country_activity
from deployments.models import DisasterDeployment, ExpertDispatch

from .builders import deployment, dispatch

pytestmark = pytest.mark.django_db


def _messages(error):
    return " ".join(message for messages in error.message_dict.values() for message in messages)


def _validation_error(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return _messages(caught.value)


def _database_refuses(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        DisasterDeployment.objects.create(
            **{"year": 2010, "month": 3, "country": "JP", "persons": 5, **fields}
        )


def _database_refuses_dispatch(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpertDispatch.objects.create(
            **{"country": "ID", "start_year": 2018, "field_of_work_en": "x", **fields}
        )


# Disaster relief deployments


def test_persons_must_be_at_least_one_in_form():
    message = _validation_error(DisasterDeployment(year=2010, month=3, country="JP", persons=0))
    assert "greater than or equal to 1" in message


def test_persons_must_be_at_least_one_in_database():
    _database_refuses(persons=0)


@pytest.mark.parametrize("month", [0, 13])
def test_month_must_be_1_to_12_in_form(month):
    message = _validation_error(DisasterDeployment(year=2010, month=month, country="JP", persons=1))
    assert "month" in message.lower() or "valid choice" in message


@pytest.mark.parametrize("month", [0, 13])
def test_month_must_be_1_to_12_in_database(month):
    _database_refuses(month=month)


def test_year_before_jdr_is_refused_in_form_and_database():
    message = _validation_error(DisasterDeployment(year=1970, month=3, country="JP", persons=1))
    assert "1987" in message
    _database_refuses(year=1970)


def test_deployment_cannot_be_later_than_current_month():
    today = timezone.localdate()
    next_month = (today.year + (today.month == 12), today.month % 12 + 1)
    future = DisasterDeployment(year=next_month[0], month=next_month[1], country="JP", persons=1)
    message = _validation_error(future)
    assert "cannot be later than the current month" in message
    this_month = DisasterDeployment(year=today.year, month=today.month, country="JP", persons=1)
    this_month.full_clean()


def _months_ahead(count):
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + count
    return {"year": index // 12, "month": index % 12 + 1}


def test_database_refuses_a_month_after_the_current_one():
    # Two months ahead: the database allows the month of tomorrow in UTC (see migration 0003).
    _database_refuses(**_months_ahead(2))
    _database_refuses(**_months_ahead(14))
    DisasterDeployment.objects.create(country="JP", persons=5, **_months_ahead(0))


def test_database_refuses_future_months_by_any_path():
    row = deployment(year=2010, month=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        DisasterDeployment.objects.filter(pk=row.pk).update(**_months_ahead(2))
    with pytest.raises(IntegrityError), transaction.atomic():
        DisasterDeployment.objects.bulk_create(
            [DisasterDeployment(country="FR", persons=1, **_months_ahead(3))]
        )
    row.refresh_from_db()
    assert (row.year, row.month) == (2010, 3)
    row.persons = 6
    row.save()  # an update that leaves the month alone is fine


def test_far_future_year_is_refused_by_database_bound():
    _database_refuses(year=20023)


def test_same_year_month_country_team_is_refused_in_form():
    deployment(year=2011, month=2, country="NZ")
    duplicate = DisasterDeployment(year=2011, month=2, country="NZ", team=Team.RESCUE, persons=3)
    assert "already has a deployment" in _validation_error(duplicate)
    other_team = DisasterDeployment(year=2011, month=2, country="NZ", team=Team.FORENSIC, persons=3)
    other_team.full_clean()


def test_same_year_month_country_team_is_refused_in_database():
    deployment(year=2011, month=2, country="NZ")
    _database_refuses(year=2011, month=2, country="NZ")


def test_deployment_reads_as_a_person_would_say_it():
    row = deployment(year=1990, month=6, country="IR", persons=6)
    assert str(row) == "June 1990: Rescue team to Iran"
    assert row.month_year == "June 1990"
    assert row.persons_text == "6 persons"
    assert deployment(year=1990, month=7, country="PH", persons=1).persons_text == "1 person"
    assert row.get_absolute_url() == "/en/countries/ir/"


def test_changes_are_kept_in_history():
    row = deployment(persons=5)
    row.persons = 6
    row.save()
    assert row.history.count() == 2
    assert row.history.earliest().persons == 5


def test_taiwan_is_a_country_or_region():
    assert deployment(country="TW").country.name == "Taiwan"


# Expert dispatches


def test_end_year_cannot_be_before_start_year_in_form_and_database():
    bad = ExpertDispatch(country="TL", start_year=2016, end_year=2013, field_of_work_en="x")
    assert "cannot be before the first year" in _validation_error(bad)
    _database_refuses_dispatch(start_year=2016, end_year=2013)


@pytest.mark.parametrize("field", ["long_term_experts", "short_term_experts", "other_experts"])
def test_expert_count_may_be_none_sent_or_not_stated(field):
    dispatch(**{field: 0}).full_clean()
    dispatch(country="TL", **{field: None}).full_clean()


def test_a_dispatch_cannot_send_nobody_in_form_and_database():
    nobody = dict.fromkeys(("long_term_experts", "short_term_experts", "other_experts"), 0)
    bad = ExpertDispatch(country="ID", start_year=2018, field_of_work_en="x", **nobody)
    assert "A dispatch sends at least one expert" in _validation_error(bad)
    _database_refuses_dispatch(**nobody)


def test_beneficiary_is_blank_when_host_benefits_in_form_and_database():
    bad = ExpertDispatch(country="ID", beneficiary="ID", start_year=2018, field_of_work_en="x")
    assert "Leave the beneficiary blank" in _validation_error(bad)
    _database_refuses_dispatch(beneficiary="ID")


def test_dispatch_cannot_start_in_a_future_year():
    bad = ExpertDispatch(
        country="ID", start_year=timezone.localdate().year + 1, field_of_work_en="x"
    )
    assert "cannot be later than this year" in _validation_error(bad)


def test_duplicate_dispatch_is_refused_in_form_and_database():
    dispatch(country="TR", beneficiary="AF", start_year=2011, field_of_work_en="judo")
    duplicate = ExpertDispatch(
        country="TR", beneficiary="AF", start_year=2011, field_of_work_en="judo"
    )
    assert "already recorded" in _validation_error(duplicate)
    _database_refuses_dispatch(
        country="TR", beneficiary="AF", start_year=2011, field_of_work_en="judo"
    )


def test_year_range_is_written_with_an_en_dash():
    assert dispatch(start_year=2013, end_year=2016).years == "2013\u20132016"
    assert dispatch(start_year=2011, field_of_work="other").years == "2011"


# Queryset methods and figures


def test_summary_counts_persons_teams_first_and_latest():
    deployment(year=1990, month=6, country="IR", persons=6)
    deployment(year=2004, month=12, country="TH", persons=20, team=Team.FORENSIC)
    deployment(year=2018, month=2, country="TW", persons=2, team=Team.SEARCH_SUPPORT)
    summary = DisasterDeployment.objects.summary()
    assert (summary.count, summary.persons, summary.countries) == (3, 28, 3)
    assert summary.first.month_year == "June 1990"
    assert summary.latest.month_year == "February 2018"
    by_team = {total.team: total.count for total in summary.by_team}
    assert by_team == {Team.RESCUE: 1, Team.SEARCH_SUPPORT: 1, Team.FORENSIC: 1, Team.OTHER: 0}


def test_summary_of_nothing_is_zero_not_an_error():
    summary = DisasterDeployment.objects.summary()
    assert (summary.count, summary.persons, summary.first, summary.latest) == (0, 0, None, None)


def test_facet_and_country_counts():
    deployment(year=1999, month=9, country="TW", persons=45)
    deployment(year=2018, month=2, country="TW", persons=2, team=Team.SEARCH_SUPPORT)
    deployment(year=1993, month=12, country="MY", persons=11, disaster="building-collapse")
    assert DisasterDeployment.objects.facet_counts("disaster") == {
        "earthquake": 2,
        "building-collapse": 1,
    }
    assert DisasterDeployment.objects.per_country() == {"TW": (2, 47), "MY": (1, 11)}


def test_countries_reached_counts_hosts_and_beneficiaries_once():
    deployment(country="TR")
    dispatch(country="TR", beneficiary="AF")
    dispatch(country="ID")
    assert countries_reached() == 3
    names = [item.name for item in country_activity()]
    assert names == ["Afghanistan", "Indonesia", "Türkiye"]


def test_live_figures_follow_the_data():
    deployment(year=1990, month=6, country="IR", persons=6)
    deployment(year=2018, month=2, country="TW", persons=2, team=Team.SEARCH_SUPPORT)
    dispatch(country="TR", beneficiary="AF")
    figures = LiveFigures()
    assert figures.resolve("jdr.deployments") == 2
    assert figures.resolve("jdr.persons") == 8
    assert figures.resolve("jdr.first_month_year") == "June 1990"
    assert figures.resolve("jdr.first_year") == 1990
    assert figures.resolve("jdr.latest_month_year") == "February 2018"
    assert figures.resolve("jdr.latest_country") == "Taiwan"
    assert figures.resolve("jdr.latest_persons") == 2
    assert figures.resolve("jdr.countries") == 2
    assert figures.resolve("jdr.rescue_team") == 1
    assert figures.resolve("jdr.search_support_team") == 1
    assert figures.resolve("jdr.forensic_team") == 0
    assert figures.resolve("dispatches.count") == 1
    assert figures.resolve("dispatches.countries") == 1
    assert figures.resolve("countries.reached") == 4
