"""Scheduling in the admin: Publishers enter the times in Japan time; Editors cannot."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from pages.models import Page
from programs.models import Program

from .builders import make_page, make_program
from .test_pages_admin import ADD_URL, page_data

pytestmark = pytest.mark.django_db

JST = ZoneInfo("Asia/Tokyo")


def test_a_publisher_schedules_a_page_for_ten_oclock_japan_time(client, publisher):
    client.force_login(publisher)
    form = client.get(ADD_URL).content.decode()
    assert "Japan time (JST)" in form
    data = page_data(
        publish_at_0="2030-04-01", publish_at_1="10:00", unpublish_at_0="", unpublish_at_1=""
    )
    assert client.post(ADD_URL, data).status_code == 302
    page = Page.objects.get(slug="experts-abroad")
    assert page.publish_at == datetime.datetime(2030, 4, 1, 1, 0, tzinfo=datetime.UTC)
    change = client.get(reverse("admin:pages_page_change", args=[page.pk])).content.decode()
    assert 'value="10:00:00"' in change
    assert 'value="2030-04-01"' in change


def test_the_admin_refuses_an_end_before_the_start(client, publisher):
    client.force_login(publisher)
    data = page_data(
        publish_at_0="2030-04-01",
        publish_at_1="10:00",
        unpublish_at_0="2030-04-01",
        unpublish_at_1="09:00",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "The unpublish time must come after the publish time." in response.content.decode()
    assert not Page.objects.exists()


def test_an_editor_cannot_schedule(client, editor):
    page = make_page("Draft", status="draft")
    program = make_program("Quokka forensics", published=False)
    client.force_login(editor)
    for url in (
        reverse("admin:pages_page_change", args=[page.pk]),
        reverse("admin:programs_program_change", args=[program.pk]),
    ):
        form = client.get(url).content.decode()
        assert 'name="publish_at_0"' not in form
        assert 'name="unpublish_at_0"' not in form


def test_the_program_list_shows_the_times_in_japan_time(client, publisher):
    make_program("Quokka forensics", publish_at=datetime.datetime(2030, 4, 1, 10, 0, tzinfo=JST))
    client.force_login(publisher)
    listing = client.get(reverse("admin:programs_program_changelist")).content.decode()
    assert "10 a.m." in listing
    assert Program.objects.get().publish_at.hour == 1  # stored in UTC
