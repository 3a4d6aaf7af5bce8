"""History in the admin: compare versions, revert, recently deleted and restore."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from deployments.models import DisasterDeployment
from editorial.models import Review
from pages.models import Page, Section, Status
from programs.models import AnnualFigure, Program

from .builders import deployment, make_figure, make_page, make_program, make_section

pytestmark = pytest.mark.django_db


def figure_form(figure, **values):
    data = {
        "program": str(figure.program_id),
        "year": str(figure.year),
        "participants": str(figure.participants),
        "countries": str(figure.countries),
        "note": figure.note,
    }
    data.update({name: str(value) for name, value in values.items()})
    return data


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def edited_figure(staff_client):
    """A figure saved at 10/8, then changed through the admin to 14/9."""
    figure = make_figure(year=2019, participants=10, countries=8)
    url = reverse("admin:programs_annualfigure_change", args=[figure.pk])
    response = staff_client.post(url, figure_form(figure, participants=14, countries=9))
    assert response.status_code == 302
    return figure


def test_history_page_shows_changed_fields_side_by_side(staff_client, edited_figure):
    url = reverse("admin:programs_annualfigure_history", args=[edited_figure.pk])
    response = staff_client.get(url)
    html = response.content.decode()
    newest = response.context["page_obj"][0]
    assert {(c["field"], c["old"], c["new"]) for c in newest.history_delta_changes} == {
        ("Participants", "10", "14"),
        ("Countries", "8", "9"),
    }
    assert "<del>10</del>" in html and "<ins>14</ins>" in html
    assert "Updated at" not in html  # timestamps are not shown as changes
    assert "Revert to this version" in html


def test_revert_restores_the_earlier_values_and_says_why(staff_client, edited_figure):
    original = edited_figure.history.earliest()
    url = reverse(
        "admin:programs_annualfigure_simple_history", args=[edited_figure.pk, original.pk]
    )
    form = staff_client.get(url)
    assert form.status_code == 200
    response = staff_client.post(url, figure_form(original.instance))
    assert response.status_code == 302
    edited_figure.refresh_from_db()
    assert (edited_figure.participants, edited_figure.countries) == (10, 8)
    latest = edited_figure.history.latest()
    assert latest.history_change_reason.startswith("reverted to the version of ")
    assert latest.history_user.username == "staff"
    assert edited_figure.history.count() == 3


def test_revert_cannot_create_an_invalid_row(staff_client, edited_figure):
    original = edited_figure.history.earliest()
    make_figure(edited_figure.program, year=2018)
    url = reverse(
        "admin:programs_annualfigure_simple_history", args=[edited_figure.pk, original.pk]
    )
    # The old version, but moved onto a year that already has a row.
    response = staff_client.post(url, figure_form(original.instance, year=2018))
    assert response.status_code == 200
    assert "This program already has figures for that year." in response.content.decode()
    edited_figure.refresh_from_db()
    assert (edited_figure.year, edited_figure.participants) == (2019, 14)


def test_delete_then_restore_brings_the_row_back_with_its_history(staff_client, edited_figure):
    pk = edited_figure.pk
    delete_url = reverse("admin:programs_annualfigure_delete", args=[pk])
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not AnnualFigure.objects.filter(pk=pk).exists()
    history = staff_client.get(reverse("admin:programs_annualfigure_history", args=[pk]))
    assert "This record has been deleted." in history.content.decode()

    listing = staff_client.get(reverse("admin:programs_annualfigure_recently_deleted"))
    records = listing.context["records"]
    assert [record.id for record in records] == [pk]
    restore_url = reverse("admin:programs_annualfigure_restore", args=[records[0].history_id])
    assert restore_url in listing.content.decode()

    response = staff_client.post(restore_url)
    assert response.status_code == 302
    restored = AnnualFigure.objects.get(pk=pk)
    assert (restored.participants, restored.countries) == (14, 9)
    history = list(restored.history.values_list("history_type", "history_change_reason"))
    assert history == [
        ("+", "restored from the recently deleted list"),
        ("-", None),
        ("~", None),
        ("+", None),
    ]
    assert restored.created_at == edited_figure.created_at
    listing = staff_client.get(reverse("admin:programs_annualfigure_recently_deleted"))
    assert listing.context["records"] == []


def test_restore_that_would_clash_is_refused_with_a_message(staff_client):
    first = deployment(year=2011, month=3, country="NZ", persons=5)
    first.delete()
    history_id = DisasterDeployment.history.get(history_type="-").history_id
    deployment(year=2011, month=3, country="NZ", persons=7)  # typed in again meanwhile
    url = reverse("admin:deployments_disasterdeployment_restore", args=[history_id])
    response = staff_client.post(url)
    assert response.status_code == 302
    assert any("was not restored" in text for text in messages_of(response))
    assert DisasterDeployment.objects.get().persons == 7


def test_restore_of_a_figure_whose_program_is_gone_is_refused(staff_client):
    program = make_program("Cybercrime")
    make_figure(program, year=2019)
    program.delete()  # its figures go with it
    record = AnnualFigure.history.get(history_type="-")
    url = reverse("admin:programs_annualfigure_restore", args=[record.history_id])
    response = staff_client.post(url)
    assert response.status_code == 302
    assert not AnnualFigure.objects.exists()
    assert messages_of(response) == [
        f"“annual figure {record.id}” was not restored: its program “Cybercrime” has been "
        "deleted too; restore that first."
    ]
    listing = staff_client.get(reverse("admin:programs_annualfigure_recently_deleted"))
    assert f"annual figure {record.id}" in listing.content.decode()
    # Restoring the program brings back the figures deleted with it.
    program_record = Program.history.get(history_type="-")
    response = staff_client.post(
        reverse("admin:programs_program_restore", args=[program_record.history_id])
    )
    assert "1 row deleted with it was restored too." in messages_of(response)[-1]
    figure = AnnualFigure.objects.get()
    assert figure.program.name == "Cybercrime"
    assert figure.history.latest().history_change_reason == "restored with “Cybercrime”"


def test_restore_needs_a_post(staff_client):
    figure = make_figure()
    figure.delete()
    record = AnnualFigure.history.get(history_type="-")
    url = reverse("admin:programs_annualfigure_restore", args=[record.history_id])
    assert staff_client.get(url).status_code == 405
    assert staff_client.post(url.replace(str(record.history_id), "999999")).status_code == 404


def test_reverting_a_deleted_row_leads_to_the_recently_deleted_list(staff_client):
    figure = make_figure()
    record = figure.history.get()
    pk = figure.pk
    figure.delete()
    url = reverse("admin:programs_annualfigure_simple_history", args=[pk, record.pk])
    response = staff_client.post(url, {})
    assert response.status_code == 302
    assert response.url == reverse("admin:programs_annualfigure_recently_deleted")
    assert not AnnualFigure.objects.exists()


def test_one_year_page_saves_with_a_reason(staff_client):
    program = make_program("Cybercrime")
    url = reverse("admin:programs_annualfigure_year_entry")
    query = f"?year=2021&scheme={program.scheme_id}"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1",
        "form-0-program": str(program.pk),
        "form-0-participants": "9",
        "form-0-countries": "4",
    }
    assert staff_client.post(url + query, data).status_code == 302
    record = AnnualFigure.history.get()
    assert record.history_change_reason == "year entry 2021"


@pytest.mark.parametrize(
    "url_name",
    [
        "programs_scheme",
        "programs_program",
        "programs_annualfigure",
        "deployments_disasterdeployment",
        "deployments_expertdispatch",
        "pages_page",
        "pages_section",
    ],
)
def test_every_list_links_to_its_recently_deleted_page(staff_client, url_name):
    html = staff_client.get(reverse(f"admin:{url_name}_changelist")).content.decode()
    assert reverse(f"admin:{url_name}_recently_deleted") in html
    assert staff_client.get(reverse(f"admin:{url_name}_recently_deleted")).status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_recently_deleted_list_runs_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, size
):
    program = make_program("Cybercrime")
    for year in range(1990, 1990 + size):  # past years only: the database refuses later ones
        make_figure(program, year=year).delete()
    url = reverse("admin:programs_annualfigure_recently_deleted")
    with django_assert_max_num_queries(6):
        response = staff_client.get(url)
    assert len(response.context["records"]) == size
    assert "Cybercrime (1990)" in response.content.decode()


def test_a_deleted_page_and_its_sections_come_back(staff_client):
    page = make_page("Experts abroad", status=Status.DRAFT)
    section = make_section(page, heading="Where", body="Asia and Africa.")
    page_id, section_id = page.pk, section.pk
    delete = reverse("admin:pages_page_delete", args=[page.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Page.objects.exists() and not Section.objects.exists()

    section_record = Section.history.get(history_type="-")
    restore_section = reverse("admin:pages_section_restore", args=[section_record.history_id])
    response = staff_client.post(restore_section)
    assert "restore that first" in messages_of(response)[-1]

    page_record = Page.history.get(history_type="-")
    staff_client.post(reverse("admin:pages_page_restore", args=[page_record.history_id]))
    restored = Page.objects.get(pk=page_id)
    assert (restored.path, restored.status) == ("experts-abroad", Status.DRAFT)
    sections = list(restored.sections.values_list("pk", "body_en"))
    assert sections == [(section_id, "Asia and Africa.")]
    assert restored.history.count() == 3


def test_page_revert_keeps_the_status_for_editors_rules(staff_client):
    page = make_page("Experts abroad", summary="First words.")
    page.summary = "Second words."
    page.save()
    first = page.history.earliest()
    url = reverse("admin:pages_page_simple_history", args=[page.pk, first.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: "" if value is None else value for key, value in data.items()}
    assert staff_client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.summary == "First words."


def test_restoring_a_program_is_all_or_nothing_with_its_figures(staff_client):
    program = make_program("Cybercrime")
    make_figure(program, year=2019)
    make_figure(program, year=2020, participants=10, countries=8)
    program.delete()
    # As if the rules had tightened since: one deleted figure no longer passes them.
    AnnualFigure.history.filter(history_type="-", year=2020).update(countries=12)
    record = Program.history.get(history_type="-")
    response = staff_client.post(
        reverse("admin:programs_program_restore", args=[record.history_id])
    )
    assert "was not restored" in messages_of(response)[-1]
    assert "more countries (12) than participants (10)" in messages_of(response)[-1]
    assert not Program.objects.exists()
    assert not AnnualFigure.objects.exists()


def revert_data(client, url, put_back=True):
    """The revert form's fields as shown, plus the "also put back" box when ticked."""
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: "" if value is None else value for key, value in data.items()}
    if put_back:
        data["_revert_inlines"] = "1"
    return data


