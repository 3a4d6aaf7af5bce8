"""Editorial work in a real browser: country search, and an import from upload to confirm."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from deployments.models import DisasterDeployment
from programs.models import AnnualFigure

from .builders import make_figure, make_page, make_program, make_section
from .e2e_helpers import sign_in
from .editorial_helpers import csv_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_country_is_found_by_typing_its_name(page, live_server, django_user_model):
    sign_in(page, live_server.url, django_user_model)
    page.goto(f"{live_server.url}/admin/deployments/disasterdeployment/add/")
    page.fill("#id_year", "2023")
    page.select_option("#id_month", "2")
    page.click("#id_country + .select2 .select2-selection")
    page.fill(".select2-search__field", "Türk")
    page.keyboard.press("Enter")
    page.fill("#id_persons", "12")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert DisasterDeployment.objects.get().country.code == "TR"


def test_import_previews_then_writes_on_confirm(page, live_server, django_user_model, tmp_path):
    program = make_program("Forensic Science")
    make_figure(program, year=2020, participants=12, countries=9)
    sheet = tmp_path / "figures-2021.csv"
    sheet.write_bytes(
        csv_bytes(
            ["program", "year", "participants", "countries"],
            [["Forensic Science", 2020, 12, 9], ["Forensic Science", 2021, 14, 8]],
            bom=True,
        )
    )
    sign_in(page, live_server.url, django_user_model)
    page.goto(f"{live_server.url}/admin/")
    page.click("text=Import annual figures (CSV or Excel)")
    page.set_input_files("#id_import_file", str(sheet))
    page.select_option("#id_format", "0")
    page.click("input[type=submit]")
    preview = page.locator("table.import-preview").inner_text()
    assert "Unchanged" in preview and "New" in preview
    assert not AnnualFigure.objects.filter(year=2021).exists()
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist")
    assert "1 new, 0 changed, 1 unchanged" in page.locator(".messagelist").inner_text()
    assert AnnualFigure.objects.get(year=2021).participants == 14


def axe_violations(page, selector):
    results = Axe().run(page, context={"include": [[selector]]})
    return results.violations_count, results.generate_report()


def test_page_reverted_with_its_sections_from_the_history(page, live_server, django_user_model):
    content = make_page("Experts abroad", summary="First words.")
    section = make_section(content, heading="Where", body="Asia and Africa.")
    content.summary = "Second words."
    content.save()
    section.body = "A slip."
    section.save()
    sign_in(page, live_server.url, django_user_model)
    page.goto(f"{live_server.url}/admin/pages/page/{content.pk}/history/")
    page.get_by_role("link", name="Revert to this version").click()
    page.wait_for_selector(".revert-inlines")
    count, report = axe_violations(page, ".revert-inlines")
    assert count == 0, report
    assert "A slip." in page.locator("table.revert-inline-plan").inner_text()
    assert page.get_by_label("Also put the sections back as they were in this version").is_checked()
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    content.refresh_from_db()
    section.refresh_from_db()
    assert (content.summary, section.body) == ("First words.", "Asia and Africa.")


def test_import_preview_with_errors_is_accessible(page, live_server, django_user_model, tmp_path):
    make_program("Forensic Science")
    sheet = tmp_path / "figures.csv"
    sheet.write_bytes(
        csv_bytes(
            ["program", "year", "participants", "countries"],
            [
                ["Forensic Science", 2021, 14, 8],
                ["", "", "", ""],
                ["Forensic Sciences", 2021, 4, 9],
            ],
        )
    )
    sign_in(page, live_server.url, django_user_model)
    page.goto(f"{live_server.url}/admin/programs/annualfigure/import/")
    page.set_input_files("#id_import_file", str(sheet))
    page.select_option("#id_format", "0")
    page.click("input[type=submit]")
    page.wait_for_selector(".import-summary")
    count, report = axe_violations(page, ".import-summary")
    assert count == 0, report
    assert "Unknown program" in page.locator("table.import-problems").inner_text()
