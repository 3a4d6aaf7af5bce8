"""Review: an Editor's change to a published page or program waits for a Publisher."""

import logging
import smtplib
import subprocess
import sys

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from editorial.models import Review, ReviewState
from editorial.review import ReviewFailed, approve, save_pending, snapshot, submit
from pages.models import Block, Page, Section, Status
from programs.models import Program

from .builders import make_figure, make_page, make_program, make_section

# media_root: every upload of these tests goes to a temporary folder (autouse fixture).
from .library_builders import make_document, media_root  # noqa: F401
from .review_helpers import add_inline_form, displayed_form

pytestmark = pytest.mark.django_db

HOME = reverse("admin:index")


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("mail server down")


@pytest.fixture
def published_page():
    page = make_page("Experts abroad", summary="Who goes where.")
    make_section(page, heading="Where", body="Asia and Africa.", order=10)
    make_section(page, heading="Since", body="Since 1990.", order=20)
    return page


@pytest.fixture
def publisher_with_mail(publisher):
    publisher.email = "publisher@example.org"
    publisher.save()
    return publisher


@pytest.fixture
def editor_with_mail(editor):
    editor.email = "editor@example.org"
    editor.save()
    return editor


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def edit_page(client, page, **changes):
    """Open the page's form, change fields and the first section's text, save."""
    form = displayed_form(client.get(change_url(page)))
    for name, value in changes.items():
        form[name] = value
    return client.post(change_url(page), form), form


def open_review_of(obj):
    return Review.objects.open().of(obj).get()


def test_editor_change_to_a_published_page_waits_and_the_public_sees_the_published_page(
    editor_client, published_page
):
    response, _form = edit_page(
        editor_client,
        published_page,
        title_ja="海外の専門家",
        **{"sections-0-body_en": "Asia, Africa and Oceania."},
    )
    assert response.status_code == 302
    published_page.refresh_from_db()
    assert published_page.title_ja == ""
    assert Section.objects.get(order=10).body_en == "Asia and Africa."
    public = Client().get(published_page.get_absolute_url()).content.decode()
    assert "Asia and Africa." in public and "Oceania" not in public
    review = open_review_of(published_page)
    assert (review.state, review.author.username) == (ReviewState.EDITING, "editor")

    # The Editor's form now shows the pending version, and says so.
    again = editor_client.get(change_url(published_page))
    html = again.content.decode()
    assert "This form shows the pending version" in html
    assert displayed_form(again)["title_ja"] == "海外の専門家"
    assert displayed_form(again)["sections-0-body_en"] == "Asia, Africa and Oceania."


