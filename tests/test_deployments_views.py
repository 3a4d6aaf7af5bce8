"""The public pages: disaster relief table, expert dispatches and country pages."""

import csv
import re
from html import unescape
from pathlib import Path

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deployments import sample_data
from deployments.models import DisasterDeployment, ExpertDispatch
from deployments.views import disaster_relief_context, expert_dispatches_context

from .builders import many_deployments, many_dispatches

pytestmark = pytest.mark.django_db

REFERENCE = Path(sample_data.DATA_DIR) / "disaster_relief_deployments.csv"
MONTHS = "January February March April May June July August September October November December"


def _text(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _table_rows(response):
    """Each body row of the first table as a list of cell texts."""
    html = response.content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def test_table_matches_the_reference_row_by_row(client, sample_deployments):
    response = client.get(reverse("deployments:disaster_relief"))
    assert response.status_code == 200
    rows = _table_rows(response)
    with open(REFERENCE, encoding="utf-8") as handle:
        reference = list(csv.DictReader(handle))
    month_names = MONTHS.split()
    for line, row in zip(reference, rows, strict=False):
        country = {"Turkey": "Türkiye"}.get(line["country_or_region"], line["country_or_region"])
        assert row[0] == f"{month_names[int(line['month']) - 1]} {line['year']}"
        assert row[1] == country
        assert row[2] == line["disaster"]
        assert row[4] == f"{line['persons_dispatched']} persons"
    assert len(rows) == len(reference) + 1
    assert rows[-1][:5] == ["February 2023", "Türkiye", "Earthquake", "Rescue team", "23 persons"]
    assert rows[5][:2] == ["September 1999", "Taiwan"]


def test_summary_sentence_is_computed_from_the_data(client, sample_deployments):
    text = _text(client.get(reverse("deployments:disaster_relief")).content.decode())
    assert "Since June 1990" in text
    assert "on 17 occasions, 313 persons in all, to 16 countries and regions" in text
    assert (
        "Rescue team: 15 deployments; Search support experts team: 1 deployment; "
        "Forensic experts team: 1 deployment." in text
    )
    assert "The most recent deployment: February 2023, 23 persons to Türkiye (earthquake)" in text


def test_column_headings_say_country_region_and_month_year(client, sample_deployments):
    html = client.get(reverse("deployments:disaster_relief")).content.decode()
    assert "Country/Region" in html
    assert "Month &amp; Year" in html
    assert "<caption>" in html


@pytest.mark.parametrize(
    ("sort", "first_cells"),
    [
        ("-persons", ["September 1999", "Taiwan"]),
        ("persons", ["February 2018", "Taiwan"]),
        ("-date", ["February 2023", "Türkiye"]),
        ("date", ["June 1990", "Iran"]),
        ("country", ["May 2003", "Algeria"]),
        ("-country", ["February 2023", "Türkiye"]),
        ("disaster", ["December 1993", "Malaysia"]),
        ("-disaster", ["December 2004", "Thailand"]),
        ("team", ["December 2004", "Thailand"]),
        ("-team", ["February 2018", "Taiwan"]),
    ],
)
def test_every_column_sorts(client, sample_deployments, sort, first_cells):
    response = client.get(reverse("deployments:disaster_relief"), {"sort": sort})
    assert response.status_code == 200
    assert _table_rows(response)[0][:2] == first_cells


def test_sorted_heading_links_to_the_reverse_order_and_keeps_filters(client, sample_deployments):
    html = client.get(
        reverse("deployments:disaster_relief"), {"sort": "-persons", "team": "rescue"}
    ).content.decode()
    assert 'aria-sort="descending"' in html
    assert "?team=rescue&amp;sort=persons" in html


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"disaster": "building-collapse"}, 2),
        ({"disaster": "tsunami"}, 1),
        ({"team": "rescue"}, 15),
        ({"team": "search-support"}, 1),
        ({"country": "tw"}, 2),
        ({"country": "TW"}, 2),
        ({"from": "2000", "to": "2009"}, 6),
        ({"from": "2018"}, 2),
        ({"to": "1990"}, 2),
        ({"country": "TW", "team": "rescue"}, 1),
        ({"disaster": "flood"}, 0),
    ],
)
def test_each_filter_narrows_the_table(client, sample_deployments, params, count):
    response = client.get(reverse("deployments:disaster_relief"), params)
    assert response.status_code == 200
    rows = _table_rows(response)
    if count == 0:
        assert rows == [["Nothing matches these filters."]]
    else:
        assert len(rows) == count
        assert f"Showing {count} of 17 deployments" in _text(response.content.decode())


def test_facet_counts_beside_each_choice(client, sample_deployments):
    html = client.get(reverse("deployments:disaster_relief"), {"country": "TW"}).content.decode()
    # With Taiwan chosen, the other facets count Taiwan's rows only...
    assert '<option value="earthquake">Earthquake (2)</option>' in html
    assert '<option value="rescue">Rescue team (1)</option>' in html
    assert '<option value="search-support">Search support experts team (1)</option>' in html
    # ...and the country facet ignores its own choice, so other countries stay reachable.
    assert '<option value="TW" selected>Taiwan (2)</option>' in html
    assert '<option value="TR">Türkiye (1)</option>' in html


