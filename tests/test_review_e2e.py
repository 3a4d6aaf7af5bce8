"""The review pages in a real browser: an Editor submits, a Publisher decides; axe on each."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group

from editorial.models import Review, ReviewState
from editorial.roles import EDITORS, PUBLISHERS
from pages.models import Page

from .builders import make_page, make_section
from .e2e_helpers import PASSWORD, axe_violations, screenshot

_axe = Axe()


def axe_violations_in(page, selector):
    """axe on one region: the change form's own fields are Django's (select2 and all)."""
    results = _axe.run(page, context={"include": [[selector]]})
    return "" if results.violations_count == 0 else results.generate_report()


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in_as(page, base_url, django_user_model, username, group):
    user = django_user_model.objects.create_user(username, is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    page.context.clear_cookies()
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return user


def test_editor_submits_and_publisher_approves_in_the_browser(page, live_server, django_user_model):
    content = make_page("Experts abroad", summary="Who goes where.")
    make_section(content, heading="Where", body="Asia and Africa.", order=10)
    problems = []

    sign_in_as(page, live_server.url, django_user_model, "editor", EDITORS)
    page.goto(f"{live_server.url}/admin/pages/page/{content.pk}/change/")
    page.fill("#id_sections-0-body_en", "Asia, Africa and Oceania.")
    page.click("input[name=_save]")
    page.wait_for_selector(".review-notice")
    problems.append(axe_violations_in(page, ".review-notice"))
    screenshot(page, "admin-review-pending-form")
    assert Page.objects.get().sections.get().body_en == "Asia and Africa."

    page.get_by_role("link", name="Submit for review").first.click()
    page.wait_for_selector("table.review-differences")
    problems.append(axe_violations(page))
    screenshot(page, "admin-review-submit")
    page.fill("#id_message", "Oceania added.")
    page.click("input[type=submit][value='Submit for review']")
    page.wait_for_selector(".messagelist")

    sign_in_as(page, live_server.url, django_user_model, "publisher", PUBLISHERS)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_text("Changes against the published version").first.click()
    assert "Asia, Africa and Oceania." in page.locator(".review-dashboard").inner_text()
    problems.append(axe_violations(page))
    screenshot(page, "admin-home-awaiting-review")
    page.locator(".review-dashboard a", has_text="Experts abroad").click()
    page.wait_for_selector(".review-decision")
    problems.append(axe_violations(page))
    screenshot(page, "admin-review-detail")

    with page.expect_navigation():
        page.locator(".review-detail a[lang=en]").click()
    assert "Preview of a version awaiting review" in page.content()
    problems.append(axe_violations(page))
    page.go_back()

    page.click("input[name=_approve]")
    page.wait_for_selector(".messagelist")
    assert Review.objects.get().state == ReviewState.APPROVED
    assert Page.objects.get().sections.get().body_en == "Asia, Africa and Oceania."
    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)
