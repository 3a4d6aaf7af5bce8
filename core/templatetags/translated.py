"""`{% translated obj "name" %}`: a text kept in both languages, in the page's language.

Where the page's language has no text yet, the other language's text is shown inside an
element with its own `lang` attribute, followed by a short "(not translated yet)" note in the
page's language (core.i18n.translated_html). `{% translated obj "name" block=True %}` wraps
paragraphs in a <div>; `"menu_label title"` takes the first text that exists; `as var` keeps
the result for a `{% blocktranslate %}` sentence.

`{% translated_plain obj "name" %}` is for places that take no markup (`<title>`): a fallback
is followed by the note in plain text.
"""

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from core.i18n import translated_html
from core.i18n import translated_plain as plain_text

register = template.Library()


@register.simple_tag
def translated(obj, name, block=False, paragraphs=False):
    """`paragraphs=True` shows line breaks as paragraphs (`linebreaks`), for descriptions."""
    # linebreaks() escapes the text itself but returns a plain str: mark it safe, or its <p>
    # tags would be escaped once more and shown as text.
    render = (lambda text: mark_safe(linebreaks(text, autoescape=True))) if paragraphs else None
    return translated_html(obj, name, render=render, block=block or paragraphs)


@register.simple_tag
def translated_plain(obj, name):
    return plain_text(obj, name)