@pytest.fixture
def page_edited_since():
    """A page saved with sections A and B; since then A was edited, B deleted, C added."""
    page = make_page("Experts abroad", summary="First words.")
    first = make_section(page, heading="Where", body="Asia and Africa.", order=1)
    second = make_section(page, heading="Since when", body="Since 1990.", order=2)
    version = page.history.latest()
    page.summary = "Second words."
    page.save()
    first.body = "Asia, Africa and Latin America."
    first.save()
    second_pk = second.pk
    second.delete()
    second.pk = second_pk
    make_section(page, heading="Who", body="Senior officers.", order=3)
    return page, version, first, second


def test_revert_form_lists_what_happens_to_the_sections(staff_client, page_edited_since):
    page, version, _first, _second = page_edited_since
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    html = staff_client.get(url).content.decode()
    assert "Sections: today → this version" in html
    assert "remove it (it did not exist then)" in html and "Who" in html
    assert "<del>Asia, Africa and Latin America.</del> → <ins>Asia and Africa.</ins>" in html
    assert "bring it back (it has been deleted since)" in html and "Since when" in html
    assert 'name="_revert_inlines" value="1" id="id__revert_inlines" checked>' in html


def test_reverting_a_page_puts_its_sections_back(staff_client, page_edited_since):
    page, version, first, second = page_edited_since
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    response = staff_client.post(url, revert_data(staff_client, url))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.summary == "First words."
    assert list(page.sections.values_list("pk", "heading_en", "body_en")) == [
        (first.pk, "Where", "Asia and Africa."),
        (second.pk, "Since when", "Since 1990."),
    ]
    reason = page.history.latest().history_change_reason
    assert reason.startswith("reverted to the version of ")
    # Every row's own history says what happened, and why.
    assert list(Section.history.filter(id=second.pk).values_list("history_type", flat=True)) == [
        "+",
        "-",
        "+",
    ]
    assert Section.history.filter(id=second.pk).latest().history_change_reason == reason
    assert first.history.latest().history_change_reason == reason
    removed = Section.history.get(heading_en="Who", history_type="-")
    assert removed.history_change_reason == reason
    assert removed.history_user.username == "staff"
    listing = staff_client.get(reverse("admin:pages_section_recently_deleted"))
    assert [record.id for record in listing.context["records"]] == [removed.id]


