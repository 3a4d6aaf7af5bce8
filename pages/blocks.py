"""Live data blocks: a section shows a table or list rendered exactly as its own data page does.

Each block calls the data page's own context function and partial template (reuse, not a copy),
with an id prefix of its own so several blocks on one page keep every element id unique. A
block is given no query parameters: `?sort=` on a content page changes no block, and the
block's filter form submits to the data page.
"""

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from deployments.views import disaster_relief_context, expert_dispatches_context
from programs.views import participants_charts_context, scheme_tables_context

from .models import Block

# The query parameters every block is built with: none.
NO_PARAMS = QueryDict()


def key_figures_context(figures):
    """The home page's key figures, also a block: every number computed by the live figures."""
    return {"figures": figures}


def _programs_table(section, prefix, figures):
    context = scheme_tables_context(NO_PARAMS, scheme=section.scheme)
    return "programs/includes/scheme_tables.html", context


def _participants_chart(section, prefix, figures):
    context = participants_charts_context(NO_PARAMS, id_prefix=prefix)
    return "programs/includes/participants_charts.html", context


def _disaster_relief(section, prefix, figures):
    context = disaster_relief_context(NO_PARAMS, auto_id=f"{prefix}%s")
    return "deployments/includes/disaster_relief_table.html", context


def _expert_dispatches(section, prefix, figures):
    context = expert_dispatches_context(NO_PARAMS, auto_id=f"{prefix}%s")
    return "deployments/includes/expert_dispatch_list.html", context


def _key_figures(section, prefix, figures):
    return "pages/includes/key_figures.html", key_figures_context(figures)


BLOCK_RENDERERS = {
    Block.PROGRAMS_TABLE: _programs_table,
    Block.PARTICIPANTS_CHART: _participants_chart,
    Block.DISASTER_RELIEF: _disaster_relief,
    Block.EXPERT_DISPATCHES: _expert_dispatches,
    Block.KEY_FIGURES: _key_figures,
}


def render_block(section, figures):
    """HTML of the section's block, or "" when it has none."""
    if not section.block:
        return ""
    prefix = f"{section.anchor}-"
    template, context = BLOCK_RENDERERS[section.block](section, prefix, figures)
    context["id_prefix"] = prefix
    return mark_safe(render_to_string(template, context))
