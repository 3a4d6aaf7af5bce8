"""Search ignores accents and case on SQLite and PostgreSQL alike, and knows countries' other
English names (from deployments/data/country_other_names.csv, not from code)."""

import pytest
from django.urls import reverse

from deployments.text import other_country_names
from pages.folding import fold
from pages.search import matching_country_codes, search
from tests.builders import deployment, dispatch, make_page, make_section

pytestmark = pytest.mark.django_db


def _counts(text):
    return {group.slug: group.count for group in search(text)}


@pytest.mark.parametrize("query", ["turkey", "TURKEY", "turkiye", "Türkiye", "türkİye"])
def test_turkiye_is_found_by_any_of_its_names_and_spellings(client, query):
    deployment(year=2023, month=2, country="TR", persons=23)
    assert _counts(query)["deployments"] == 1
    response = client.get(reverse("pages:search"), {"q": query})
    assert "February 2023" in response.content.decode()


def test_other_names_come_from_the_data_table():
    assert "Turkey" in other_country_names()["TR"]
    assert "East Timor" in other_country_names()["TL"]
    assert "TL" in matching_country_codes("east timor")
    assert "MM" in matching_country_codes("Burma")


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Kahramanmaraş", "kahramanmaras"),
        ("kahramanmaras", "KAHRAMANMARAŞ"),
        ("Côte d'Ivoire seminar", "COTE D'IVOIRE"),
        ("Police in Tōkyō", "tokyo"),
    ],
)
def test_text_fields_match_without_accents_or_case(stored, query):
    deployment(year=2023, month=2, country="TR", persons=23, place=stored)
    dispatch(country="ID", start_year=2018, description=f"Work in {stored}.")
    page = make_page("A page", slug="a-page")
    make_section(page, heading="", body=f"A visit to {stored}.")
    make_page(f"About {stored}", slug="about")
    counts = _counts(query)
    assert counts["deployments"] == 1
    assert counts["dispatches"] == 1
    assert counts["pages"] == 2


def test_folding_is_the_same_in_python_and_in_the_database():
    from django.db.models import Value

    from pages.folding import Folded
    from pages.models import Page

    text = "ÀÉÎÕÜ àéîõü Çç Şş İı Øø Łł Ğğ Ñ"
    make_page("x", slug="x")
    in_database = Page.objects.annotate(f=Folded(Value(text))).values_list("f", flat=True)[0]
    assert in_database == fold(text) == "aeiou aeiou cc ss ii oo ll gg n"