def test_reverting_without_the_box_leaves_the_sections(staff_client, page_edited_since):
    page, version, first, _second = page_edited_since
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    staff_client.post(url, revert_data(staff_client, url, put_back=False))
    page.refresh_from_db()
    assert page.summary == "First words."
    assert list(page.sections.values_list("heading_en", flat=True)) == ["Where", "Who"]
    first.refresh_from_db()
    assert first.body == "Asia, Africa and Latin America."


def test_editors_cannot_remove_sections_by_reverting(client, editor, page_edited_since):
    client.force_login(editor)
    page, version, _first, _second = page_edited_since
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    response = client.post(url, revert_data(client, url))
    assert response.status_code == 302
    assert "only publishers can remove sections" in messages_of(response)[-1]
    page.refresh_from_db()
    assert page.summary == "Second words."
    assert page.sections.count() == 2
    # Without the box the page's own fields can still be reverted: the page is published, so
    # the revert waits for a publisher's approval (editorial.review).
    client.post(url, revert_data(client, url, put_back=False))
    page.refresh_from_db()
    assert page.summary == "Second words."
    assert Review.objects.open().of(page).get().data["fields"]["summary_en"] == "First words."


def test_editors_can_revert_changed_sections(client, editor):
    client.force_login(editor)
    # A draft: an Editor's revert of a published page waits for review (tests/test_review.py).
    page = make_page("Experts abroad", status=Status.DRAFT)
    section = make_section(page, heading="Where", body="Asia and Africa.")
    version = page.history.latest()
    page.save()
    section.body = "A slip."
    section.save()
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    assert client.post(url, revert_data(client, url)).status_code == 302
    section.refresh_from_db()
    assert section.body == "Asia and Africa."
    assert section.history.latest().history_user.username == "editor"


