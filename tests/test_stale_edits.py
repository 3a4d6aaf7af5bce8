"""Lost updates: a save made from a form opened before someone else's save is refused, names
who changed what since, and keeps the user's input for them to merge."""

import io
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from deployments.models import DisasterDeployment
from editorial.stale_edits import VERSION_FIELD
from pages.models import Page
from programs.models import AnnualFigure
from programs.provisional import ProvisionalYear

from .builders import deployment, make_figure, make_page, make_program, make_section
from .conftest import signed_in
from .library_builders import (  # media_root: autouse, uploads go to a temporary folder
    make_document,
    make_image,
    media_root,  # noqa: F401
)

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """What a browser would send from the page's form with method="post" (no submit button)."""

    def __init__(self, html):
        super().__init__()
        self.fields, self.in_post_form, self.textarea, self.select = {}, False, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_post_form = attrs.get("method", "").lower() == "post"
        if not self.in_post_form or "name" not in attrs and tag not in ("option",):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            ticked = attrs.get("type") in ("checkbox", "radio")
            if ticked and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = attrs.get("value", "on" if ticked else "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]
            if "multiple" not in attrs:  # a multiple choice with nothing chosen sends nothing
                self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data.removeprefix("\n")


def opened(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return FormFields(response.content.decode()).fields


@pytest.fixture
def two_editors(make_staff):
    return signed_in(make_staff("aiko", "Publishers")), signed_in(make_staff("ben", "Publishers"))


def test_a_stale_deployment_form_is_refused_and_keeps_the_input(two_editors):
    aiko, ben = two_editors
    row = deployment(persons=6, summary="Old summary")
    url = reverse("admin:deployments_disasterdeployment_change", args=[row.pk])
    aiko_form, ben_form = opened(aiko, url), opened(ben, url)
    ben_form["persons"] = "4242"
    assert ben.post(url, ben_form).status_code == 302
    aiko_form["summary_en"] = "Aiko's new summary"
    refused = aiko.post(url, aiko_form)
    assert refused.status_code == 200
    row.refresh_from_db()
    assert (row.persons, row.summary) == (4242, "Old summary")
    text = refused.content.decode()
    assert "changed since you opened this form" in text
    assert "ben changed" in text and "persons" in text
    again = FormFields(text).fields
    assert again["summary_en"] == "Aiko's new summary"  # their input, ready to merge
    assert again["persons"] == "6"  # as they sent it: they decide what to keep
    again["persons"] = "4242"
    assert aiko.post(url, again).status_code == 302  # the re-shown form carries today's version
    row.refresh_from_db()
    assert (row.persons, row.summary) == (4242, "Aiko's new summary")


def test_a_section_changed_since_the_page_form_was_opened_refuses_the_save(two_editors):
    aiko, ben = two_editors
    page = make_page("Cooperation")
    make_section(page, heading="Aims", body="First text")
    url = reverse("admin:pages_page_change", args=[page.pk])
    aiko_form, ben_form = opened(aiko, url), opened(ben, url)
    body_field = next(name for name in ben_form if name.endswith("-body_en"))
    ben_form[body_field] = "Ben's text"
    assert ben.post(url, ben_form).status_code == 302
    aiko_form["summary_en"] = "A new summary"
    refused = aiko.post(url, aiko_form)
    assert refused.status_code == 200
    assert page.sections.get().body == "Ben's text"
    assert Page.objects.get(pk=page.pk).summary != "A new summary"
    text = refused.content.decode()
    assert "ben changed" in text and "Aims" in text


def test_a_section_added_since_is_named_too(two_editors):
    aiko, ben = two_editors
    page = make_page("Cooperation")
    url = reverse("admin:pages_page_change", args=[page.pk])
    aiko_form = opened(aiko, url)
    make_section(page, heading="Added by someone")
    refused = aiko.post(url, aiko_form)
    assert refused.status_code == 200
    assert "Added by someone" in refused.content.decode()


def test_an_up_to_date_form_saves(two_editors):
    aiko, _ = two_editors
    row = deployment(persons=6)
    url = reverse("admin:deployments_disasterdeployment_change", args=[row.pk])
    form = opened(aiko, url)
    form["persons"] = "7"
    assert aiko.post(url, form).status_code == 302
    assert DisasterDeployment.objects.get(pk=row.pk).persons == 7


def test_a_stale_year_entry_is_refused_and_keeps_the_numbers(two_editors):
    aiko, ben = two_editors
    program = make_program("Forensic Science", published=True)
    make_figure(program, year=2019, participants=10, countries=8)
    url = (
        reverse("admin:programs_annualfigure_year_entry") + f"?year=2019&scheme={program.scheme_id}"
    )
    aiko_form, ben_form = opened(aiko, url), opened(ben, url)
    participants = next(name for name in ben_form if name.endswith("-participants"))
    ben_form[participants] = "30"
    assert ben.post(url, ben_form).status_code == 302
    aiko_form[participants] = "12"
    refused = aiko.post(url, aiko_form)
    assert refused.status_code == 200
    assert AnnualFigure.objects.get(program=program, year=2019).participants == 30
    text = refused.content.decode()
    assert "changed since you opened this form" in text and "ben changed" in text
    again = FormFields(text).fields
    assert again[participants] == "12"
    assert aiko.post(url, again).status_code == 302
    assert AnnualFigure.objects.get(program=program, year=2019).participants == 12


# Every change form of the admin, whatever its model, and the one-year figures page.


def every_registered_model(request):
    """The models of every ModelAdmin on the admin site, as its index lists them to a
    superuser (public API: get_app_list, get_model_admin)."""
    return [model["model"] for app in admin.site.get_app_list(request) for model in app["models"]]


@pytest.fixture
def one_row_of_everything(world, staff_user):
    """At least one row of every model the admin edits, the sign-in logs included."""
    call_command("create_roles", stdout=io.StringIO())
    ProvisionalYear.objects.create(scheme=world.scheme, year=2019)
    make_image()
    make_document()
    AccessAttempt.objects.create(username="x", ip_address="192.0.2.1", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="192.0.2.1")
    AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1")
    return world


def test_every_change_form_carries_the_version_of_what_it_shows(
    one_row_of_everything, staff_client, staff_user, rf
):
    request = rf.get("/")
    request.user = staff_user
    models = every_registered_model(request)
    assert len(models) >= 12  # the content, the accounts and roles, the sign-in logs
    without_version = []
    for model in models:
        model_admin = admin.site.get_model_admin(model)
        if not model_admin.has_change_permission(request):
            continue  # no change form at all (reviews are decided on a page of their own)
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"no {model._meta.label} row to open"
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk]
        )
        fields = opened(staff_client, url)
        editable = set(fields) - {"csrfmiddlewaretoken"}
        if not editable:
            continue  # every field read-only (the sign-in logs): a save changes nothing
        if VERSION_FIELD not in fields:
            without_version.append(model._meta.label)
        # Inline rows are part of the version: each inline's rows are watched with the record.
        if model_admin.inlines:
            watched = {rows.model for rows in model_admin.watched(row)}
            assert {inline.model for inline in model_admin.inlines} <= watched
    assert without_version == []