def test_review_round_trip_send_back_then_approve(
    editor_client,
    publisher_client,
    published_page,
    publisher_with_mail,
    editor_with_mail,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # The Editor changes a section and adds one (removing one needs the right to delete).
    form = displayed_form(editor_client.get(change_url(published_page)))
    form["sections-0-body_en"] = "Asia, Africa and Oceania."
    add_inline_form(form, "sections", order="30", heading_en="How", body_en="By invitation.")
    assert editor_client.post(change_url(published_page), form).status_code == 302
    assert published_page.sections.count() == 2

    submit_url = reverse("admin:pages_page_submit", args=[published_page.pk])
    assert "Submit for review" in editor_client.get(change_url(published_page)).content.decode()
    page = editor_client.get(submit_url).content.decode()
    assert "By invitation." in page and "Asia, Africa and Oceania." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(submit_url, {"message": "Oceania added."})
    assert response.status_code == 302
    review = open_review_of(published_page)
    assert review.state == ReviewState.SUBMITTED
    assert [mail.to for mail in mailoutbox] == [["publisher@example.org"]]
    assert "Oceania added." in mailoutbox[0].body
    assert "承認依頼" in mailoutbox[0].subject and "Review requested" in mailoutbox[0].subject

    # The Publisher sees it on the admin home page, with the differences.
    home = publisher_client.get(HOME).content.decode()
    assert "Awaiting review" in home and "Experts abroad" in home
    assert "Asia and Africa." in home and "Asia, Africa and Oceania." in home
    assert "By invitation." in home and "Since 1990." not in home  # added; unchanged

    # An Editor cannot decide.
    review_url = reverse("admin:editorial_review_change", args=[review.pk])
    assert editor_client.post(review_url, {"_approve": "1"}).status_code == 403
    assert "Approve and publish" not in editor_client.get(review_url).content.decode()

    # Sent back: a comment is needed.
    publisher_client.post(review_url, {"_send_back": "1", "comment": ""})
    assert Review.objects.get(pk=review.pk).state == ReviewState.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        publisher_client.post(review_url, {"_send_back": "1", "comment": "Name the countries."})
    review.refresh_from_db()
    assert (review.state, review.comment) == (ReviewState.SENT_BACK, "Name the countries.")
    assert mailoutbox[-1].to == ["editor@example.org"]
    assert "Name the countries." in mailoutbox[-1].body
    assert "Name the countries." in editor_client.get(HOME).content.decode()
    assert "Sent back to you" in editor_client.get(HOME).content.decode()
    assert "Name the countries." in editor_client.get(change_url(published_page)).content.decode()

    # The Editor changes the pending version again and submits it again.
    form = displayed_form(editor_client.get(change_url(published_page)))
    form["sections-0-body_en"] = "Indonesia, Kenya and Fiji."
    editor_client.post(change_url(published_page), form)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(submit_url, {"message": "Countries named."})
    assert Client().get(published_page.get_absolute_url()).content.decode().count("Fiji") == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(review_url, {"_approve": "1", "comment": ""})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.state, review.reviewer.username) == (ReviewState.APPROVED, "publisher")
    assert mailoutbox[-1].to == ["editor@example.org"]
    assert "approved" in mailoutbox[-1].body
    public = Client().get(published_page.get_absolute_url()).content.decode()
    assert "Indonesia, Kenya and Fiji." in public and "By invitation." in public
    assert "Since 1990." in public

    reasons = list(published_page.history.values_list("history_change_reason", flat=True))
    assert reasons[:4] == [
        "approved editor's version",
        "submitted for review: Countries named.",
        "sent back for changes: Name the countries.",
        "submitted for review: Oceania added.",
    ]
    added = Section.objects.get(heading_en="How")
    assert added.history.get().history_change_reason == "approved editor's version"


def test_a_draft_is_submitted_and_published_on_approval(
    editor, publisher, django_capture_on_commit_callbacks
):
    draft = make_page("Contact", status=Status.DRAFT)
    make_section(draft, body="Write to us.")
    with django_capture_on_commit_callbacks(execute=True):
        review = submit(draft, editor, "Ready.")
    assert review.data is None
    assert Client().get(draft.get_absolute_url()).status_code == 404
    approve(review, publisher)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert "Write to us." in Client().get(draft.get_absolute_url()).content.decode()


def test_approval_is_all_or_nothing(editor, publisher, published_page):
    rows = {"pages.section": list(published_page.sections.all())}
    broken = Section(page=published_page, order=30, block=Block.PROGRAMS_TABLE)  # no scheme
    rows["pages.section"].append(broken)
    published_page.title_en = "Experts in the field"
    review = save_pending(published_page, snapshot(published_page, rows), editor)
    submit(Page.objects.get(pk=published_page.pk), editor, "Table added.")
    with pytest.raises(ReviewFailed, match="Choose the scheme"):
        approve(review, publisher)
    published_page.refresh_from_db()
    assert published_page.title_en == "Experts abroad"
    assert published_page.sections.count() == 2
    assert Review.objects.get(pk=review.pk).state == ReviewState.SUBMITTED


