"""The Content Security Policy in a real browser: the public site and the admin break nothing."""

import pytest

from pages.models import Block, Page, Section, Status

from .builders import deployment, make_figure, make_program
from .e2e_helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page):
    """Every CSP violation the browser reports (console messages and violation events)."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return found


@pytest.fixture
def content(db):
    program = make_program("Forensic Science")
    make_figure(program, year=2020, participants=12, countries=9)
    deployment(place="Ankara")
    about = Page.objects.create(title="About", slug="about", status=Status.PUBLISHED)
    Section.objects.create(page=about, body="Some **text**.", order=1)
    Section.objects.create(page=about, block=Block.DISASTER_RELIEF, order=2)
    return program


def test_public_pages_raise_no_violation(page, live_server, content, violations):
    for path in (
        "/en/",
        "/en/programs/",
        "/en/programs/forensic-science/",
        "/en/deployments/disaster-relief/",
        "/en/deployments/expert-dispatches/",
        "/en/countries/tr/",
        "/en/about/",
        "/en/search/?q=forensic",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
    assert violations == []


def test_the_admin_works_under_the_policy(
    page, live_server, content, violations, django_user_model
):
    sign_in(page, live_server.url, django_user_model)
    for path in (
        "/admin/",
        "/admin/programs/program/",
        f"/admin/programs/program/{content.pk}/change/",
        "/admin/programs/annualfigure/",
        "/admin/programs/annualfigure/year-entry/",
        "/admin/programs/annualfigure/import/",
        "/admin/programs/annualfigure/export/",
        "/admin/deployments/disasterdeployment/add/",
        "/admin/pages/page/add/",
        "/admin/auth/user/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("load")
    # Scripts run: the country autocomplete (select2) opens and finds a country by its name.
    page.goto(f"{live_server.url}/admin/deployments/disasterdeployment/add/")
    page.click("#id_country + .select2 .select2-selection")
    page.fill(".select2-search__field", "Indon")
    page.wait_for_selector(".select2-results__option:has-text('Indonesia')")
    # Inline formsets (admin JavaScript) still add rows: the page's sections.
    page.goto(f"{live_server.url}/admin/pages/page/add/")
    before = page.locator(".dynamic-sections").count()
    page.click(".add-row a")
    assert page.locator(".dynamic-sections").count() == before + 1
    assert violations == []


def test_the_policy_blocks_inline_script_and_the_listener_hears_it(
    page, live_server, content, violations
):
    page.goto(f"{live_server.url}/programs/")
    page.evaluate(
        """() => {
            const s = document.createElement('script');
            s.textContent = 'window.injected = true';
            document.body.appendChild(s);
            const d = document.createElement('div');
            d.setAttribute('style', 'color: red');
            document.body.appendChild(d);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected === undefined")
    assert violations  # so the empty lists above mean something
