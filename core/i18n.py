"""Text that staff write in both languages, kept on one record.

A `TranslatedText` field is one column per language (django-translated-fields): `title_en`, the
column the site always had (renamed, so its data stays), and `title_ja`, always optional.
English stays as required as it was. Reading `page.title` gives the active language's text, or
the other language's when that one is blank, so a plain `{{ page.title }}` is never empty.

Where a visitor should see that a text is not translated yet, templates use
`{% translated page "title" %}` (core/templatetags/translated.py) and Python code
`translated_html()`: the other language's text marked with its own `lang` attribute, followed
by a short note, 「（未翻訳）」 on a Japanese page. A heading is never empty while either
language has its text.

One record holds both languages, so history (django-simple-history copies both columns),
revert, import and export stay per record.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from translated_fields import TranslatedField, to_attribute

# The language every record has (the site's data began in English) and the other one.
SOURCE_LANGUAGE = "en"
CONTENT_LANGUAGES = ("en", "ja")
LANGUAGE_NAMES = {"en": _("English"), "ja": _("Japanese")}


def content_language(language=None):
    """The content language for `language` (default: the active one): "ja-jp" -> "ja"."""
    code = (language or get_language() or settings.LANGUAGE_CODE).lower().split("-")[0]
    return code if code in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def other_language(language):
    return next(code for code in CONTENT_LANGUAGES if code != language)


def _read_with_fallback(name, field):
    def getter(obj):
        language = content_language()
        value = getattr(obj, to_attribute(name, language))
        return value or getattr(obj, to_attribute(name, other_language(language)))

    return getter


def _write_active_language(name, field):
    def setter(obj, value):
        setattr(obj, to_attribute(name, content_language()), value)

    return setter


class TranslatedText(TranslatedField):
    """`<name>_en` as declared and `<name>_ja`, blank allowed and never unique on its own.

    A unique English name stays unique; the model adds a UniqueConstraint on the Japanese column
    with a condition that leaves blanks out (see `unique_when_filled`).
    """

    def __init__(self, field, specific=None):
        specific = {language: dict(kwargs) for language, kwargs in (specific or {}).items()}
        specific["ja"] = {"blank": True, "unique": False, **specific.get("ja", {})}
        for language in CONTENT_LANGUAGES:
            # "title (English)", "title (Japanese)": the admin labels of the two columns.
            specific.setdefault(language, {}).setdefault(
                "verbose_name",
                format_lazy(
                    _("{field} ({language})"),
                    field=field.verbose_name,
                    language=LANGUAGE_NAMES[language],
                ),
            )
        super().__init__(
            field,
            specific,
            languages=CONTENT_LANGUAGES,
            attrgetter=_read_with_fallback,
            attrsetter=_write_active_language,
        )


def unique_when_filled(column_name, message):
    """A UniqueConstraint on an optional column (`name_ja`) that lets many rows leave it blank."""
    return models.UniqueConstraint(
        fields=[column_name],
        condition=~models.Q(**{column_name: ""}),
        name=f"%(app_label)s_%(class)s_unique_{column_name}",
        violation_error_message=message,
    )


def columns(name):
    """The column names of a translated field: ["title_en", "title_ja"]."""
    return [to_attribute(name, language) for language in CONTENT_LANGUAGES]


def column(name, language=None):
    """The column of `name` in `language` (default: the active one): "title_ja"."""
    return to_attribute(name, content_language(language))


@dataclass(frozen=True)
class Shown:
    """A translated text as shown: the text, its language, and whether it is a fallback."""

    text: str
    language: str
    fallback: bool


def shown_text(obj, name, language=None):
    """What to show of `obj.<name>` in `language`: its own text, else the other language's.

    `name` may list several texts, "menu_label title": the first with text in the page's
    language wins; failing that, the first with text in the other language.
    """
    language = content_language(language)
    names = name.split()
    for wanted in (language, other_language(language)):
        for each in names:
            text = getattr(obj, to_attribute(each, wanted), "") or ""
            if text:
                return Shown(text, wanted, wanted != language)
    return Shown("", language, False)


# Written in the language of the page it appears on: 「（未翻訳）」 on a Japanese page.
NOT_TRANSLATED = _("(not translated yet)")


def not_translated_note(page_language):
    with override(page_language):
        return str(NOT_TRANSLATED)


def translated_html(obj, name, language=None, render=None, block=False):
    """The text of `obj.<name>` for the page; a fallback is marked with `lang` and a note.

    `render`, when given, turns the stored text into safe HTML (Markdown, live figures).
    `block` wraps a fallback in a <div> (for paragraphs) instead of a <span>. Empty in both
    languages gives "", so `{% if %}` around the result still works.
    """
    page_language = content_language(language)
    shown = shown_text(obj, name, page_language)
    if not shown.text:
        return ""
    body = render(shown.text) if render else shown.text
    if not shown.fallback:
        return format_html("{}", body)
    if block:
        return format_html(
            '<div lang="{}">{}</div><p class="not-translated">{}</p>',
            shown.language,
            body,
            not_translated_note(page_language),
        )
    return format_html(
        '<span lang="{}">{}</span> <small class="not-translated">{}</small>',
        shown.language,
        body,
        not_translated_note(page_language),
    )


def translated_plain(obj, name, language=None):
    """The text of `obj.<name>` where no markup can go (`<title>`, an SVG title, a feed's
    title): a fallback is followed by the note in plain text, 「About us（未翻訳）」, so the
    reader still learns why it is in the other language. Never empty while either language
    has its text."""
    page_language = content_language(language)
    shown = shown_text(obj, name, page_language)
    if not shown.fallback:
        return shown.text
    note = not_translated_note(page_language)
    # The Japanese note brings its own full-width brackets; the English one needs a space.
    return f"{shown.text}{note}" if page_language == "ja" else f"{shown.text} {note}"
