"""The admin explains itself and stays fast: help text, autocomplete, fixed query counts."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from deployments.admin import CountryAutocompleteSelect
from deployments.models import DisasterDeployment, ExpertDispatch
from editorial.admin import HistoryAdmin
from editorial.registry import edited_models
from library.models import Document, Image
from pages.models import Page, Section
from programs.models import AnnualFigure, Program, ProvisionalYear, Scheme

from .builders import make_many, make_page, make_section, many_deployments, many_dispatches
from .library_builders import make_document, make_image

pytestmark = pytest.mark.django_db

EDITED_MODELS = edited_models()


def test_every_model_with_a_history_is_an_edited_model():
    with_history = {model for model in apps.get_models() if hasattr(model, "history")}
    assert with_history == set(EDITED_MODELS)
    assert {
        Scheme,
        Program,
        AnnualFigure,
        ProvisionalYear,
        DisasterDeployment,
        ExpertDispatch,
        Page,
        Section,
        Image,
        Document,
    } == with_history


def test_every_edited_model_is_in_the_admin_with_its_history():
    for model in EDITED_MODELS:
        assert isinstance(admin.site._registry[model], HistoryAdmin), model


@pytest.mark.parametrize("model", EDITED_MODELS)
def test_every_editable_field_has_help_text(model):
    editable = [field for field in model._meta.fields if field.editable and not field.auto_created]
    assert len(editable) >= 2  # the fields were found (a provisional year has just two)
    missing = [field.name for field in editable if not str(field.help_text).strip()]
    assert missing == []


def many_pages(count):
    """`count` pages, every other one under the previous, each with two sections."""
    parent = None
    for number in range(count):
        page = make_page(f"Page {number}", parent=parent if number % 2 else None)
        make_section(page, heading="First")
        make_section(page, heading="Second")
        parent = page


def many_images(count):
    for number in range(count):
        make_image(name=f"Image {number}", size=(200, 100))


def many_documents(count):
    for number in range(count):
        make_document(f"Report {number}")


def test_program_and_scheme_are_chosen_by_autocomplete(staff_client):
    assert admin.site._registry[AnnualFigure].autocomplete_fields == ["program"]
    assert admin.site._registry[Program].autocomplete_fields == ["scheme"]
    html = staff_client.get(reverse("admin:programs_annualfigure_add")).content.decode()
    assert "admin-autocomplete" in html


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("admin:deployments_disasterdeployment_add", ["country"]),
        ("admin:deployments_expertdispatch_add", ["country", "beneficiary"]),
    ],
)
def test_countries_are_chosen_by_autocomplete(staff_client, url_name, fields):
    response = staff_client.get(reverse(url_name))
    form = response.context["adminform"].form
    for name in fields:
        assert isinstance(form.fields[name].widget, CountryAutocompleteSelect)
    html = response.content.decode()
    assert 'class="country-autocomplete"' in html
    assert "deployments/country_autocomplete.js" in html
    assert '<option value="TR">Türkiye</option>' in html


# The most queries each list page may run with 3 rows and with 60 (measured, then fixed):
# session, user, count, rows, filter choices and the history/permission look-ups.
LISTS = [
    # Programs and pages: one more, the count of unrecorded scheduled changes (the warning).
    ("admin:programs_program_changelist", lambda n: make_many(programs=n, years=3), 8),
    ("admin:programs_annualfigure_changelist", lambda n: make_many(programs=n, years=3), 7),
    ("admin:programs_scheme_changelist", lambda n: make_many(schemes=n, programs=1, years=1), 5),
    ("admin:deployments_disasterdeployment_changelist", many_deployments, 7),
    ("admin:deployments_expertdispatch_changelist", many_dispatches, 8),
    ("admin:pages_page_changelist", many_pages, 6),
    ("admin:pages_section_changelist", many_pages, 5),
    ("admin:library_image_changelist", many_images, 6),
    ("admin:library_document_changelist", many_documents, 5),
]


@pytest.mark.parametrize("size", [3, 60])
@pytest.mark.parametrize(("url_name", "build", "most"), LISTS)
def test_list_pages_run_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, url_name, build, most, size
):
    build(size)
    with django_assert_max_num_queries(most):
        assert staff_client.get(reverse(url_name)).status_code == 200


def test_figure_list_filters_by_year_and_deployments_by_decade(staff_client):
    make_many(programs=2, years=3, first_year=2018)
    response = staff_client.get(reverse("admin:programs_annualfigure_changelist") + "?year=2019")
    assert {figure.year for figure in response.context["cl"].result_list} == {2019}
    many_deployments(30)
    url = reverse("admin:deployments_disasterdeployment_changelist") + "?decade=1990"
    rows = staff_client.get(url).context["cl"].result_list
    assert rows and {row.year // 10 for row in rows} == {199}


@pytest.mark.parametrize(
    "model",
    ["programs_annualfigure", "deployments_disasterdeployment", "deployments_expertdispatch"],
)
def test_import_and_export_pages_open_and_explain_the_format(staff_client, model):
    html = staff_client.get(reverse(f"admin:{model}_import")).content.decode()
    assert "with or without a byte-order mark" in html
    assert '<option value="1">xlsx</option>' in html
    assert staff_client.get(reverse(f"admin:{model}_export")).status_code == 200
    changelist = staff_client.get(reverse(f"admin:{model}_changelist")).content.decode()
    assert reverse(f"admin:{model}_import") in changelist


@pytest.mark.parametrize("model", EDITED_MODELS)
def test_every_foreign_key_is_chosen_by_autocomplete(model):
    model_admin = admin.site._registry[model]
    admins = [model_admin, *model_admin.inlines]
    for each in admins:
        edited = each.model
        foreign_keys = {
            field.name for field in edited._meta.fields if field.many_to_one and field.editable
        }
        if each is not model_admin:  # an inline's link to its parent is set by the admin
            foreign_keys -= {
                field.name for field in edited._meta.fields if field.related_model is model
            }
        assert foreign_keys <= set(each.autocomplete_fields), each
        for target in {edited._meta.get_field(name).related_model for name in foreign_keys}:
            assert admin.site._registry[target].search_fields, target