@pytest.mark.parametrize(
    "query",
    [
        "sort=banana",
        "sort=",
        "from=abc",
        "from=1800",
        "to=99999999999999999999",
        "from=2010&to=2000",
        "country=xx",
        "country=%00",
        "country=Indonesia",
        "disaster=meteor",
        "team[]=rescue",
        "team=rescue&team=forensic",
        "from=1e3",
        "unknown=1",
    ],
)
@pytest.mark.parametrize(
    "name",
    [
        "deployments:disaster_relief",
        "deployments:disaster_relief_csv",
        "deployments:expert_dispatches",
        "deployments:expert_dispatches_csv",
    ],
)
def test_bad_parameters_never_give_a_500(client, sample_deployments, name, query):
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code in (200, 400)


def test_bad_parameter_is_explained_and_ignored_on_the_page(client, sample_deployments):
    response = client.get(reverse("deployments:disaster_relief"), {"from": "abc", "team": "rescue"})
    assert response.status_code == 400
    text = _text(response.content.decode())
    assert "could not be used and were ignored" in text
    assert "From year: Enter a whole number." in text
    assert "Showing 15 of 17 deployments" in text


def test_expert_dispatches_grouped_by_host_newest_first(client, sample_deployments):
    response = client.get(reverse("deployments:expert_dispatches"))
    assert response.status_code == 200
    text = _text(response.content.decode())
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", response.content.decode(), re.S)
    assert [_text(h) for h in headings] == ["Indonesia", "Timor-Leste", "Türkiye"]
    assert "2013\u20132016" in text
    assert "2011\u20132014 Afghanistan judo training" in text
    assert (
        "2020 Indonesia crime-fighting capacity and the Koban system "
        "2 long-term experts; 1 short-term expert Details" in text
    )
    assert "judo instructors, number not stated" in text
    assert "5 dispatches of police experts are recorded, to 3 host countries" in text


def test_expert_dispatches_filter_by_host_country(client, sample_deployments):
    response = client.get(reverse("deployments:expert_dispatches"), {"country": "tl"})
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", response.content.decode(), re.S)
    assert [_text(h) for h in headings] == ["Timor-Leste"]


def test_country_list_shows_every_country_with_counts(client, sample_deployments):
    response = client.get(reverse("deployments:country_list"))
    assert response.status_code == 200
    rows = _table_rows(response)
    assert len(rows) == 18
    assert ["Taiwan", "2", "47", "0", "0"] in rows
    assert ["Afghanistan", "0", "0", "0", "2"] in rows
    assert ["Indonesia", "1", "21", "1", "0"] in rows


def test_indonesia_shows_the_2009_earthquake_and_the_2020_dispatch(client, sample_deployments):
    response = client.get(reverse("deployments:country_detail", args=["id"]))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "October 2009 Earthquake Rescue team 21 persons" in text
    assert "2020" in text and "the Koban system" in text and "JICA" in text


def test_turkey_shows_the_judo_dispatch_for_afghanistan_and_the_2023_earthquake(
    client, sample_deployments
):
    response = client.get(reverse("deployments:country_detail", args=["tr"]))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "February 2023 Earthquake Rescue team 23 persons" in text
    assert "2011\u20132014 Afghanistan judo training for Afghan police officers" in text


def test_afghanistan_page_lists_training_hosted_elsewhere(client, sample_deployments):
    text = _text(client.get("/en/countries/af/").content.decode())
    assert "Training for the police of Afghanistan in other countries" in text
    assert "2011\u20132014 Türkiye judo training" in text


def test_upper_case_code_redirects_to_the_lower_case_address(client, sample_deployments):
    response = client.get("/en/countries/ID/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/id/"


@pytest.mark.parametrize("path", ["/en/countries/zz/", "/en/countries/us/", "/en/countries/xyz/"])
def test_unknown_code_or_country_without_activity_is_404(client, sample_deployments, path):
    assert client.get(path).status_code == 404


def test_partials_render_when_included_from_another_page(rf, sample_deployments):
    request = rf.get("/some/content/page/", {"team": "forensic"})
    html = render_to_string(
        "deployments/includes/disaster_relief_table.html",
        disaster_relief_context(request.GET),
        request=request,
    )
    assert "December 2004" in html and "Thailand" in html
    assert 'action="/en/deployments/disaster-relief/"' in html
    assert "/en/deployments/disaster-relief.csv?team=forensic" in html
    html = render_to_string(
        "deployments/includes/expert_dispatch_list.html",
        expert_dispatches_context(request.GET),
        request=request,
    )
    assert "Timor-Leste" in html and "2013\u20132016" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/en/deployments/disaster-relief/",
        "/en/deployments/disaster-relief/?sort=-persons&team=rescue",
        "/en/deployments/disaster-relief.csv",
        "/en/deployments/expert-dispatches/",
        "/en/deployments/expert-dispatches.csv",
        "/en/countries/",
        "/en/countries/fr/",
        "/en/countries/id/",
    ],
)
def test_query_count_does_not_grow_with_rows(client, url):
    many_deployments(10)
    many_dispatches(10)
    with_ten = _queries(client, url)
    DisasterDeployment.objects.all().delete()
    ExpertDispatch.objects.all().delete()
    many_deployments(500)
    many_dispatches(500)
    assert _queries(client, url) == with_ten