def test_preview_shows_the_pending_version_to_staff_only(
    editor_client, publisher_client, published_page
):
    edit_page(editor_client, published_page, title_en="Experts in the field")
    review = open_review_of(published_page)
    url = reverse("admin:editorial_review_preview", args=[review.pk, "en"])
    for client in (editor_client, publisher_client):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Experts in the field" in html and "Preview of a version awaiting review" in html
        assert "no-store" in response["Cache-Control"]
    japanese = editor_client.get(reverse("admin:editorial_review_preview", args=[review.pk, "ja"]))
    assert japanese.status_code == 200 and 'lang="ja"' in japanese.content.decode()
    published_page.refresh_from_db()
    assert published_page.title_en == "Experts abroad"  # the preview kept nothing
    assert published_page.history.count() == 1
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and reverse("admin:login") in anonymous["Location"]
    assert "Experts abroad" in Client().get(published_page.get_absolute_url()).content.decode()


def test_preview_is_never_stored_by_the_page_cache(
    settings, redis_url, editor_client, published_page
):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    }
    from django.core.cache import cache

    from npa_portal import page_store

    cache.clear()
    page_store.local_pages.clear()
    edit_page(editor_client, published_page, title_en="Experts in the field")
    review = open_review_of(published_page)
    editor_client.get(reverse("admin:editorial_review_preview", args=[review.pk, "en"]))
    public = Client().get(published_page.get_absolute_url())
    assert "Experts abroad" in public.content.decode()
    again = Client().get(published_page.get_absolute_url())
    assert "Experts in the field" not in again.content.decode()


