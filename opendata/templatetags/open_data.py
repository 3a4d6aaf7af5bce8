"""`{% dataset_jsonld "training-program-figures" %}`: a dataset's schema.org JSON-LD block."""

import json

from django import template
from django.utils.safestring import mark_safe

from ..datasets import BY_SLUG, schema_org

register = template.Library()

# As django.utils.html.json_script: the JSON cannot close the element or open a comment.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def dataset_jsonld(context, slug):
    """A data block, not a script: browsers do not run it, so the Content Security Policy has
    nothing to refuse, and search engines read it. A view that has the coverage already puts it
    in the context as `dataset_coverage` (one query fewer)."""
    data = schema_org(context["request"], BY_SLUG[slug], context.get("dataset_coverage"))
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
