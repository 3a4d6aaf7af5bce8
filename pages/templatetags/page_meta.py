"""`{% block_text "title" %}`: the text of a block already defined for `<title>`, for OpenGraph.

Django allows each block once per template; this reads the most specific definition of a block
so that `og:title` and `og:description` repeat the page's title and description without every
template writing them twice.
"""

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    with context.push(block=block):
        rendered = block.nodelist.render(context)
    # Already escaped by the block's own rendering; tags and runs of whitespace dropped.
    return mark_safe(" ".join(strip_tags(rendered).split()))
