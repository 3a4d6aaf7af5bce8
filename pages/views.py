"""Content pages, the home page and search."""

from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.figures import LiveFigures
from core.i18n import translated_html

from .blocks import render_block
from .models import HOME_SLUG, Page, Section
from .navigation import menu_items
from .rendering import render_markdown, render_plain
from .search import MAX_TERMS, SearchForm, search_terms
from .search import search as run_search


def rendered_sections(request, page, figures):
    """Each section's heading, text, block, image and documents as safe HTML: one query for
    all sections with their images, and one more for the documents when any section has some."""
    show_errors = request.user.is_staff
    sections = list(
        page.sections.select_related("scheme", "image").annotate(
            has_documents=Exists(Section.documents.through.objects.filter(section=OuterRef("pk")))
        )
    )
    prefetch_related_objects(
        [section for section in sections if section.has_documents], "documents"
    )
    return [
        {
            "anchor": section.anchor,
            "heading": translated_html(
                section,
                "heading",
                render=lambda text: render_plain(text, figures, show_errors=show_errors),
            ),
            "body": translated_html(
                section,
                "body",
                render=lambda text: render_markdown(text, figures, show_errors=show_errors),
                block=True,
            ),
            "block": render_block(section, figures),
            "figure": section_figure(section),
            "documents": list(section.documents.all()) if section.has_documents else [],
        }
        for section in sections
    ]


def section_figure(section):
    """The section's image with its caption and credit (each marked when not translated)."""
    if section.image is None:
        return None
    return {
        "image": section.image,
        "caption": translated_html(section, "image_caption"),
        "credit": translated_html(section, "image_credit"),
    }


def _is_public(page, ancestors):
    return page.is_published and all(ancestor.is_published for ancestor in ancestors)


@require_safe
def home(request):
    figures = LiveFigures()
    intro = Page.objects.visible_to(request.user).filter(parent=None, slug=HOME_SLUG).first()
    context = {
        "figures": figures,
        "intro": intro,
        "sections": rendered_sections(request, intro, figures) if intro else [],
        "is_public": intro is None or intro.is_published,
        "links": [item for item in menu_items() if item.url != reverse("pages:home")],
    }
    if intro is not None:
        context["last_updated"] = intro.updated_at
    return render(request, "pages/home.html", context)


@require_safe
def page_detail(request, path):
    page = get_object_or_404(Page.objects.visible_to(request.user), path=path)
    if page.is_home:
        return redirect("pages:home", permanent=False)
    ancestors = page.ancestors()
    figures = LiveFigures()
    return render(
        request,
        "pages/page_detail.html",
        {
            "page": page,
            "ancestors": ancestors,
            "is_public": _is_public(page, ancestors),
            "sections": rendered_sections(request, page, figures),
            # Sub-pages with their summaries (drafts too for staff, marked): one query.
            "children": list(page.children.visible_to(request.user)),
            "last_updated": page.updated_at,
        },
    )


@require_safe
def search(request):
    """`?q=`: grouped results; an empty query explains itself, a bad one is a 400 with a message."""
    form = SearchForm(request.GET)
    groups, query, terms = [], "", []
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            terms = search_terms(query)
            groups = run_search(query)
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "total": sum(group.count for group in groups),
        "words_ignored": len(query.split()) > len(terms) and len(terms) == MAX_TERMS,
        "max_terms": MAX_TERMS,
    }
    return render(request, "pages/search.html", context, status=400 if form.errors else 200)