def test_mail_failure_is_logged_and_the_submission_kept(
    settings,
    editor_client,
    published_page,
    publisher_with_mail,
    caplog,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.test_review.FailingBackend"
    edit_page(editor_client, published_page, title_en="Experts in the field")
    submit_url = reverse("admin:pages_page_submit", args=[published_page.pk])
    with (
        caplog.at_level(logging.ERROR, logger="editorial.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = editor_client.post(submit_url, {"message": "Please check."})
    assert response.status_code == 302
    assert open_review_of(published_page).state == ReviewState.SUBMITTED
    assert "not sent to publisher@example.org" in caplog.text
    assert "mail server down" in caplog.text


def test_editor_change_to_a_published_program_and_its_figures_waits(
    editor_client, publisher, django_capture_on_commit_callbacks
):
    program = make_program("Forensic Science")
    make_figure(program, year=2019, participants=12, countries=3)
    form = displayed_form(editor_client.get(change_url(program)))
    form["name_ja"] = "法科学"
    form["figures-0-participants"] = "14"
    assert editor_client.post(change_url(program), form).status_code == 302
    program.refresh_from_db()
    assert program.name_ja == "" and program.figures.get().participants == 12
    review = submit(program, publisher, "Corrected.")  # anyone who may change may submit
    approve(review, publisher)
    program.refresh_from_db()
    assert program.name_ja == "法科学" and program.figures.get().participants == 14
    assert program.published


def test_publisher_change_goes_live_at_once(publisher_client, published_page):
    edit_page(publisher_client, published_page, title_en="Experts in the field")
    published_page.refresh_from_db()
    assert published_page.title_en == "Experts in the field"
    assert not Review.objects.exists()


def test_a_section_a_publisher_deleted_comes_back_only_when_a_publisher_approves(
    editor_client, publisher, published_page
):
    """The case that went wrong: an Editor brought a deleted section back by reverting the
    page, and it was public at once. Now the revert is a version awaiting review."""
    version = published_page.history.latest()
    published_page.save()
    deleted = published_page.sections.get(order=20)
    deleted_pk = deleted.pk
    deleted.delete()
    url = reverse("admin:pages_page_simple_history", args=[published_page.pk, version.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    response = editor_client.post(url, {**data, "_revert_inlines": "1"})
    assert response.status_code == 302
    assert not Section.objects.filter(pk=deleted_pk).exists()
    assert "Since 1990." not in Client().get(published_page.get_absolute_url()).content.decode()
    review = open_review_of(published_page)
    submit(published_page, publisher, "Restores the section.")
    approve(review, publisher)
    restored = Section.objects.get(pk=deleted_pk)  # its old id: its history is still attached
    assert restored.body_en == "Since 1990."
    assert restored.history.count() == 3  # added, deleted, put back
    assert "Since 1990." in Client().get(published_page.get_absolute_url()).content.decode()


def test_nothing_to_submit_for_an_unchanged_published_page(editor_client, published_page):
    submit_url = reverse("admin:pages_page_submit", args=[published_page.pk])
    response = editor_client.post(submit_url, {"message": "?"}, follow=True)
    assert "Nothing to submit" in response.content.decode()
    assert not Review.objects.exists()
    assert Program.objects.count() == 0


def test_editor_cannot_change_a_published_page_s_sections_on_their_own(
    editor_client, published_page
):
    """The way an Editor's change reached the public: a section brought back or changed on the
    section admin. It is refused there and made on the page's form instead."""
    section = published_page.sections.get(order=10)
    url = reverse("admin:pages_section_change", args=[section.pk])
    html = editor_client.get(url, follow=True).content.decode()
    assert "change its sections on the page" in html
    data = {
        "page": published_page.pk,
        "order": "10",
        "heading_en": "Where",
        "body_en": "Changed directly.",
    }
    assert editor_client.post(url, data).status_code == 403
    response = editor_client.post(reverse("admin:pages_section_add"), data)
    assert response.status_code == 200 and "change its sections on the page" in (
        response.content.decode()
    )
    section.body_en = "A slip."
    section.save()
    version = section.history.order_by("history_id").first()
    revert = reverse("admin:pages_section_simple_history", args=[section.pk, version.pk])
    assert editor_client.post(revert, data).status_code == 302
    assert Section.objects.get(pk=section.pk).body_en == "A slip."
    assert published_page.sections.count() == 2


def test_editor_still_changes_the_sections_of_a_draft(editor_client):
    draft = make_page("Contact", status=Status.DRAFT)
    section = make_section(draft, body="Write to us.", order=10)
    url = reverse("admin:pages_section_change", args=[section.pk])
    data = {"page": draft.pk, "order": "10", "heading_en": "", "body_en": "Call us."}
    assert editor_client.post(url, data).status_code == 302
    assert Section.objects.get(pk=section.pk).body_en == "Call us."


def test_editor_discards_a_pending_version(editor_client, published_page):
    edit_page(editor_client, published_page, title_en="Experts in the field")
    review = open_review_of(published_page)
    url = reverse("admin:editorial_review_change", args=[review.pk])
    assert "Discard the pending version" in editor_client.get(url).content.decode()
    editor_client.post(url, {"_discard": "1"})
    review.refresh_from_db()
    assert review.state == ReviewState.DISCARDED
    assert published_page.history.latest().history_change_reason == "pending version discarded"
    form = displayed_form(editor_client.get(change_url(published_page)))
    assert form["title_en"] == "Experts abroad"  # the form shows the published page again


def test_review_pages_speak_japanese(editor_client, publisher_client, published_page):
    edit_page(editor_client, published_page, title_en="Experts in the field")
    review = open_review_of(published_page)
    editor_client.post(
        reverse("admin:pages_page_submit", args=[published_page.pk]), {"message": "確認願います"}
    )
    publisher_client.cookies["django_language"] = "ja"
    home = publisher_client.get(HOME, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "承認待ち" in home and "公開中の内容との差分" in home
    page = publisher_client.get(
        reverse("admin:editorial_review_change", args=[review.pk]), HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    assert "承認して公開" in page and "編集担当者に差し戻す" in page


def test_preview_of_a_program_scheduled_for_tomorrow(editor, publisher_client):
    from datetime import timedelta

    from django.utils import timezone

    program = make_program("Forensic Science", publish_at=timezone.now() + timedelta(days=1))
    program.name_en = "Forensic Science and Identification"
    review = save_pending(program, snapshot(program, {"programs.annualfigure": []}), editor)
    response = publisher_client.get(
        reverse("admin:editorial_review_preview", args=[review.pk, "en"])
    )
    assert response.status_code == 200
    assert "Forensic Science and Identification" in response.content.decode()
    assert Program.objects.get().publish_at is not None  # nothing kept


def test_a_pending_version_saved_since_the_form_was_opened_is_not_overwritten(
    editor_client, make_staff, published_page
):
    from editorial.roles import EDITORS

    from .conftest import signed_in

    other = signed_in(make_staff("other-editor", EDITORS))
    edit_page(editor_client, published_page, title_en="Experts in the field")
    mine = displayed_form(other.get(change_url(published_page)))
    edit_page(editor_client, published_page, title_en="Police experts in the field")
    mine["summary_en"] = "Who goes where, and why."
    response = other.post(change_url(published_page), mine)
    assert response.status_code == 200
    assert "someone saved another pending version" in response.content.decode()
    data = open_review_of(published_page).data["fields"]
    assert (data["title_en"], data["summary_en"]) == (
        "Police experts in the field",
        "Who goes where.",
    )
    # The form now carries the newer version: saving it again goes through.
    again = displayed_form(response)
    assert other.post(change_url(published_page), again).status_code == 302


def _mail_settings(env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_HOST_USER)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "npa_portal.settings",
            "DJANGO_SECRET_KEY": "x" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_mail_goes_to_the_console_unless_email_url_names_a_server():
    assert _mail_settings({})[0] == "django.core.mail.backends.console.EmailBackend"
    smtp = _mail_settings({"EMAIL_URL": "smtp+tls://npa:secret@smtp.example.org:587"})
    assert smtp == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "True",
        "npa",
    ]


def _submitted_change(editor, number):
    page = make_page(f"Page {number}")
    make_section(page, body="Some text.")
    page.title_en = f"Page {number}, changed"
    save_pending(page, snapshot(page, {"pages.section": list(page.sections.all())}), editor)
    submit(Page.objects.get(pk=page.pk), editor, "Please review.")


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_review_lists_cost_a_few_queries_per_review(editor, publisher_client):
    """The list of reviews costs the same however many there are; the admin home page, which
    shows each awaiting review's differences, a few more per review (at most 20 listed)."""
    _submitted_change(editor, 1)
    listed_once = _queries(publisher_client, reverse("admin:editorial_review_changelist"))
    home_once = _queries(publisher_client, HOME)
    for number in (2, 3, 4):
        _submitted_change(editor, number)
    assert _queries(publisher_client, reverse("admin:editorial_review_changelist")) == listed_once
    assert _queries(publisher_client, HOME) <= home_once + 3 * 4


def test_a_section_s_documents_wait_for_review_too(editor_client, publisher):
    """A section's list of documents (a many-to-many field) is part of the pending version."""
    section = make_section(make_page("Reports"), heading="Reports", body="Our reports.")
    page = section.page
    report = make_document("Annual report 2024")
    form = displayed_form(editor_client.get(change_url(page)))
    form["sections-0-documents"] = [str(report.pk)]
    assert editor_client.post(change_url(page), form).status_code == 302
    assert list(section.documents.all()) == []
    review = open_review_of(page)
    assert review.data["inlines"]["pages.section"][0]["fields"]["documents"] == [report.pk]
    assert displayed_form(editor_client.get(change_url(page)))["sections-0-documents"] == [
        str(report.pk)
    ]
    changes = editor_client.get(reverse("admin:pages_page_submit", args=[page.pk]))
    assert "Annual report 2024" in changes.content.decode()
    submit(page, publisher, "Report added.")
    approve(review, publisher)
    assert list(Section.objects.get(pk=section.pk).documents.all()) == [report]
