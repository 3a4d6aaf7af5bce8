"""Scheduled publishing: pages and programs go public and stop being public at the minute set,
decided when read (no job has to run), the same way in every place that shows them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.scheduling import next_scheduled_change
from pages.models import Page
from programs.models import Program, live_figures

from .builders import make_figure, make_page, make_program

pytestmark = pytest.mark.django_db

JST = ZoneInfo("Asia/Tokyo")
GO_LIVE = datetime.datetime(2030, 4, 1, 10, 0, tzinfo=JST)
TAKE_DOWN = datetime.datetime(2030, 4, 2, 17, 30, tzinfo=JST)
MINUTE = datetime.timedelta(minutes=1)
SECOND = datetime.timedelta(seconds=1)


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def scheduled(db):
    """A page and a program (with a figure) approved for 10:00 JST, taken down the next day."""
    page = make_page(
        "Zebrafish cooperation",
        summary="Quagga training news",
        show_in_navigation=True,
        publish_at=GO_LIVE,
        unpublish_at=TAKE_DOWN,
    )
    program = make_program("Quokka forensics", publish_at=GO_LIVE, unpublish_at=TAKE_DOWN)
    make_figure(program, year=2019, participants=777, countries=7)
    return page, program


def _text(client, url, **params):
    response = client.get(url, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode()


# One check per consumer of published(): does the scheduled item show there?
def page_view(client, page, program):
    return client.get(page.get_absolute_url()).status_code == 200


def program_view(client, page, program):
    return client.get(program.get_absolute_url()).status_code == 200


def programs_table(client, page, program):
    return "Quokka forensics" in _text(client, reverse("programs:index"))[1]


def figures_csv(client, page, program):
    return "Quokka forensics" in _text(client, reverse("programs:figures_csv"))[1]


def search_pages(client, page, program):
    return "Zebrafish cooperation" in _text(client, reverse("pages:search"), q="Zebrafish")[1]


def search_programs(client, page, program):
    return "Quokka forensics" in _text(client, reverse("pages:search"), q="Quokka")[1]


def sitemap(client, page, program):
    text = _text(client, reverse("sitemap"))[1]
    return page.get_absolute_url() in text and program.get_absolute_url() in text


def page_feed(client, page, program):
    return "Zebrafish cooperation" in _text(client, reverse("opendata:page_feed"))[1]


def menu(client, page, program):
    return f'href="{page.get_absolute_url()}"' in _text(client, reverse("pages:home"))[1]


def api_pages(client, page, program):
    return "Zebrafish cooperation" in _text(client, reverse("api:pages"))[1]


def api_programs(client, page, program):
    return "quokka-forensics" in _text(client, reverse("api:programs"))[1]


def api_figures(client, page, program):
    return "quokka-forensics" in _text(client, reverse("api:figures"))[1]


def api_program_detail(client, page, program):
    return client.get(reverse("api:program_detail", args=[program.slug])).status_code == 200


def key_figures(client, page, program):
    return live_figures()["participants_total"] == 777


CONSUMERS = [
    page_view,
    program_view,
    programs_table,
    figures_csv,
    search_pages,
    search_programs,
    sitemap,
    page_feed,
    menu,
    api_pages,
    api_programs,
    api_figures,
    api_program_detail,
    key_figures,
]


@pytest.mark.parametrize("shows", CONSUMERS)
def test_a_scheduled_item_shows_from_its_minute_until_its_end(client, scheduled, shows):
    page, program = scheduled
    with at(GO_LIVE - SECOND):
        assert not shows(client, page, program)
    with at(GO_LIVE):
        assert shows(client, page, program)
    with at(TAKE_DOWN - SECOND):
        assert shows(client, page, program)
    with at(TAKE_DOWN):
        assert not shows(client, page, program)


def test_a_draft_stays_hidden_inside_its_window(client, scheduled):
    page, program = scheduled
    Page.objects.filter(pk=page.pk).update(status="draft")
    Program.objects.filter(pk=program.pk).update(published=False)
    with at(GO_LIVE + MINUTE):
        assert not Page.objects.published().exists()
        assert not Program.objects.published().exists()


def test_a_sub_page_waits_for_its_scheduled_parent(client, scheduled):
    page, _program = scheduled
    child = make_page("Zebrafish details", parent=page)
    with at(GO_LIVE - MINUTE):
        assert client.get(child.get_absolute_url()).status_code == 404
    with at(GO_LIVE):
        assert client.get(child.get_absolute_url()).status_code == 200


def test_staff_see_a_scheduled_page_as_not_public_yet(client, staff_user, scheduled):
    page, _program = scheduled
    with at(GO_LIVE - MINUTE):
        client.force_login(staff_user)  # a session of that day
        response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert response.context["is_public"] is False


@pytest.mark.parametrize("index", [0, 1], ids=["page", "program"])
def test_the_end_must_come_after_the_start(scheduled, index):
    item = scheduled[index]
    item.unpublish_at = item.publish_at
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "unpublish_at" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_the_next_change_is_the_earliest_future_time_in_one_query(
    scheduled, django_assert_num_queries
):
    make_page("Later", publish_at=GO_LIVE + MINUTE)
    make_page("Draft sooner", status="draft", publish_at=GO_LIVE - MINUTE)
    with at(GO_LIVE - 3 * MINUTE), django_assert_num_queries(1):
        assert next_scheduled_change() == GO_LIVE
    with at(GO_LIVE), django_assert_num_queries(1):
        assert next_scheduled_change() == GO_LIVE + MINUTE
    with at(GO_LIVE + MINUTE):
        assert next_scheduled_change() == TAKE_DOWN
    with at(TAKE_DOWN):
        assert next_scheduled_change() is None


# The page cache never serves a page past the next scheduled change.


@pytest.fixture
def page_cache_on(settings):
    from django.core.cache import cache

    from npa_portal import page_store

    settings.PAGE_CACHE_ENABLED = True
    page_store.state.reset()
    page_store.local_pages.clear()
    cache.clear()
    yield
    cache.clear()
    page_store.local_pages.clear()


def test_a_page_cached_before_its_unpublish_time_is_not_served_after_it(
    client, scheduled, page_cache_on
):
    page, _program = scheduled
    with at(TAKE_DOWN - MINUTE):
        assert client.get(page.get_absolute_url())["X-Cache"] == "MISS"
        assert client.get(page.get_absolute_url())["X-Cache"] == "HIT"
    with at(TAKE_DOWN - SECOND):
        assert client.get(page.get_absolute_url())["X-Cache"] == "HIT"
    with at(TAKE_DOWN):
        assert client.get(page.get_absolute_url()).status_code == 404


def test_a_scheduled_page_appears_in_a_cached_menu_at_the_minute(client, scheduled, page_cache_on):
    page, _program = scheduled
    link = f'href="{page.get_absolute_url()}"'
    with at(GO_LIVE - 5 * MINUTE):
        client.get(reverse("pages:home"))
    with at(GO_LIVE - SECOND):
        response = client.get(reverse("pages:home"))
        assert response["X-Cache"] == "HIT"
        assert link not in response.content.decode()
    with at(GO_LIVE):
        assert link in client.get(reverse("pages:home")).content.decode()


def test_cache_hits_between_changes_cost_no_query(
    client, scheduled, page_cache_on, django_assert_num_queries
):
    with at(GO_LIVE - 5 * MINUTE):
        client.get(reverse("programs:index"))
    with at(GO_LIVE - MINUTE), django_assert_num_queries(0):
        assert client.get(reverse("programs:index"))["X-Cache"] == "HIT"
