"""The editorial admin pages work under a strict Content Security Policy and stay accessible:
no inline scripts or styles, tables with captions and header cells, labelled form fields."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from programs.models import AnnualFigure

from .builders import make_figure, make_page, make_program, make_section
from .editorial_helpers import csv_bytes, upload

pytestmark = pytest.mark.django_db


class MarkupCheck(HTMLParser):
    """Collects what a strict CSP would block and what a screen reader would miss."""

    def __init__(self):
        super().__init__()
        self.inline_scripts = 0
        self.style_elements = 0
        self.style_attributes = []
        self.event_handlers = []
        self.tables = []  # [has caption, header cells]
        self.labels = set()
        self.fields = []
        self._open_script = False
        self._script_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            # JSON data (<script type="application/json">) is not executed, so CSP allows it.
            executable = attrs.get("type", "text/javascript") in ("text/javascript", "module")
            self._open_script = executable and "src" not in attrs
        if tag == "style":
            self.style_elements += 1
        if "style" in attrs:
            self.style_attributes.append((tag, attrs["style"]))
        self.event_handlers += [name for name in attrs if name.startswith("on")]
        if tag == "table":
            self.tables.append([False, 0])
        if tag == "caption" and self.tables:
            self.tables[-1][0] = True
        if tag == "th" and self.tables:
            self.tables[-1][1] += 1
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.fields.append(attrs)

    def handle_data(self, data):
        if self._open_script:
            self._script_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open_script:
            if self._script_text.strip():
                self.inline_scripts += 1
            self._open_script, self._script_text = False, ""


def check(html):
    parser = MarkupCheck()
    parser.feed(html)
    return parser


def assert_csp_safe(html):
    found = check(html)
    assert found.inline_scripts == 0
    assert found.style_elements == 0
    assert found.style_attributes == []
    assert found.event_handlers == []
    return found


def assert_accessible_tables_and_fields(found):
    for has_caption, header_cells in found.tables:
        assert has_caption and header_cells
    unlabelled = [
        field.get("name")
        for field in found.fields
        if field.get("id") not in found.labels
        and not field.get("aria-label")
        and not field.get("aria-labelledby")
    ]
    assert unlabelled == []


@pytest.fixture
def edited_records(db):
    program = make_program("Forensic Science")
    figure = make_figure(program, year=2019, participants=10, countries=8)
    figure.participants = 12
    figure.save()
    make_figure(program, year=2018).delete()
    page = make_page("Experts abroad")
    make_section(page)
    return figure, page


def admin_urls(figure, page):
    first = figure.history.earliest()
    page_version = page.history.earliest()
    return [
        reverse("admin:index"),
        reverse("admin:programs_annualfigure_changelist"),
        reverse("admin:programs_annualfigure_change", args=[figure.pk]),
        reverse("admin:programs_annualfigure_history", args=[figure.pk]),
        reverse("admin:programs_annualfigure_simple_history", args=[figure.pk, first.pk]),
        reverse("admin:programs_annualfigure_recently_deleted"),
        reverse("admin:programs_annualfigure_import"),
        reverse("admin:programs_annualfigure_export"),
        reverse("admin:programs_annualfigure_year_entry"),
        reverse("admin:programs_annualfigure_year_entry")
        + f"?year=2021&scheme={figure.program.scheme_id}",
        reverse("admin:programs_program_change", args=[figure.program_id]),
        reverse("admin:deployments_disasterdeployment_add"),
        reverse("admin:deployments_disasterdeployment_import"),
        reverse("admin:pages_page_change", args=[page.pk]),
        reverse("admin:pages_page_history", args=[page.pk]),
        reverse("admin:pages_page_simple_history", args=[page.pk, page_version.pk]),
    ]


def test_editorial_admin_pages_have_no_inline_scripts_or_styles(staff_client, edited_records):
    for url in admin_urls(*edited_records):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert_csp_safe(response.content.decode())


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:programs_annualfigure_year_entry",
        "admin:programs_annualfigure_import",
        "admin:deployments_expertdispatch_import",
        "admin:programs_annualfigure_recently_deleted",
    ],
)
def test_entry_and_import_pages_label_every_field(staff_client, edited_records, url_name):
    found = check(staff_client.get(reverse(url_name)).content.decode())
    assert_accessible_tables_and_fields(found)


def test_one_year_page_labels_every_cell(staff_client, edited_records):
    figure, _page = edited_records
    make_program("Cybercrime", scheme=figure.program.scheme)
    url = reverse("admin:programs_annualfigure_year_entry")
    html = staff_client.get(url + f"?year=2019&scheme={figure.program.scheme_id}").content
    found = assert_csp_safe(html.decode())
    assert_accessible_tables_and_fields(found)
    assert len(found.fields) >= 2 + 2 * 2  # year, scheme, two numbers per program


def test_import_preview_is_csp_safe_with_captioned_tables(staff_client, edited_records):
    rows = [["Forensic Science", 2019, 14, 8], ["Forensic Sciences", 2021, 4, 9]]
    content = csv_bytes(["program", "year", "participants", "countries"], rows)
    response = upload(staff_client, "programs_annualfigure", content, "figures.csv")
    html = response.content.decode()
    found = assert_csp_safe(html)
    assert '<table class="import-problems">' in html and '<table class="import-preview">' in html
    assert_accessible_tables_and_fields(found)
    assert "<del>12</del> &rarr; <ins>14</ins>" in html
    assert AnnualFigure.objects.get(year=2019).participants == 12


def test_revert_form_listing_sections_is_csp_safe_and_labelled(staff_client):
    page = make_page("Experts abroad")
    section = make_section(page, heading="Where", body="Asia and Africa.")
    version = page.history.latest()
    page.save()
    section.body = "A slip."
    section.save()
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    html = staff_client.get(url).content.decode()
    found = assert_csp_safe(html)
    assert '<table class="revert-inline-plan">' in html
    assert "id__revert_inlines" in found.labels
    for has_caption, header_cells in found.tables:
        assert has_caption and header_cells
