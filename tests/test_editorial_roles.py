"""The Editors and Publishers groups, checked through the admin as their members use it."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from deployments.models import DisasterDeployment
from editorial.registry import edited_models
from editorial.roles import EDITORS, PUBLISHERS, ensure_roles
from pages.models import Page, Status
from programs.models import AnnualFigure, Program

from .builders import (
    deployment,
    dispatch,
    make_figure,
    make_page,
    make_program,
    make_scheme,
    make_section,
)

pytestmark = pytest.mark.django_db

# The admin address prefix of every edited model ("programs_scheme"...).
EDITED = [f"{model._meta.app_label}_{model._meta.model_name}" for model in edited_models()]


def test_groups_exist_after_migrate_and_the_command_is_idempotent():
    editors = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    assert {"add_annualfigure", "change_annualfigure", "view_annualfigure"} <= editors
    assert not any(codename.startswith("delete_") for codename in editors)
    assert not any(codename.endswith(("_user", "_group")) for codename in editors)
    publishers = Group.objects.get(name=PUBLISHERS).permissions.values_list("codename", flat=True)
    assert editors < set(publishers)
    assert {"delete_annualfigure", "delete_disasterdeployment", "delete_page"} <= set(publishers)
    assert {"publish_page", "publish_program"} <= set(publishers) - editors
    assert {"add_page", "change_page", "add_section", "change_section"} <= editors

    Group.objects.get(name=EDITORS).permissions.clear()
    call_command("create_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("create_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Group.objects.filter(name__in=[EDITORS, PUBLISHERS]).count() == 2
    assert set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True)) == (
        editors
    )
    assert ensure_roles()[EDITORS] == len(editors)


def test_editor_adds_and_changes_but_cannot_delete(editor_client):
    figure = make_figure()
    for name in EDITED:
        assert editor_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        assert editor_client.get(reverse(f"admin:{name}_add")).status_code == 200
    change = reverse("admin:programs_annualfigure_change", args=[figure.pk])
    html = editor_client.get(change).content.decode()
    assert reverse("admin:programs_annualfigure_delete", args=[figure.pk]) not in html
    delete = reverse("admin:programs_annualfigure_delete", args=[figure.pk])
    assert editor_client.get(delete).status_code == 403
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert AnnualFigure.objects.filter(pk=figure.pk).exists()


def test_editor_can_import_but_not_restore(editor_client):
    assert editor_client.get(reverse("admin:programs_annualfigure_import")).status_code == 200
    row = deployment()
    row.delete()
    record = DisasterDeployment.history.get(history_type="-")
    listing = editor_client.get(reverse("admin:deployments_disasterdeployment_recently_deleted"))
    assert listing.status_code == 200
    restore = reverse("admin:deployments_disasterdeployment_restore", args=[record.history_id])
    assert restore not in listing.content.decode()
    assert editor_client.post(restore).status_code == 403
    assert not DisasterDeployment.objects.exists()


def test_editor_cannot_remove_a_year_on_the_one_year_page(editor_client):
    figure = make_figure(year=2019)
    url = reverse("admin:programs_annualfigure_year_entry")
    query = f"?year=2019&scheme={figure.program.scheme_id}"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1",
        "form-0-program": str(figure.program_id),
        "form-0-participants": "",
        "form-0-countries": "",
    }
    response = editor_client.post(url + query, data)
    assert response.status_code == 200
    assert "Only publishers can remove a year" in response.content.decode()
    assert AnnualFigure.objects.filter(pk=figure.pk).exists()


def test_editor_has_no_user_management(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_publisher_can_delete_and_restore(publisher_client):
    figure = make_figure()
    delete = reverse("admin:programs_annualfigure_delete", args=[figure.pk])
    assert publisher_client.get(delete).status_code == 200
    assert publisher_client.post(delete, {"post": "yes"}).status_code == 302
    record = AnnualFigure.history.get(history_type="-")
    restore = reverse("admin:programs_annualfigure_restore", args=[record.history_id])
    assert publisher_client.post(restore).status_code == 302
    assert AnnualFigure.objects.filter(pk=figure.pk).exists()


def test_staff_without_a_group_sees_nothing_to_edit(client, make_staff):
    client.force_login(make_staff("newcomer"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []
    assert "Entering data" not in response.content.decode()
    for name in EDITED:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert client.get(reverse("admin:programs_annualfigure_import")).status_code == 403
    assert client.get(reverse("admin:programs_annualfigure_year_entry")).status_code == 403


def test_admin_index_points_editors_to_the_year_page_and_imports(editor_client):
    make_program()
    html = editor_client.get(reverse("admin:index")).content.decode()
    for name in (
        "admin:programs_annualfigure_year_entry",
        "admin:programs_annualfigure_import",
        "admin:deployments_disasterdeployment_import",
        "admin:deployments_expertdispatch_import",
    ):
        assert f'href="{reverse(name)}"' in html


def test_editor_saves_programs_as_drafts_and_cannot_publish(editor_client):
    scheme = make_program("Existing").scheme
    response = editor_client.get(reverse("admin:programs_program_add"))
    assert "published" not in response.context["adminform"].form.fields
    data = {
        "name": "Forensic Science",
        "scheme": str(scheme.pk),
        "description": "",
        "display_order": "0",
        "published": "on",  # ignored: the field is read-only for Editors
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    assert editor_client.post(reverse("admin:programs_program_add"), data).status_code == 302
    program = Program.objects.get(name="Forensic Science")
    assert program.published is False
    changelist = editor_client.get(reverse("admin:programs_program_changelist"))
    program_admin = admin.site._registry[Program]
    assert "publish" not in program_admin.get_actions(changelist.wsgi_request)
    editor_client.post(
        reverse("admin:programs_program_changelist"),
        {"action": "publish", "_selected_action": [str(program.pk)]},
    )
    program.refresh_from_db()
    assert program.published is False


def test_publisher_publishes_programs(publisher_client):
    program = make_program("Forensic Science", published=False)
    response = publisher_client.get(reverse("admin:programs_program_change", args=[program.pk]))
    assert "published" in response.context["adminform"].form.fields
    publisher_client.post(
        reverse("admin:programs_program_changelist"),
        {"action": "publish", "_selected_action": [str(program.pk)]},
    )
    program.refresh_from_db()
    assert program.published is True


def page_form(**values):
    return {
        "title": "Experts abroad",
        "slug": "experts-abroad",
        "parent": "",
        "summary": "",
        "status": Status.PUBLISHED,
        "navigation_order": "0",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        **values,
    }


def test_editor_saves_page_drafts_but_cannot_publish_or_delete(editor_client):
    add = reverse("admin:pages_page_add")
    form_page = editor_client.get(add)
    assert 'name="status"' not in form_page.content.decode()
    assert "status" in form_page.context["adminform"].readonly_fields  # shown, not editable
    assert editor_client.post(add, page_form()).status_code == 302
    page = Page.objects.get(slug="experts-abroad")
    assert page.status == Status.DRAFT
    change = reverse("admin:pages_page_change", args=[page.pk])
    editor_client.post(change, page_form(status=Status.PUBLISHED))
    page.refresh_from_db()
    assert page.status == Status.DRAFT
    delete = reverse("admin:pages_page_delete", args=[page.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    section = make_section(page)
    section_delete = reverse("admin:pages_section_delete", args=[section.pk])
    assert editor_client.post(section_delete, {"post": "yes"}).status_code == 403


def test_publisher_publishes_and_deletes_pages(publisher_client):
    add = reverse("admin:pages_page_add")
    assert publisher_client.post(add, page_form()).status_code == 302
    page = Page.objects.get(slug="experts-abroad")
    assert page.status == Status.PUBLISHED
    delete = reverse("admin:pages_page_delete", args=[page.pk])
    assert publisher_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Page.objects.exists()


def one_of_each():
    """{admin url name: a row} for every edited model; the scheme has no programs."""
    figure = make_figure()
    page = make_page("Experts abroad")
    return {
        "programs_scheme": make_scheme("Courses run by partners"),
        "programs_program": make_program("Cybercrime"),
        "programs_annualfigure": figure,
        "deployments_disasterdeployment": deployment(),
        "deployments_expertdispatch": dispatch(),
        "pages_page": page,
        "pages_section": make_section(page),
    }


def test_editors_cannot_delete_anything_through_the_admin(editor_client):
    rows = one_of_each()
    for name, row in rows.items():
        change = editor_client.get(reverse(f"admin:{name}_change", args=[row.pk]))
        assert change.status_code == 200
        assert not change.context["has_delete_permission"], name
        assert 'class="deletelink"' not in change.content.decode(), name
        delete = reverse(f"admin:{name}_delete", args=[row.pk])
        assert editor_client.post(delete, {"post": "yes"}).status_code == 403, name
        listing = editor_client.get(reverse(f"admin:{name}_changelist"))
        actions = listing.context["action_form"]
        assert actions is None or "delete_selected" not in dict(actions.fields["action"].choices)
        assert type(row).objects.filter(pk=row.pk).exists()


def test_publishers_delete_and_restore_everything_through_the_admin(publisher_client):
    rows = one_of_each()
    # Children before parents: a section before its page, a figure before its program.
    for name in reversed(list(rows)):
        row = rows[name]
        model = type(row)
        change = publisher_client.get(reverse(f"admin:{name}_change", args=[row.pk]))
        assert 'class="deletelink"' in change.content.decode(), name
        delete = reverse(f"admin:{name}_delete", args=[row.pk])
        assert publisher_client.post(delete, {"post": "yes"}).status_code == 302, name
        assert not model.objects.filter(pk=row.pk).exists(), name
    for name in rows:
        model = type(rows[name])
        record = model.history.get(history_type="-", id=rows[name].pk)
        assert record.history_user.username == "publisher"  # who deleted it, and when
        restore = reverse(f"admin:{name}_restore", args=[record.history_id])
        assert publisher_client.post(restore).status_code == 302, name
        assert model.objects.filter(pk=rows[name].pk).exists(), name
        history = publisher_client.get(reverse(f"admin:{name}_history", args=[rows[name].pk]))
        assert [r.history_type for r in history.context["page_obj"]][:2] == ["+", "-"], name
