"""Staff work in a real browser: a year of figures, an edit and its revert, seen on the public
pages; the custom admin pages (one-year figures, imports) pass axe with zero violations."""

import re

import pytest

from deployments.models import DisasterDeployment
from programs.models import AnnualFigure, Program, Scheme

from .e2e_helpers import axe_violations, load_sample_site, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_sample_site()
    return live_server.url


def summary_text(page, site):
    page.goto(site + "/en/deployments/disaster-relief/")
    return " ".join(page.locator(".jdr-deployments .summary").inner_text().split())


def test_staff_journey(page, site, django_user_model):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, site, django_user_model)
    problems = []

    # One-year figures: every program of the scheme in one form.
    page.goto(site + "/admin/programs/annualfigure/")
    page.get_by_role("link", name=re.compile("Figures for one year", re.I)).first.click()
    problems.append(axe_violations(page))
    scheme = Scheme.objects.get()
    page.fill("#id_year", "2021")
    page.select_option("#id_scheme", str(scheme.pk))
    page.get_by_role("button", name="Show programs").click()
    programs = list(Program.objects.filter(scheme=scheme, published=True))
    rows = page.locator("input[name$='-participants']")
    assert rows.count() == len(programs) == 8
    for index in range(rows.count()):
        page.fill(f"#id_form-{index}-participants", str(10 + index))
        page.fill(f"#id_form-{index}-countries", str(5 + index))
    # One impossible row first: more countries than participants.
    page.fill("#id_form-0-countries", "99")
    page.get_by_role("button", name="Save all figures for 2021").click()
    error = page.locator("tr.errors").first
    assert "more countries" in error.inner_text().lower()
    assert not AnnualFigure.objects.filter(year=2021).exists()
    problems.append(axe_violations(page))
    screenshot(page, "admin-year-entry-error")

    page.fill("#id_form-0-countries", "5")
    page.get_by_role("button", name="Save all figures for 2021").click()
    page.wait_for_selector(".messagelist")
    assert AnnualFigure.objects.filter(year=2021).count() == 8

    # The public table and chart show 2021.
    page.goto(site + "/en/programs/?from=2021")
    assert page.locator("table.programs-table thead th.year-group").all_inner_texts() == ["2021"]
    total = sum(10 + index for index in range(8))
    assert page.locator("#chart-participants-total-desc").text_content().endswith(f"2021: {total}.")

    # Edit a deployment: the summary sentence follows; then revert it from the history.
    latest = DisasterDeployment.objects.newest_first().first()
    before = summary_text(page, site)
    assert f"{latest.persons} persons to" in before
    page.goto(f"{site}/admin/deployments/disasterdeployment/{latest.pk}/change/")
    page.fill("#id_persons", str(latest.persons + 7))
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    after = summary_text(page, site)
    assert after != before and f"{latest.persons + 7} persons to" in after

    page.goto(f"{site}/admin/deployments/disasterdeployment/{latest.pk}/history/")
    page.get_by_role("link", name="Revert to this version").last.click()
    assert page.locator("#id_persons").input_value() == str(latest.persons)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert summary_text(page, site) == before

    assert not any(problems), "\n\n".join(problem for problem in problems if problem)


def test_import_pages_pass_axe(page, site, django_user_model, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, site, django_user_model)
    problems = []
    for path in (
        "/admin/programs/annualfigure/import/",
        "/admin/deployments/disasterdeployment/import/",
        "/admin/deployments/expertdispatch/import/",
    ):
        page.goto(site + path)
        problems.append(axe_violations(page))

    # The preview, with one good and one bad line.
    sheet = tmp_path / "figures.csv"
    sheet.write_text(
        "program,year,participants,countries\n"
        "Community Policing,2021,12,9\n"
        "No Such Program,2021,5,5\n",
        encoding="utf-8",
    )
    page.goto(site + "/admin/programs/annualfigure/import/")
    page.set_input_files("#id_import_file", str(sheet))
    page.select_option("#id_format", "0")
    page.click("input[type=submit]")
    assert "No Such Program" in page.locator("main, #content").first.inner_text()
    problems.append(axe_violations(page))
    screenshot(page, "admin-import-preview")
    assert not AnnualFigure.objects.filter(year=2021).exists()
    assert not any(problems), "\n\n".join(problem for problem in problems if problem)
