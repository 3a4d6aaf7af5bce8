"""The page admin as Editors and Publishers use it: sections inline, drafts, publishing."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from core.figures import LiveFigures
from pages.models import Block, Page, Section, Status
from tests.builders import deployment, make_page, make_section
from tests.i18n_builders import english_columns

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:pages_page_add")


def page_data(sections=(), **values):
    data = {
        "title_en": "Experts abroad",
        "slug": "experts-abroad",
        "parent": "",
        "summary_en": "Who goes where.",
        "status": Status.PUBLISHED,
        "navigation_order": "0",
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for index, section in enumerate(sections):
        for name in ("order", "heading", "body", "block", "scheme"):
            column = next(iter(english_columns(Section, {name: None})))
            data[f"sections-{index}-{column}"] = section.get(name, "")
    data.update(english_columns(Page, values))
    return data


def test_editor_cannot_change_the_status(client, editor):
    client.force_login(editor)
    form = client.get(ADD_URL).content.decode()
    assert 'name="status"' not in form
    response = client.post(ADD_URL, page_data())  # tries to publish anyway
    assert response.status_code == 302
    page = Page.objects.get(slug="experts-abroad")
    assert page.status == Status.DRAFT


def test_editor_saves_a_draft_with_sections_and_previews_it(client, editor):
    client.force_login(editor)
    sections = [
        {"order": "2", "heading": "Dispatches", "block": Block.EXPERT_DISPATCHES},
        {"order": "1", "heading": "Intro", "body": "We have [[dispatches.count]] records."},
    ]
    assert client.post(ADD_URL, page_data(sections)).status_code == 302
    page = Page.objects.get(slug="experts-abroad")
    assert [s.heading for s in page.sections.all()] == ["Intro", "Dispatches"]
    change = client.get(reverse("admin:pages_page_change", args=[page.pk])).content.decode()
    assert reverse("admin:view_on_site", args=[*_content_type_and_pk(page)]) in change
    preview = client.get(page.get_absolute_url())
    assert preview.status_code == 200
    assert "Draft: not public" in preview.content.decode()
    assert "We have 0 records." in preview.content.decode()


def _content_type_and_pk(page):
    return ContentType.objects.get_for_model(Page).pk, page.pk


def test_editor_cannot_publish_through_the_list_action(client, editor):
    page = make_page("Draft", status=Status.DRAFT)
    client.force_login(editor)
    client.post(
        reverse("admin:pages_page_changelist"),
        {"action": "publish", "_selected_action": [page.pk]},
    )
    page.refresh_from_db()
    assert page.status == Status.DRAFT


def test_publisher_publishes_and_the_page_goes_public(client, publisher):
    client.force_login(publisher)
    assert 'name="status"' in client.get(ADD_URL).content.decode()
    assert client.post(ADD_URL, page_data([{"order": "1", "body": "Hello."}])).status_code == 302
    page = Page.objects.get(slug="experts-abroad")
    assert page.status == Status.PUBLISHED
    client.logout()
    assert client.get(page.get_absolute_url()).status_code == 200


def test_publisher_publishes_from_the_list(client, publisher):
    page = make_page("Draft", status=Status.DRAFT)
    client.force_login(publisher)
    client.post(
        reverse("admin:pages_page_changelist"),
        {"action": "publish", "_selected_action": [page.pk]},
    )
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    assert page.history.first().status == Status.PUBLISHED


def test_admin_explains_a_reserved_slug(client, publisher):
    client.force_login(publisher)
    response = client.post(ADD_URL, page_data(slug="programs"))
    assert response.status_code == 200
    assert "data addresses" in response.content.decode()
    assert not Page.objects.exists()


def test_admin_explains_a_programs_table_without_scheme(client, publisher):
    client.force_login(publisher)
    sections = [{"order": "1", "heading": "Table", "block": Block.PROGRAMS_TABLE}]
    response = client.post(ADD_URL, page_data(sections))
    assert response.status_code == 200
    assert "Choose the scheme" in response.content.decode()
    assert not Page.objects.exists()


def test_sections_are_reordered_by_their_order_field(client, publisher):
    page = make_page("Ordered")
    first = make_section(page, heading="First", order=1)
    second = make_section(page, heading="Second", order=2)
    client.force_login(publisher)
    data = page_data(title="Ordered", slug="ordered")
    data.update(
        {
            "sections-TOTAL_FORMS": "2",
            "sections-INITIAL_FORMS": "2",
        }
    )
    for index, (section, order) in enumerate(((first, "2"), (second, "1"))):
        data.update(
            {
                f"sections-{index}-id": str(section.pk),
                f"sections-{index}-page": str(page.pk),
                f"sections-{index}-order": order,
                f"sections-{index}-heading_en": section.heading_en,
                f"sections-{index}-body_en": section.body_en,
                f"sections-{index}-block": "",
                f"sections-{index}-scheme": "",
            }
        )
    response = client.post(reverse("admin:pages_page_change", args=[page.pk]), data)
    assert response.status_code == 302
    assert [s.heading for s in page.sections.all()] == ["Second", "First"]


def test_page_history_is_available_in_the_admin(client, publisher):
    page = make_page("Tracked")
    client.force_login(publisher)
    response = client.get(reverse("admin:pages_page_history", args=[page.pk]))
    assert response.status_code == 200


def test_section_form_lists_every_live_figure_name(client, editor):
    deployment()
    client.force_login(editor)
    html = client.get(ADD_URL).content.decode()
    for name in LiveFigures().names():
        assert f"[[{name}]]" in html
    assert "[[jdr.deployments]]" in html and "[[programs.latest_year]]" in html
    assert "10, 20, 30" in html  # how to order sections


def test_change_form_links_to_the_preview(client, editor):
    page = make_page("Draft", status=Status.DRAFT)
    client.force_login(editor)
    html = client.get(reverse("admin:pages_page_change", args=[page.pk])).content.decode()
    assert f'<a href="{page.get_absolute_url()}" target="_blank" rel="noopener">' in html
    assert "only staff see it" in html


def _existing_sections(page):
    data = {
        "sections-TOTAL_FORMS": str(page.sections.count()),
        "sections-INITIAL_FORMS": str(page.sections.count()),
    }
    for index, section in enumerate(page.sections.all()):
        data.update(
            {
                f"sections-{index}-id": str(section.pk),
                f"sections-{index}-page": str(page.pk),
                f"sections-{index}-order": str(section.order),
                f"sections-{index}-heading_en": section.heading_en,
                f"sections-{index}-body_en": section.body_en,
                f"sections-{index}-block": section.block,
                f"sections-{index}-scheme": section.scheme_id or "",
            }
        )
    return data


def _menu_labels(html):
    start = html.index('<nav aria-label="Main">')
    return re.findall(r">([^<>]+)</a>", html[start : html.index("</nav>", start)])


def test_staff_create_preview_publish_and_find_a_page_in_menu_search_and_sitemap(
    client, editor, publisher
):
    """The issue's "done when", through the admin: write, preview as a draft, publish, find."""
    deployment(year=2015, month=4, country="NP", persons=23)
    deployment(year=2018, month=2, country="TW", persons=2)
    visitor = Client()

    # An Editor writes the page with a data block and a placeholder; it is saved as a draft.
    client.force_login(editor)
    sections = [
        {"order": "10", "heading": "Why we go", "body": "Sent [[jdr.deployments]] times."},
        {"order": "20", "heading": "Every deployment", "block": Block.DISASTER_RELIEF},
    ]
    data = page_data(sections, title="Relief abroad", slug="relief-abroad", show_in_navigation="on")
    data["summary"] = "Police officials in disaster relief teams."
    assert client.post(ADD_URL, data).status_code == 302
    page = Page.objects.get(slug="relief-abroad")
    assert page.status == Status.DRAFT

    # The Editor previews it: the banner, the filled placeholder, the live table.
    preview = client.get(page.get_absolute_url())
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Draft: not public" in html
    assert "Sent 2 times." in html
    assert "Nepal" in html and "Taiwan" in html
    # Not public yet: not for visitors, not in the menu, search or sitemap.
    assert visitor.get(page.get_absolute_url()).status_code == 404
    assert "Relief abroad" not in _menu_labels(visitor.get("/en/").content.decode())
    assert (
        "Relief abroad"
        not in visitor.get(reverse("pages:search"), {"q": "relief"}).content.decode()
    )
    assert page.get_absolute_url() not in visitor.get("/sitemap.xml").content.decode()

    # A Publisher publishes it from the change form.
    client.force_login(publisher)
    change = reverse("admin:pages_page_change", args=[page.pk])
    data = page_data(title="Relief abroad", slug="relief-abroad", show_in_navigation="on")
    data.update(_existing_sections(page))
    data["summary_en"] = page.summary_en
    assert client.post(change, data).status_code == 302
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED

    # Now everyone sees it, and it is in the menu, the search and the sitemap.
    public = visitor.get(page.get_absolute_url())
    assert public.status_code == 200
    assert "Draft: not public" not in public.content.decode()
    assert "Sent 2 times." in public.content.decode()
    assert "Relief abroad" in _menu_labels(visitor.get("/en/").content.decode())
    results = visitor.get(reverse("pages:search"), {"q": "relief"}).content.decode()
    assert f'<a href="{page.get_absolute_url()}">Relief abroad</a>' in results
    sitemap = visitor.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{page.get_absolute_url()}</loc>" in sitemap
    assert page.history.first().status == Status.PUBLISHED


def test_live_figure_help_is_grouped_with_meaning_and_value(client, editor):
    deployment(persons=7)
    client.force_login(editor)
    html = client.get(ADD_URL).content.decode()
    help_start = html.index('class="live-figures"')
    help_html = html[help_start : html.index("</details>", help_start)]
    groups = ["Training programs", "Disaster relief", "Expert dispatches", "Countries"]
    positions = [help_html.index(f"<caption>{group}</caption>") for group in groups]
    assert positions == sorted(positions)
    row = help_html[help_html.index("[[jdr.persons]]") :]
    row = row[: row.index("</tr>")]
    assert "Police officials sent, all deployments added up" in row
    assert '<td class="num">7</td>' in row
    assert "[[programs.latest_year]]" in help_html


def test_every_live_figure_has_a_meaning():
    for label, rows in LiveFigures().groups():
        assert str(label)
        for name, meaning, _value in rows:
            assert str(meaning), name