def test_country_sitemap_lists_the_country_pages(sample_deployments):
    from deployments.sitemaps import CountrySitemap

    sitemap = CountrySitemap()
    locations = [sitemap.location(item) for item in sitemap.items()]
    assert "/en/countries/id/" in locations and "/en/countries/af/" in locations
    assert len(locations) == 18


def _last_updated(response):
    match = re.search(r"Last updated: <time datetime=\"([0-9-]+)\">", response.content.decode())
    return match.group(1) if match else None


def test_country_pages_say_when_their_rows_last_changed(client, sample_deployments):
    from datetime import UTC, datetime

    def noon(*day):
        return datetime(*day, 12, tzinfo=UTC)

    DisasterDeployment.objects.update(updated_at=noon(2024, 1, 2))
    ExpertDispatch.objects.update(updated_at=noon(2024, 1, 1))
    DisasterDeployment.objects.filter(country="ID").update(updated_at=noon(2024, 3, 5))
    ExpertDispatch.objects.filter(country="TR", start_year=2015).update(updated_at=noon(2024, 2, 9))
    assert _last_updated(client.get("/en/countries/")) == "2024-03-05"
    assert _last_updated(client.get("/en/countries/id/")) == "2024-03-05"
    assert _last_updated(client.get("/en/countries/tr/")) == "2024-02-09"
    assert _last_updated(client.get("/en/countries/af/")) == "2024-02-09"
    assert _last_updated(client.get("/en/countries/np/")) == "2024-01-02"


def test_sentences_read_right_with_a_single_row(client):
    """Numbers in sentences come from the data, so one row must not read "1 persons"."""
    from .builders import deployment, dispatch

    deployment(year=2010, month=3, country="NP", persons=1)
    dispatch(country="ID", start_year=2018)
    text = _text(client.get("/en/deployments/disaster-relief/").content.decode())
    assert (
        "One deployment is recorded: in March 2010, 1 person of the Japanese police went "
        "abroad with a Japan Disaster Relief (JDR) team." in text
    )
    assert "The most recent deployment: March 2010, 1 person to Nepal (earthquake)." in text
    text = _text(client.get("/en/deployments/disaster-relief/?team=rescue").content.decode())
    assert "Showing 1 of 1 deployment (1 person)." in text
    text = _text(client.get("/en/countries/np/").content.decode())
    assert (
        "In March 2010, 1 police official went to Nepal with a Japan Disaster Relief team." in text
    )
    text = _text(client.get("/en/deployments/expert-dispatches/").content.decode())
    assert "1 dispatch of police experts is recorded, to 1 host country, in 2018." in text


def test_sentences_with_several_rows_keep_their_plurals(client, sample_deployments):
    text = _text(client.get("/en/deployments/disaster-relief/?country=tw").content.decode())
    assert "Showing 2 of 17 deployments (47 persons)." in text
    text = _text(client.get("/en/countries/tw/").content.decode())
    assert "with Japan Disaster Relief teams 2 times, 47 persons in all." in text
    text = _text(client.get("/en/deployments/expert-dispatches/").content.decode())
    assert (
        "5 dispatches of police experts are recorded, to 3 host countries, from 2011 to 2020."
        in (text)
    )


def test_dispatch_host_counts_follow_the_chosen_years(client, sample_deployments):
    html = client.get("/en/deployments/expert-dispatches/").content.decode()
    assert '<option value="TL">Timor-Leste (2)</option>' in html
    html = client.get("/en/deployments/expert-dispatches/?from=2013").content.decode()
    assert '<option value="TL">Timor-Leste (1)</option>' in html
    assert '<option value="TR">Türkiye (2)</option>' in html
    # A chosen host with nothing in the years stays chosen, with its 0.
    html = client.get("/en/deployments/expert-dispatches/?country=tl&from=2017").content.decode()
    assert '<option value="TL" selected>Timor-Leste (0)</option>' in html
    assert '<option value="TR">' not in html
    assert "No dispatches match these filters." in html


@pytest.mark.parametrize(
    ("url", "option"),
    [
        ("/en/deployments/disaster-relief/?country=tw", '<option value="TW" selected>Taiwan (2)'),
        (
            "/en/deployments/expert-dispatches/?country=tl",
            '<option value="TL" selected>Timor-Leste',
        ),
    ],
)
def test_a_lower_case_country_code_shows_as_chosen(client, sample_deployments, url, option):
    assert option in client.get(url).content.decode()
