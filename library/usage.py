"""Which pages use a library file: for the admin's list and the refusal to delete."""

from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def pages_using(images=(), documents=()):
    """The pages whose sections show one of `images` or list one of `documents`."""
    from pages.models import Page

    return (
        Page.objects.filter(sections__image__in=list(images))
        | Page.objects.filter(sections__documents__in=list(documents))
    ).distinct()


def page_links(pages):
    """Each page as a link to its change form, for the admin's delete refusal."""
    return [
        format_html(
            '{}: <a href="{}">{}</a>',
            _("Used on the page"),
            reverse("admin:pages_page_change", args=[page.pk]),
            page.title,
        )
        for page in pages
    ]


def refuse_deleting_used_document(sender, instance, **kwargs):
    """pre_delete: a document that a section lists is not deleted, by any path (the sections'
    link table would otherwise drop it silently)."""
    pages = list(pages_using(documents=[instance]))
    if pages:
        raise ProtectedError(
            _("The document “%(document)s” is used on: %(pages)s.")
            % {"document": instance, "pages": ", ".join(str(page) for page in pages)},
            set(instance.sections.all()),
        )