def test_reverting_a_program_puts_its_figures_back(staff_client):
    program = make_program("Cybercrime", description="Old text.")
    kept = make_figure(program, year=2019, participants=10, countries=8)
    version = program.history.latest()
    program.description = "New text."
    program.save()
    kept.participants = 90  # a slip, say by an import
    kept.save()
    make_figure(program, year=2020, participants=12, countries=9)
    url = reverse("admin:programs_program_simple_history", args=[program.pk, version.pk])
    html = staff_client.get(url).content.decode()
    assert "Annual figures: today → this version" in html
    # Unticked at first: reverting a program's text should not quietly undo newer figures.
    assert 'id="id__revert_inlines">' in html
    assert staff_client.post(url, revert_data(staff_client, url)).status_code == 302
    program.refresh_from_db()
    assert program.description == "Old text."
    assert list(program.figures.values_list("year", "participants")) == [(2019, 10)]


def test_reverting_sections_is_all_or_nothing(staff_client, page_edited_since):
    page, version, first, _second = page_edited_since
    # As if the rules had tightened since: the deleted section would now be empty.
    Section.history.filter(heading_en="Since when").update(heading_en="", body_en="")
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    response = staff_client.post(url, revert_data(staff_client, url))
    assert response.status_code == 302
    message = messages_of(response)[-1]
    assert message.startswith("Nothing was reverted: the sections cannot be put back: ")
    assert "Give the section a heading, some text or a block." in message
    page.refresh_from_db()
    assert page.summary == "Second words."
    assert list(page.sections.values_list("heading_en", flat=True)) == ["Where", "Who"]
    first.refresh_from_db()
    assert first.body == "Asia, Africa and Latin America."
    assert page.history.count() == 2


