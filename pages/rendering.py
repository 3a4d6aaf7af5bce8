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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

PLACEHOLDER = re.compile(r"\[\[\s*([A-Za-z0-9_.]{1,80})\s*\]\]")


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def fill_placeholders(html, figures, *, show_errors):
    """Replace `[[name]]` in already-safe HTML by the escaped live figure.

    An unknown name (or one without a value yet) is marked for staff, so the preview shows the
    mistake; visitors see nothing in its place, and the page never fails.
    """

    def replace(match):
        name = match.group(1)
        try:
            value = figures.resolve(name)
        except KeyError:
            logger.warning("Unknown live figure in a content page: %s", name)
            if show_errors:
                return format_html(
                    '<mark class="placeholder-error">{}</mark>',
                    _("Unknown figure: [[%(name)s]]") % {"name": name},
                )
            return ""
        if value is None or value == "":
            if show_errors:
                return format_html(
                    '<mark class="placeholder-error">{}</mark>',
                    _("No value yet: [[%(name)s]]") % {"name": name},
                )
            return ""
        # Plain str(), as the data pages print them (a year must not read 2,020).
        return escape(str(value))

    return mark_safe(PLACEHOLDER.sub(replace, str(html)))


def render_markdown(text, figures, *, show_errors=False):
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return fill_placeholders(sanitise(html), figures, show_errors=show_errors)


def render_plain(text, figures, *, show_errors=False):
    """A heading or other one-line text: escaped, with placeholders filled in."""
    return fill_placeholders(escape(text), figures, show_errors=show_errors)