def test_the_one_year_figures_page_carries_its_version(staff_client, world):
    url = reverse("admin:programs_annualfigure_year_entry")
    fields = opened(staff_client, f"{url}?year=2019&scheme={world.scheme.pk}")
    assert fields[f"version-{VERSION_FIELD}"]


def opened_account_form(client, url):
    return as_sent(opened(client, url))


def as_sent(fields):
    """The form as a browser sends it: a multiple choice with nothing chosen is left out."""
    for name in ("groups", "user_permissions", "permissions"):
        if fields.get(name) == "":
            del fields[name]
    return fields


@pytest.fixture
def two_admins(staff_user, django_user_model):
    """Two superusers' clients: mine ("staff") and theirs ("chika")."""
    chika = django_user_model.objects.create_superuser("chika", "chika@example.org")
    return signed_in(staff_user), signed_in(chika)


def theirs_saved_then_mine_refused(two_admins, url, theirs, mine):
    """Both open the form; they save `theirs`, then I save `mine` from my older form."""
    my_client, their_client = two_admins
    my_form, their_form = (opened_account_form(client, url) for client in two_admins)
    assert their_client.post(url, {**their_form, **theirs}).status_code == 302
    refused = my_client.post(url, {**my_form, **mine})
    assert refused.status_code == 200
    return refused


def test_a_stale_staff_account_form_is_refused_and_says_who_changed_it(two_admins, make_staff):
    account = make_staff("daisuke")
    url = reverse("admin:auth_user_change", args=[account.pk])
    refused = theirs_saved_then_mine_refused(
        two_admins, url, {"email": "daisuke@example.org"}, {"first_name": "Daisuke"}
    )
    account.refresh_from_db()
    assert account.email == "daisuke@example.org" and account.first_name == ""
    text = refused.content.decode()
    assert "changed since you opened this form" in text
    assert "chika saved the user “daisuke”" in text and "Email address" in text
    again = as_sent(FormFields(text).fields)
    assert again["first_name"] == "Daisuke"  # my input, to merge with theirs
    again["email"] = "daisuke@example.org"
    assert two_admins[0].post(url, again).status_code == 302
    account.refresh_from_db()
    assert (account.first_name, account.email) == ("Daisuke", "daisuke@example.org")


def test_a_stale_role_form_is_refused(two_admins):
    call_command("create_roles", stdout=io.StringIO())
    role = Group.objects.order_by("pk").first()
    url = reverse("admin:auth_group_change", args=[role.pk])
    refused = theirs_saved_then_mine_refused(
        two_admins, url, {"name": "Renamed role"}, {"name": "My name for it"}
    )
    assert "chika saved the group “Renamed role”" in refused.content.decode()
    assert Group.objects.get(pk=role.pk).name == "Renamed role"
