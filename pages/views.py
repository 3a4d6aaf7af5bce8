"""Content pages, the home page and search."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.figures import LiveFigures

from .blocks import render_block
from .models import HOME_SLUG, Page
from .navigation import menu_items
from .rendering import render_markdown, render_plain
from .search import MAX_TERMS, SearchForm, search_terms
from .search import search as run_search


def rendered_sections(request, page, figures):
    """Each section's heading, text and block as safe HTML: one query for all sections."""
    show_errors = request.user.is_staff
    return [
        {
            "anchor": section.anchor,
            "heading": render_plain(section.heading, figures, show_errors=show_errors),
            "body": render_markdown(section.body, figures, show_errors=show_errors),
            "block": render_block(section, figures),
        }
        for section in page.sections.select_related("scheme")
    ]


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