def test_editors_cannot_publish_by_reverting(client, editor):
    client.force_login(editor)
    page = make_page("Experts abroad", status=Status.PUBLISHED, summary="First words.")
    program = make_program("Cybercrime", published=True, description="Old text.")
    page_version, program_version = page.history.latest(), program.history.latest()
    page.status, page.summary = Status.DRAFT, "Second words."
    page.save()
    program.published, program.description, program.slug = False, "New text.", "cyber"
    program.save()

    url = reverse("admin:pages_page_simple_history", args=[page.pk, page_version.pk])
    form_page = client.get(url)
    assert "Draft" in form_page.content.decode()  # the status shown is today's
    assert client.post(url, revert_data(client, url)).status_code == 302
    page.refresh_from_db()
    assert (page.summary, page.status) == ("First words.", Status.DRAFT)

    url = reverse("admin:programs_program_simple_history", args=[program.pk, program_version.pk])
    assert client.post(url, revert_data(client, url)).status_code == 302
    program.refresh_from_db()
    assert (program.description, program.published, program.slug) == ("Old text.", False, "cyber")


def test_publishers_revert_the_status_too(client, publisher):
    client.force_login(publisher)
    page = make_page("Experts abroad", status=Status.PUBLISHED)
    version = page.history.latest()
    page.status = Status.DRAFT
    page.save()
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    assert client.post(url, revert_data(client, url)).status_code == 302
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "path",
    ["abc/history/", "abc/history/1/", "1/history/abc/", "999/history/", "999/history/5/"],
)
def test_history_addresses_that_name_nothing_are_404(staff_client, path):
    make_figure()
    url = reverse("admin:programs_annualfigure_changelist") + path
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("versions", [2, 30])
def test_history_pages_run_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, versions
):
    figure = make_figure()
    page = make_page("Experts abroad")
    programs = [figure.program, make_program("Cybercrime")]
    for number in range(versions):
        figure.participants, figure.program = 10 + number, programs[number % 2]
        figure.save()
        page.summary = f"Version {number}."
        page.save()
    for url in (
        reverse("admin:programs_annualfigure_history", args=[figure.pk]),
        reverse("admin:pages_page_history", args=[page.pk]),
    ):
        with django_assert_max_num_queries(8):
            response = staff_client.get(url)
        assert len(response.context["page_obj"]) == versions + 1


def test_putting_back_sections_needs_the_right_to_change_them(client, make_staff):
    user = make_staff("pages-only")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_page", "change_page", "view_section"])
    )
    client.force_login(user)
    page = make_page("Experts abroad", summary="First words.")
    section = make_section(page, body="Asia and Africa.")
    version = page.history.latest()
    page.summary = "Second words."
    page.save()
    section.body = "A slip."
    section.save()
    url = reverse("admin:pages_page_simple_history", args=[page.pk, version.pk])
    response = client.post(url, revert_data(client, url))
    assert messages_of(response)[-1] == "You may not change sections."
    page.refresh_from_db()
    assert page.summary == "Second words."


def test_reverting_a_program_brings_back_a_figure_typed_in_again_since(staff_client):
    program = make_program("Cybercrime")
    original = make_figure(program, year=2019, participants=10, countries=8)
    original_pk = original.pk
    version = program.history.latest()
    program.save()
    original.delete()
    retyped = make_figure(program, year=2019, participants=11, countries=8)
    url = reverse("admin:programs_program_simple_history", args=[program.pk, version.pk])
    assert staff_client.post(url, revert_data(staff_client, url)).status_code == 302
    assert list(program.figures.values_list("pk", "participants")) == [(original_pk, 10)]
    assert not AnnualFigure.objects.filter(pk=retyped.pk).exists()
    assert AnnualFigure.history.filter(id=original_pk).count() == 3  # created, deleted, back


def test_recently_deleted_sections_name_their_page(staff_client):
    for title in ("Experts abroad", "Training in Japan"):
        make_section(make_page(title), heading="Where").delete()
    html = staff_client.get(reverse("admin:pages_section_recently_deleted")).content.decode()
    assert "<td>Training in Japan</td>" in html and "<td>Experts abroad</td>" in html
