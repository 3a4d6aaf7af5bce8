"""What a visitor reads in the deployment and dispatch rows: every figure as the source gives it,
each row's longer facts and own source link, and country names that read right in sentences."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from deployments.models import ExpertDispatch
from deployments.text import country_in_sentence

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).resolve().parent.parent / "deployments" / "data"
TURKIYE_SOURCE = "https://www.npa.go.jp/bureau/soumu/kokusai/jdr_turkey_2023_01.html"
KIND_FIELDS = {
    "long-term": "long_term_experts",
    "short-term": "short_term_experts",
    "judo instructors": "other_experts",
}


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _rows(html):
    return [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


def test_every_dispatch_figure_matches_the_source(sample_deployments):
    with open(REFERENCE / "expert_dispatches.csv", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            record = ExpertDispatch.objects.get(
                country__in=["ID", "TL", "TR"],
                start_year=line["start_year"],
                field_of_work=line["field"],
            )
            if line["kind"]:
                expected = int(line["experts"]) if line["experts"] else None
                assert getattr(record, KIND_FIELDS[line["kind"]]) == expected, line


def test_indonesia_row_gives_the_source_total_and_no_unknown_kind(sample_deployments, client):
    html = client.get(reverse("deployments:country_detail", args=["id"])).content.decode()
    row = next(row for row in _rows(html) if row.startswith("2020"))
    assert "2 long-term experts; 1 short-term expert" in row
    assert "not stated" not in row


def test_rows_say_which_experts_went_when_the_number_is_unknown(sample_deployments, client):
    text = _text(client.get(reverse("deployments:expert_dispatches")).content.decode())
    assert "judo instructors, number not stated" in text
    assert "short-term experts, number not stated" in text
    assert "not stated (judo instructors)" not in text
    assert "Country/region of the police trained" in text
    assert "Police trained or advised" not in text


def test_turkiye_2023_row_shows_its_own_source_and_summary(sample_deployments, client):
    for url in (
        reverse("deployments:disaster_relief"),
        reverse("deployments:country_detail", args=["tr"]),
    ):
        html = client.get(url).content.decode()
        row = next(row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "2023" in row)
        assert "<details" in row and "<summary>Details</summary>" in row
        assert f'<a href="{TURKIYE_SOURCE}">Source of this row</a>' in row
        assert "earthquakes in the south-east of the country" in row
    # Rows from the footer's source page carry no details of their own.
    html = client.get(reverse("deployments:disaster_relief")).content.decode()
    assert html.count('class="row-details"') == 1


def test_csv_carries_summary_place_and_source_link(sample_deployments, client):
    response = client.get(reverse("deployments:disaster_relief_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    turkiye = next(row for row in rows if row["year"] == "2023")
    assert turkiye["source_url"] == TURKIYE_SOURCE
    assert turkiye["summary"].startswith("Police officials joined the rescue team")
    assert "place" in turkiye
    response = client.get(reverse("deployments:expert_dispatches_csv"))
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert header.endswith(",description,source_url")


def test_country_names_read_right_inside_sentences(sample_deployments, client):
    assert country_in_sentence("PH") == "the Philippines"
    assert country_in_sentence("NP") == "Nepal"
    text = _text(client.get(reverse("deployments:country_detail", args=["ph"])).content.decode())
    assert "went to the Philippines with a Japan Disaster Relief team" in text


def test_a_single_deployment_reads_as_one_event(sample_deployments, client):
    text = _text(client.get(reverse("deployments:country_detail", args=["id"])).content.decode())
    assert (
        "In October 2009, 21 police officials went to Indonesia with a Japan Disaster Relief "
        "team." in text
    )
    assert "once, 21 persons in all" not in text
