"""Every admin edit can say why (stored as the version's reason); history times are Japan time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.revert import revert_reason
from pages.models import Section
from programs.models import AnnualFigure

from .builders import deployment, make_figure, make_page, make_section

pytestmark = pytest.mark.django_db


def deployment_form(row, **values):
    data = {
        "year": str(row.year),
        "month": str(row.month),
        "country": row.country.code,
        "place": row.place,
        "disaster": row.disaster,
        "team": row.team,
        "persons": str(row.persons),
        "summary": row.summary,
        "source_url": row.source_url,
    }
    data.update({name: str(value) for name, value in values.items()})
    return data


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:programs_scheme_add",
        "admin:programs_program_add",
        "admin:programs_annualfigure_add",
        "admin:deployments_disasterdeployment_add",
        "admin:deployments_expertdispatch_add",
        "admin:pages_page_add",
        "admin:pages_section_add",
    ],
)
def test_every_change_form_asks_for_a_reason(staff_client, url_name):
    html = staff_client.get(reverse(url_name)).content.decode()
    assert 'name="change_reason"' in html
    assert "Reason for this change" in html


def test_the_reason_is_recorded_in_the_history(staff_client):
    figure = make_figure(year=2019, participants=10, countries=8)
    url = reverse("admin:programs_annualfigure_change", args=[figure.pk])
    data = {
        "program": str(figure.program_id),
        "year": "2019",
        "participants": "12",
        "countries": "8",
        "note": "",
        "change_reason": "Corrected from the JICA annual report",
    }
    assert staff_client.post(url, data).status_code == 302
    latest = figure.history.latest()
    assert latest.history_change_reason == "Corrected from the JICA annual report"
    history = staff_client.get(reverse("admin:programs_annualfigure_history", args=[figure.pk]))
    assert "Corrected from the JICA annual report" in history.content.decode()


def test_a_blank_reason_records_none(staff_client):
    row = deployment(year=2011, month=3, country="NZ", persons=5)
    url = reverse("admin:deployments_disasterdeployment_change", args=[row.pk])
    response = staff_client.post(url, deployment_form(row, persons=6, change_reason=""))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert row.history.latest().history_change_reason is None


def test_the_reason_goes_to_inline_rows_too(staff_client):
    page = make_page("About", slug="about")
    section = make_section(page, heading="Old heading")
    url = reverse("admin:pages_page_change", args=[page.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    inline = staff_client.get(url).context["inline_admin_formsets"][0].formset
    data |= {
        f"{inline.prefix}-TOTAL_FORMS": "1",
        f"{inline.prefix}-INITIAL_FORMS": "1",
        f"{inline.prefix}-MIN_NUM_FORMS": "0",
        f"{inline.prefix}-MAX_NUM_FORMS": "1000",
    }
    for name, value in inline.forms[0].initial.items():
        data[f"{inline.prefix}-0-{name}"] = "" if value is None else value
    data[f"{inline.prefix}-0-id"] = str(section.pk)
    data[f"{inline.prefix}-0-page"] = str(page.pk)
    data[f"{inline.prefix}-0-heading_en"] = "New heading"
    data["change_reason"] = "Heading agreed with the division"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    section = Section.objects.get(pk=section.pk)
    assert section.heading == "New heading"
    assert section.history.latest().history_change_reason == "Heading agreed with the division"
    assert page.history.latest().history_change_reason == "Heading agreed with the division"


def test_revert_reason_names_the_version_in_japan_time():
    figure = make_figure(year=2019)
    version = figure.history.latest()
    # 23:30 UTC on 1 March is 08:30 on 2 March in Tokyo.
    version.history_date = datetime.datetime(2024, 3, 1, 23, 30, tzinfo=datetime.UTC)
    assert "March 2, 2024, 8:30" in revert_reason(version)


def test_a_reason_given_on_revert_is_kept_with_the_revert(staff_client):
    figure = make_figure(year=2019, participants=10, countries=8)
    figure.participants = 14
    figure.save()
    original = figure.history.earliest()
    url = reverse("admin:programs_annualfigure_simple_history", args=[figure.pk, original.pk])
    data = {
        "program": str(figure.program_id),
        "year": "2019",
        "participants": "10",
        "countries": "8",
        "note": "",
        "change_reason": "14 was a typo",
    }
    assert staff_client.post(url, data).status_code == 302
    reason = figure.history.latest().history_change_reason
    assert reason.startswith("reverted to the version of ")
    assert reason.endswith(": 14 was a typo")
    assert len(reason) <= 100


def test_history_and_deleted_lists_show_japan_time(staff_client):
    figure = make_figure(year=2019)
    moment = datetime.datetime(2024, 3, 1, 23, 30, tzinfo=datetime.UTC)
    AnnualFigure.history.filter(id=figure.pk).update(history_date=moment)
    html = staff_client.get(
        reverse("admin:programs_annualfigure_history", args=[figure.pk])
    ).content.decode()
    assert "March 2, 2024, 8:30" in html
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"


def test_revert_page_breadcrumbs_name_the_model_not_its_history(staff_client):
    row = deployment(year=2011, month=3, country="NZ", persons=5)
    row.persons = 7
    row.save()
    version = row.history.earliest()
    url = reverse("admin:deployments_disasterdeployment_simple_history", args=[row.pk, version.pk])
    html = staff_client.get(url).content.decode()
    crumbs = html.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert "Historical" not in crumbs and "historical" not in crumbs
    assert "Disaster relief deployments" in crumbs
    assert "Historical" not in html.split("<title>")[1].split("</title>")[0]


def test_revert_form_of_a_deployment_shows_what_will_change(staff_client):
    row = deployment(year=2011, month=3, country="NZ", persons=5, place="Christchurch")
    row.persons = 7
    row.place = "Wellington"
    row.save()
    version = row.history.earliest()
    url = reverse("admin:deployments_disasterdeployment_simple_history", args=[row.pk, version.pk])
    response = staff_client.get(url)
    changes = {
        (str(f.verbose_name), now, then) for f, now, then in response.context["revert_changes"]
    }
    assert changes == {
        ("persons dispatched", "7", "5"),
        ("place (English)", "Wellington", "Christchurch"),
    }
    html = response.content.decode()
    assert "<del>Wellington</del> → <ins>Christchurch</ins>" in html


def test_revert_form_says_when_nothing_would_change(staff_client):
    row = deployment(year=2011, month=3, country="NZ", persons=5)
    row.save()
    version = row.history.earliest()
    url = reverse("admin:deployments_disasterdeployment_simple_history", args=[row.pk, version.pk])
    response = staff_client.get(url)
    assert list(response.context["revert_changes"]) == []
    assert "This version has the same values as today" in response.content.decode()
