"""The publish_scheduled command: each passed publish or unpublish time recorded once in the
history with a reason, one mail to the Publishers, a mail failure never fatal, safe to run on
several servers at once; and the admin's warning while times pass unrecorded."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from editorial.revert import revert
from editorial.scheduled import record_scheduled_changes
from pages.models import Page
from programs.models import Program

from .builders import make_page, make_program
from .conftest import signed_in
from .test_scheduled_publishing import GO_LIVE, MINUTE, TAKE_DOWN, at

pytestmark = pytest.mark.django_db


def run():
    out, err = io.StringIO(), io.StringIO()
    call_command("publish_scheduled", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def scheduled(db, publisher, settings):
    settings.LANGUAGE_CODE = "en"  # the history and the mail are written in the site's language
    publisher.email = "publisher@example.org"
    publisher.save()
    page = make_page("Zebrafish cooperation", publish_at=GO_LIVE, unpublish_at=TAKE_DOWN)
    program = make_program("Quokka forensics", publish_at=GO_LIVE)
    return page, program


def reasons(item):
    return [entry.history_change_reason for entry in item.history.all()]


def test_the_go_live_is_recorded_once_with_a_reason_and_mailed(scheduled):
    page, program = scheduled
    with at(GO_LIVE - MINUTE):
        assert run() == ("", "")
    with at(GO_LIVE):
        out, _err = run()
    assert "Zebrafish cooperation" not in out  # lines name the kind and id
    assert out.count("Went public at its scheduled time") == 2
    for item in (page, program):
        assert reasons(item)[0].startswith("Went public at its scheduled time")
        assert "April 1, 2030, 10 a.m. (Japan time)" in reasons(item)[0]
    [message] = mail.outbox
    assert message.to == ["publisher@example.org"]
    assert "Zebrafish cooperation" in message.body and "Quokka forensics" in message.body
    with at(GO_LIVE + MINUTE):
        assert run() == ("", "")
    assert len(page.history.all()) == 2  # created, went live: nothing more
    assert len(mail.outbox) == 1


def test_the_record_keeps_the_last_updated_date_and_the_staff_edits(scheduled):
    page, _program = scheduled
    before = Page.objects.get(pk=page.pk).updated_at
    with at(TAKE_DOWN):
        run()
    page = Page.objects.get(pk=page.pk)
    assert page.updated_at == before
    assert page.recorded_publish_at == GO_LIVE and page.recorded_unpublish_at == TAKE_DOWN
    assert reasons(page)[0].startswith("Stopped being public at its scheduled time")


def test_a_draft_is_not_recorded(scheduled):
    page, program = scheduled
    Page.objects.filter(pk=page.pk).update(status="draft")
    Program.objects.filter(pk=program.pk).update(published=False)
    with at(GO_LIVE + MINUTE):
        assert run() == ("", "")
    assert mail.outbox == []


def test_a_new_time_is_recorded_again(scheduled):
    _page, program = scheduled
    with at(GO_LIVE):
        run()
    program.publish_at = GO_LIVE + datetime.timedelta(days=7)
    program.save()
    with at(GO_LIVE + datetime.timedelta(days=7)):
        out, _err = run()
    assert out.startswith("program ")
    went_public = [r for r in reasons(Program.objects.get()) if r and r.startswith("Went public")]
    assert len(went_public) == 2


def test_the_history_is_written_in_japanese_by_default(db):
    page = make_page("Zebrafish cooperation", publish_at=GO_LIVE)
    with at(GO_LIVE):
        run()
    assert reasons(page)[0] == "予定の日時（2030年4月1日 10:00、日本時間）に公開されました。"


def test_a_mail_failure_never_stops_the_command(scheduled, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    page, _program = scheduled
    with at(GO_LIVE):
        out, err = run()
    assert "could not be sent" in err
    assert reasons(page)[0].startswith("Went public")
    assert "notification mail could not be sent" in caplog.text


def test_the_admin_warns_about_passed_times_not_yet_recorded(scheduled, publisher):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    warning = "scheduled publish or unpublish time"
    with at(GO_LIVE + MINUTE):
        client.force_login(publisher)
        # Within the command's minute: no warning yet.
        assert warning not in client.get(reverse("admin:index")).content.decode()
    with at(GO_LIVE + 2 * MINUTE):
        home = client.get(reverse("admin:index")).content.decode()
        assert "2 scheduled publish or unpublish times have passed" in home
        pages = client.get(reverse("admin:pages_page_changelist")).content.decode()
        assert "1 scheduled publish or unpublish time has passed" in pages
        run()
        assert warning not in client.get(reverse("admin:index")).content.decode()
        assert (
            warning not in client.get(reverse("admin:programs_program_changelist")).content.decode()
        )


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_record_each_change_once(settings):
    """Two servers' runs in parallel threads, each with its own database connection."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "two runs at once need PostgreSQL's row locks (SQLite locks the whole file): "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/npa_portal make test"
        )
    settings.LANGUAGE_CODE = "en"
    past = timezone.now() - datetime.timedelta(hours=1)
    items = [make_page(f"Notice {n}", publish_at=past) for n in range(40)]
    items += [make_program(f"Course {n}", publish_at=past) for n in range(40)]
    start = threading.Barrier(2)
    results = []

    def server():
        try:
            start.wait()
            results.append(record_scheduled_changes())
        finally:
            connection.close()

    threads = [threading.Thread(target=server) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    assert sum(len(done) for done in results) == len(items)
    for item in items:
        recorded = [r for r in reasons(item) if r and r.startswith("Went public")]
        assert len(recorded) == 1, item


def test_a_revert_to_a_version_before_the_go_live_does_not_record_it_again(scheduled):
    page, program = scheduled
    with at(GO_LIVE):
        run()
    assert len(mail.outbox) == 1
    for item in (page, program):
        before_go_live = item.history.earliest("history_date")
        assert before_go_live.recorded_publish_at is None
        reverted = revert(before_go_live)
        assert reverted.recorded_publish_at == GO_LIVE
    with at(GO_LIVE + MINUTE):
        assert run() == ("", "")
    assert len(mail.outbox) == 1
    for item in (page, program):
        went_public = [r for r in reasons(item) if r and r.startswith("Went public")]
        assert len(went_public) == 1
        assert type(item).objects.get(pk=item.pk).recorded_publish_at == GO_LIVE


def test_the_revert_form_does_not_offer_to_put_back_the_recorded_times(scheduled, publisher):
    page, _program = scheduled
    with at(GO_LIVE):
        run()
    before_go_live = page.history.earliest("history_date")
    url = reverse("admin:pages_page_simple_history", args=[page.pk, before_go_live.history_id])
    response = signed_in(publisher).get(url)
    assert response.status_code == 200
    changed = [model_field.name for model_field, _now, _then in response.context["revert_changes"]]
    assert "recorded_publish_at" not in changed
