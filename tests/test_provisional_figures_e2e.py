"""A provisional year in a real browser: the mark and its footnote on the programs table and a
program's page, in both languages, pass axe and the HTML checker."""

import pytest

from programs.models import AnnualFigure, ProvisionalYear

from .e2e_helpers import axe_violations, html_errors, load_sample_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_provisional_marks_are_accessible_and_valid(page, live_server, tmp_path):
    load_sample_site()
    latest = AnnualFigure.objects.published().select_related("program__scheme").latest("year")
    ProvisionalYear.objects.create(scheme=latest.program.scheme, year=latest.year)
    problems, documents = [], {}
    for language in ("en", "ja"):
        for name, path in {
            "programs": f"/{language}/programs/",
            "program": latest.program.get_absolute_url().replace("/en/", f"/{language}/", 1),
        }.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            assert page.locator(".provisional-mark").count() >= 1, path
            assert page.locator(".table-notes").get_by_text("*").count() >= 1, path
            problems.append(axe_violations(page))
            documents[f"{language}-{name}"] = response.text()
    problems.append(html_errors(documents, tmp_path / "html"))
    assert not any(problems), "\n\n".join(problem for problem in problems if problem)
