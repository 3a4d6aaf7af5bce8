"""A chooser with search (autocomplete) sent a value that cannot be an id is a form error.

Django's autocomplete widgets look the submitted value up again to redisplay it, and a value
such as "abc" made that lookup fail with a 500 instead of showing the form with its error."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.builders import make_page

pytestmark = pytest.mark.django_db


def admins_with_autocomplete():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model_admin.autocomplete_fields
    ]


def test_some_admins_have_autocomplete_fields():
    assert len(admins_with_autocomplete()) >= 4


@pytest.mark.parametrize(
    ("model", "model_admin"),
    admins_with_autocomplete(),
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_a_value_that_is_no_id_in_an_autocomplete_field_is_a_form_error(
    staff_client, model, model_admin
):
    opts = model._meta
    data = {}
    for name in model_admin.autocomplete_fields:
        data[name] = ["abc"] if opts.get_field(name).many_to_many else "abc"
    response = staff_client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(model_admin.autocomplete_fields) <= set(errors)


def test_a_value_that_is_no_id_in_a_sections_autocomplete_field_is_a_form_error(staff_client):
    page = make_page("Reports")
    response = staff_client.get(reverse("admin:pages_page_change", args=[page.pk]))
    assert response.status_code == 200
    data = {
        key: value
        for key, value in response.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    formset = next(inline.formset for inline in response.context["inline_admin_formsets"])
    prefix = formset.prefix
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-0-order": "10",
            f"{prefix}-0-heading_en": "Reports",
            f"{prefix}-0-scheme": "abc",
            f"{prefix}-0-image": "abc",
            f"{prefix}-0-documents": ["abc"],
        }
    )
    response = staff_client.post(reverse("admin:pages_page_change", args=[page.pk]), data)
    assert response.status_code == 200
    section_errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert {"scheme", "image", "documents"} <= set(section_errors)
