"""CSV downloads of the deployments and dispatches: same rows, filters and sort as on screen."""

import csv
import io

import pytest
from django.urls import reverse

from deployments import sample_data
from deployments.models import DisasterDeployment, ExpertDispatch

from .builders import deployment, dispatch

pytestmark = pytest.mark.django_db


def _csv(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    return body, list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_disaster_relief_csv_round_trip(client):
    sample_data.load()
    response = client.get(reverse("deployments:disaster_relief_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="disaster-relief-deployments.csv"' in response["Content-Disposition"]
    body, rows = _csv(response)
    assert body.splitlines()[0] == (
        "year,month,country_code,country,place,disaster,team,persons,summary,source_url"
    )
    assert len(rows) == DisasterDeployment.objects.count() == 17
    labels = {
        "disaster": {
            str(label): value for value, label in DisasterDeployment.disaster.field.choices
        },
        "team": {str(label): value for value, label in DisasterDeployment.team.field.choices},
    }
    from_csv = {
        (
            int(row["year"]),
            int(row["month"]),
            row["country_code"],
            row["place"],
            labels["disaster"][row["disaster"]],
            labels["team"][row["team"]],
            int(row["persons"]),
        )
        for row in rows
    }
    from_database = set(
        DisasterDeployment.objects.values_list(
            "year", "month", "country", "place", "disaster", "team", "persons"
        )
    )
    assert from_csv == from_database
    assert rows[0]["country"] == "Iran" and rows[5]["country"] == "Taiwan"


def test_disaster_relief_csv_honours_filters_and_sort(client):
    sample_data.load()
    response = client.get(
        reverse("deployments:disaster_relief_csv"), {"team": "rescue", "sort": "-persons"}
    )
    _, rows = _csv(response)
    assert len(rows) == 15
    assert [row["persons"] for row in rows[:2]] == ["45", "43"]
    assert {row["team"] for row in rows} == {"Rescue team"}


def test_csv_link_on_the_page_carries_the_filters(client):
    sample_data.load()
    html = client.get(
        reverse("deployments:disaster_relief"), {"country": "tw", "sort": "-date"}
    ).content.decode()
    assert "/en/deployments/disaster-relief.csv?country=TW&amp;sort=-date" in html


def test_csv_with_bad_parameter_is_a_400_with_a_reason(client):
    response = client.get(reverse("deployments:disaster_relief_csv"), {"sort": "banana"})
    assert response.status_code == 400
    assert "Sort by" in response.content.decode()


def test_bom_on_request_for_excel(client):
    deployment()
    body, _ = _csv(client.get(reverse("deployments:disaster_relief_csv"), {"bom": "1"}))
    assert body.startswith("\ufeffyear,")


def test_formula_like_text_is_neutralised(client):
    deployment(place='=HYPERLINK("http://evil")')
    dispatch(field_of_work="+cmd|' /C calc'!A0")
    _, rows = _csv(client.get(reverse("deployments:disaster_relief_csv")))
    assert rows[0]["place"].startswith("'=")
    _, rows = _csv(client.get(reverse("deployments:expert_dispatches_csv")))
    assert rows[0]["field_of_work"].startswith("'+")


def test_expert_dispatches_csv_keeps_unknown_counts_blank(client):
    sample_data.load()
    body, rows = _csv(client.get(reverse("deployments:expert_dispatches_csv")))
    assert body.splitlines()[0] == (
        "start_year,end_year,country_code,country,beneficiary_code,beneficiary,field_of_work,"
        "long_term_experts,short_term_experts,other_experts,other_experts_role,partner,description,"
        "source_url"
    )
    assert len(rows) == ExpertDispatch.objects.count() == 5
    indonesia = rows[0]
    assert (indonesia["country"], indonesia["long_term_experts"]) == ("Indonesia", "2")
    # The source's total leaves no other experts: 0, while unknown counts stay blank.
    assert (indonesia["short_term_experts"], indonesia["other_experts"]) == ("1", "0")
    assert indonesia["partner"] == "JICA"
    judo = next(row for row in rows if row["other_experts_role"] == "judo instructors")
    assert (judo["start_year"], judo["end_year"], judo["beneficiary"]) == (
        "2011",
        "2014",
        "Afghanistan",
    )
    assert judo["other_experts"] == ""


def test_expert_dispatches_csv_honours_filters(client):
    sample_data.load()
    _, rows = _csv(client.get(reverse("deployments:expert_dispatches_csv"), {"country": "TR"}))
    assert [row["start_year"] for row in rows] == ["2015", "2011"]
    _, rows = _csv(client.get(reverse("deployments:expert_dispatches_csv"), {"from": "2016"}))
    assert {(row["country"], row["start_year"]) for row in rows} == {
        ("Indonesia", "2020"),
        ("Timor-Leste", "2013"),
    }
