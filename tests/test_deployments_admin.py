"""Staff editing deployments and dispatches in the admin."""

import re
from html import unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from deployments import sample_data
from deployments.models import DisasterDeployment, ExpertDispatch

pytestmark = pytest.mark.django_db

ADD_DEPLOYMENT = reverse("admin:deployments_disasterdeployment_add")
DEPLOYMENTS = reverse("admin:deployments_disasterdeployment_changelist")
DISPATCHES = reverse("admin:deployments_expertdispatch_changelist")


def _text(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _form(**fields):
    data = {
        "year": "2024",
        "month": "1",
        "country": "JP",
        "place": "",
        "disaster": "earthquake",
        "team": "rescue",
        "persons": "10",
        "summary": "",
        "source_url": "",
    }
    data.update(fields)
    return data


def test_adding_a_deployment_changes_the_summary_sentence(staff_client):
    sample_data.load()
    page = reverse("deployments:disaster_relief")
    assert "on 17 occasions, 313 persons in all" in _text(staff_client.get(page))
    response = staff_client.post(ADD_DEPLOYMENT, _form(year="2024", month="1", persons="10"))
    assert response.status_code == 302, _text(response)
    text = _text(staff_client.get(page))
    assert "on 18 occasions, 323 persons in all, to 17 countries and regions" in text
    assert "The most recent deployment: January 2024, 10 persons to Japan (earthquake)" in text
    assert "Rescue team: 16 deployments;" in text


def test_admin_refuses_zero_persons_in_plain_words(staff_client):
    response = staff_client.post(ADD_DEPLOYMENT, _form(persons="0"))
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in _text(response)
    assert not DisasterDeployment.objects.exists()


def test_admin_refuses_a_second_row_for_the_same_team_month_and_country(staff_client):
    staff_client.post(ADD_DEPLOYMENT, _form())
    response = staff_client.post(ADD_DEPLOYMENT, _form(persons="3"))
    assert "This team already has a deployment to this country in this month." in _text(response)
    assert DisasterDeployment.objects.count() == 1


def test_admin_refuses_a_future_month(staff_client):
    response = staff_client.post(ADD_DEPLOYMENT, _form(year="2099"))
    assert "cannot be later than the current month" in _text(response)


def test_admin_refuses_zero_experts_and_end_before_start(staff_client):
    response = staff_client.post(
        reverse("admin:deployments_expertdispatch_add"),
        {
            "country": "TL",
            "beneficiary": "",
            "start_year": "2016",
            "end_year": "2013",
            "field_of_work": "community policing",
            "long_term_experts": "0",
            "short_term_experts": "",
            "other_experts": "",
            "other_experts_role": "",
            "partner": "",
            "description": "",
            "source_url": "",
        },
    )
    text = _text(response)
    assert "The last year cannot be before the first year." in text
    assert "A dispatch sends at least one expert" not in text  # one number 0 is allowed
    assert not ExpertDispatch.objects.exists()


def test_changelist_is_newest_first_with_filters(staff_client):
    sample_data.load()
    response = staff_client.get(DEPLOYMENTS)
    assert response.status_code == 200
    text = _text(response)
    assert text.index("February 2023") < text.index("June 1990")
    for title in ("By disaster", "By team", "By country/region", "By decade"):
        assert title in text
    assert "2010s" in text and "1990s" in text


def test_decade_filter(staff_client):
    sample_data.load()
    response = staff_client.get(DEPLOYMENTS, {"decade": "1990"})
    assert list(response.context["cl"].result_list.values_list("year", flat=True)) == [
        1999,
        1999,
        1996,
        1993,
        1990,
        1990,
    ]
    assert staff_client.get(DEPLOYMENTS, {"decade": "abc"}).status_code == 200


@pytest.mark.parametrize(("term", "count"), [("Taiwan", 2), ("Turkey", 1), ("türkiye", 1)])
def test_search_by_country_name(staff_client, term, count):
    sample_data.load()
    response = staff_client.get(DEPLOYMENTS, {"q": term})
    assert response.context["cl"].result_count == count


def test_dispatch_search_finds_the_beneficiary(staff_client):
    sample_data.load()
    response = staff_client.get(DISPATCHES, {"q": "Afghanistan"})
    assert response.context["cl"].result_count == 2


def test_view_on_site_goes_to_the_country_page(staff_client):
    sample_data.load()
    row = DisasterDeployment.objects.get(year=2009, country="ID")
    response = staff_client.get(
        reverse("admin:deployments_disasterdeployment_change", args=[row.pk])
    )
    assert response.status_code == 200
    content_type = ContentType.objects.get_for_model(row)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, row.pk])
    assert view_on_site in response.content.decode()
    assert staff_client.get(view_on_site).url.endswith("/en/countries/id/")


def test_history_is_available(staff_client):
    sample_data.load()
    row = ExpertDispatch.objects.get(country="ID")
    response = staff_client.get(reverse("admin:deployments_expertdispatch_history", args=[row.pk]))
    assert response.status_code == 200


def test_country_search_keeps_the_sidebar_filters(staff_client):
    sample_data.load()
    response = staff_client.get(DEPLOYMENTS, {"q": "Taiwan", "team__exact": "rescue"})
    assert response.context["cl"].result_count == 1
