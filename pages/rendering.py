"""Section text: Markdown to HTML, cleaned by an allow-list, then live figures filled in.

Staff write Markdown; whatever HTML they (or a pasted snippet) put in is cleaned by nh3, so no
script, event attribute, style or javascript:/data: link reaches a visitor. Placeholders such as
`[[jdr.deployments]]` are filled in *after* cleaning, with escaped values, so a figure can never
smuggle markup in.
"""

import logging
import re

import markdown
import nh3
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
# "*": no attribute on other tags (nh3 would otherwise keep `title` and `lang` everywhere).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "*": set()}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# `[[jdr.deployments]]`; anything else between double brackets is an unknown figure, so that a
# mistyped name ("[[jdr deployments]]") is marked in the preview instead of printed as it is.
PLACEHOLDER = re.compile(r"\[\[\s*([^\[\]<>&\n]{0,80}?)\s*\]\]")


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


# A tag of the cleaned HTML: nh3 writes every attribute value quoted, with "<" and ">" escaped.
TAG = re.compile(r"<[^>]*>")


def fill_placeholders(html, figures, *, show_errors):
    """Replace `[[name]]` in already-safe HTML by the escaped live figure.

    An unknown name (or one without a value yet) is marked for staff, so the preview shows the
    mistake; visitors see nothing in its place, and the page never fails. Inside a tag (a link's
    address or title) a figure is written as plain escaped text and a mistake as nothing, so the
    marker can never break the markup.
    """

    def value_of(name):
        try:
            value = figures.resolve(name)
        except KeyError:
            logger.warning("Unknown live figure in a content page: %s", name)
            return None, _("Unknown figure: [[%(name)s]]") % {"name": name}
        if value is None or value == "":
            return None, _("No value yet: [[%(name)s]]") % {"name": name}
        # Plain str(), as the data pages print them (a year must not read 2,020).
        return str(value), None

    def in_text(match):
        value, problem = value_of(match.group(1))
        if problem is None:
            return escape(value)
        if show_errors:
            return format_html('<mark class="placeholder-error">{}</mark>', problem)
        return ""

    def in_attribute(match):
        value = value_of(match.group(1))[0] or ""
        # A figure is a number, a date or a country: never a scheme such as "javascript:".
        return "" if ":" in value else escape(value)

    html = str(html)
    parts, position = [], 0
    for tag in TAG.finditer(html):
        parts.append(PLACEHOLDER.sub(in_text, html[position : tag.start()]))
        parts.append(PLACEHOLDER.sub(in_attribute, tag[0]))
        position = tag.end()
    parts.append(PLACEHOLDER.sub(in_text, html[position:]))
    return mark_safe("".join(parts))


def render_markdown(text, figures, *, show_errors=False):
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return fill_placeholders(sanitise(html), figures, show_errors=show_errors)


def render_plain(text, figures, *, show_errors=False):
    """A heading or other one-line text: escaped, with placeholders filled in."""
    return fill_placeholders(escape(text), figures, show_errors=show_errors)
