"""The base models every data app shares: the slug made from the name and the timestamp pair."""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from core.models import SlugFromNameMixin, TimeStampedModel
from programs.models import Program, Scheme

from .builders import default_scheme

pytestmark = pytest.mark.django_db

SLUGGED = [Scheme, Program]


def build(model, name, **fields):
    if model is Program:
        fields.setdefault("scheme", default_scheme())
    return model(name=name, **fields)


@pytest.mark.parametrize("model", SLUGGED)
def test_slug_is_made_from_the_name_and_kept_unique(model):
    first, second = build(model, "Cyber crime"), build(model, "Cyber-crime!")
    first.save()
    second.save()
    assert (first.slug, second.slug) == ("cyber-crime", "cyber-crime-2")


@pytest.mark.parametrize("model", SLUGGED)
def test_a_name_without_letters_gets_the_models_fallback_slug(model):
    row = build(model, "!!!")
    row.save()
    assert row.slug == model.slug_fallback == model._meta.model_name


@pytest.mark.parametrize("model", SLUGGED)
def test_clean_fills_in_the_slug_so_the_form_shows_it(model):
    row = build(model, "Community Policing")
    row.full_clean()
    assert row.slug == "community-policing"


@pytest.mark.parametrize("model", SLUGGED)
def test_clean_without_a_name_reports_the_name_not_a_made_up_slug(model):
    row = build(model, "")
    with pytest.raises(Exception) as error:
        row.full_clean()
    assert "name" in error.value.message_dict
    assert row.slug == ""


@pytest.mark.parametrize("model", SLUGGED)
def test_a_given_slug_is_kept(model):
    row = build(model, "Community Policing", slug="koban")
    row.save()
    row.name = "Renamed"
    row.save()
    row.refresh_from_db()
    assert row.slug == "koban"


@pytest.mark.parametrize("model", SLUGGED)
def test_database_refuses_a_blank_slug(model):
    row = build(model, "Community Policing")
    row.save()
    with pytest.raises(IntegrityError, match="slug_not_empty"), transaction.atomic():
        model.objects.filter(pk=row.pk).update(slug="")


def test_the_slug_rule_keeps_its_constraint_names():
    names = {c.name for model in SLUGGED for c in model._meta.constraints}
    assert {"programs_scheme_slug_not_empty", "programs_program_slug_not_empty"} <= names
    assert all(issubclass(model, SlugFromNameMixin) for model in SLUGGED)


def test_every_timestamp_pair_has_one_wording():
    stamped = [
        model
        for model in apps.get_models()
        if issubclass(model, TimeStampedModel)
        or {"created_at", "updated_at"} <= {f.name for f in model._meta.concrete_fields}
    ]
    assert len(stamped) >= 6  # schemes, programs, figures, deployments, dispatches, pages
    wordings = {
        (
            str(model._meta.get_field("created_at").verbose_name),
            str(model._meta.get_field("updated_at").verbose_name),
            str(model._meta.get_field("updated_at").help_text),
        )
        for model in stamped
    }
    assert wordings == {
        (
            "created",
            "last updated",
            "When this row was last saved; the public pages show it as “last updated”.",
        )
    }
