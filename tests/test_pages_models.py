"""Rules of content pages and sections, on the form level (full_clean) and in the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pages.models import Block, Page, Section, Status
from tests.builders import make_page, make_scheme, make_section

pytestmark = pytest.mark.django_db


def test_nested_page_address_follows_its_parents():
    parent = make_page("International cooperation", slug="international-cooperation")
    child = make_page("Technical assistance", slug="technical-assistance", parent=parent)
    assert child.path == "international-cooperation/technical-assistance"
    assert child.get_absolute_url() == "/en/international-cooperation/technical-assistance/"


def test_renaming_a_parent_moves_its_descendants():
    parent = make_page("Cooperation", slug="cooperation")
    child = make_page("Experts", parent=parent)
    grandchild = make_page("Indonesia", parent=child)
    parent.slug = "international-cooperation"
    parent.save()
    grandchild.refresh_from_db()
    assert grandchild.path == "international-cooperation/experts/indonesia"
    assert grandchild.get_absolute_url() == "/en/international-cooperation/experts/indonesia/"


@pytest.mark.parametrize("slug", ["programs", "deployments", "countries", "search", "admin"])
def test_top_level_slug_cannot_hide_a_data_address(slug):
    page = Page(title="Clash", slug=slug, status=Status.DRAFT)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        page.save()


def test_reserved_slug_is_allowed_below_a_parent():
    parent = make_page("About")
    page = Page(title="Our programs", slug="programs", parent=parent)
    page.full_clean()
    page.save()
    assert page.get_absolute_url() == "/en/about/programs/"


def test_slug_is_unique_among_siblings_only():
    first, second = make_page("First"), make_page("Second")
    make_page("History", parent=first)
    make_page("History", parent=second)  # a cousin may share the slug
    clash = Page(title="History again", slug="history", parent=first)
    with pytest.raises(ValidationError):
        clash.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()


def test_top_level_slug_is_unique():
    make_page("About")
    clash = Page(title="About 2", slug="about")
    with pytest.raises(ValidationError):
        clash.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()


def test_a_page_cannot_be_moved_under_its_own_descendant():
    top = make_page("Top")
    middle = make_page("Middle", parent=top)
    top.parent = middle
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict


def test_a_page_cannot_be_its_own_parent_in_the_database():
    page = make_page("Loop")
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.filter(pk=page.pk).update(parent=page)


def test_nesting_depth_is_limited():
    page = None
    for level in range(4):
        page = make_page(f"Level {level}", parent=page)
    too_deep = Page(title="Level 4", slug="level-4", parent=page)
    with pytest.raises(ValidationError) as error:
        too_deep.full_clean()
    assert "parent" in error.value.message_dict


def test_published_needs_every_ancestor_published():
    draft_parent = make_page("Draft parent", status=Status.DRAFT)
    child = make_page("Child", parent=draft_parent)
    assert child not in Page.objects.published()
    draft_parent.status = Status.PUBLISHED
    draft_parent.save()
    assert child in Page.objects.published()


def test_programs_table_needs_a_scheme_and_only_it_has_one():
    page = make_page()
    without_scheme = Section(page=page, heading="Table", block=Block.PROGRAMS_TABLE)
    with pytest.raises(ValidationError) as error:
        without_scheme.full_clean()
    assert "scheme" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        without_scheme.save()
    stray_scheme = Section(
        page=page, heading="List", block=Block.EXPERT_DISPATCHES, scheme=make_scheme()
    )
    with pytest.raises(ValidationError):
        stray_scheme.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        stray_scheme.save()


def test_empty_section_is_refused():
    page = make_page()
    empty = Section(page=page, heading="", body="", block="")
    with pytest.raises(ValidationError):
        empty.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        empty.save()


def test_sections_keep_their_order():
    page = make_page()
    make_section(page, heading="Second", order=20)
    make_section(page, heading="First", order=10)
    assert [section.heading for section in page.sections.all()] == ["First", "Second"]


def test_page_and_section_keep_history():
    page = make_page()
    section = make_section(page)
    page.title = "Renamed"
    page.save()
    assert page.history.count() == 2
    assert section.history.count() == 1


def test_page_addresses_resolve_exactly_as_deep_as_pages_may_nest():
    from django.urls import Resolver404, resolve

    from pages.models import MAX_DEPTH

    deepest = "/en/" + "/".join(f"level{n}" for n in range(MAX_DEPTH)) + "/"
    assert resolve(deepest).view_name == "pages:page"
    with pytest.raises(Resolver404):
        resolve("/en/" + "/".join(f"level{n}" for n in range(MAX_DEPTH + 1)) + "/")


def test_the_admin_address_is_reserved_wherever_it_is_configured(settings):
    settings.ADMIN_URL = "staff-7f3a/"
    page = Page(title="Staff", slug="staff-7f3a", status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict
    Page(title="Sub", slug="staff-7f3a", parent=make_page("Top")).full_clean()  # not top-level
