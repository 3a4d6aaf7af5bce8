"""What is still to translate: rows with a text in one language only, and rows whose text in
one language was changed after the other language was last edited (from their history).

Adding a translation to a text is not a change of that language; changing a text that was
already there is. So a Japanese title added after the English one is fine, while an English
title rewritten after the Japanese was last edited asks for the Japanese to be checked.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from translated_fields import TranslatedField

from core.i18n import CONTENT_LANGUAGES, LANGUAGE_NAMES, other_language

from .registry import edited_models


def translated_names(model):
    """The texts of `model` kept in both languages: ["name", "description"]."""
    return [
        name
        for name in dir(model)
        if isinstance(getattr(model, name, None), TranslatedField) and not name.startswith("_")
    ]


@dataclass
class Problem:
    """One text of one row: missing in a language, or changed in one after the other."""

    field: str
    language: str  # the language to fix
    missing: bool
    changed_on: object = None  # when the other language changed (for a stale translation)
    edited_on: object = None  # when this language was last edited

    @property
    def language_name(self):
        return LANGUAGE_NAMES[self.language]

    @property
    def other_language_name(self):
        return LANGUAGE_NAMES[other_language(self.language)]


@dataclass
class Row:
    obj: object
    url: str
    problems: list = field(default_factory=list)


@dataclass
class ModelStatus:
    model: type
    rows: list = field(default_factory=list)

    @property
    def title(self):
        return self.model._meta.verbose_name_plural

    @property
    def key(self):
        return self.model._meta.model_name


def _label(model, name):
    """The text's name as staff know it from the form: "title", "summary"."""
    return getattr(model, name).short_description


def _missing(model, names):
    """{pk: [Problem]} for texts filled in one language and blank in the other: one query."""
    condition = Q()
    for name in names:
        for language in CONTENT_LANGUAGES:
            other = other_language(language)
            condition |= Q(**{f"{name}_{language}": ""}) & ~Q(**{f"{name}_{other}": ""})
    found = {}
    for row in model._default_manager.filter(condition).values("pk", *_columns(names)):
        for name in names:
            for language in CONTENT_LANGUAGES:
                if not row[f"{name}_{language}"] and row[f"{name}_{other_language(language)}"]:
                    problem = Problem(_label(model, name), language, missing=True)
                    found.setdefault(row["pk"], []).append(problem)
    return found


def _columns(names):
    return [f"{name}_{language}" for name in names for language in CONTENT_LANGUAGES]


def _stale(model, names):
    """{pk: [Problem]} for texts changed in one language after the other was last edited.

    Reads each row's versions oldest first (one query per model). A version that replaces an
    existing text in one language alone leaves the other language to check; a later version
    that edits the language to check (or both) settles it. Rows deleted since are left out.
    """
    history = model.history.model.objects.order_by("id", "history_date", "history_id")
    columns = _columns(names)
    current, alive, last_edit, to_check = {}, {}, {}, {}
    for record in history.values("id", "history_date", "history_type", *columns):
        pk = record["id"]
        alive[pk] = record["history_type"] != "-"
        before = current.get(pk, {})
        for name in names:
            edited = {
                language: before.get(f"{name}_{language}", "") != record[f"{name}_{language}"]
                for language in CONTENT_LANGUAGES
            }
            for language in CONTENT_LANGUAGES:
                if edited[language]:
                    last_edit[pk, name, language] = record["history_date"]
            pending = to_check.get((pk, name))
            if pending and edited[pending[0]]:
                to_check.pop((pk, name))  # the language to check was edited: settled
            elif list(edited.values()).count(True) == 1:
                changed = next(language for language, done in edited.items() if done)
                if before.get(f"{name}_{changed}"):  # replaced, not added
                    to_check[pk, name] = (other_language(changed), record["history_date"])
        current[pk] = record
    found = {}
    for (pk, name), (language, changed_on) in to_check.items():
        values = current[pk]
        if not alive[pk] or not (values[f"{name}_en"] and values[f"{name}_ja"]):
            continue  # deleted, or a text missing in one language: listed as missing
        edited_on = last_edit.get((pk, name, language))
        problem = Problem(_label(model, name), language, False, changed_on, edited_on)
        found.setdefault(pk, []).append(problem)
    return found


def translation_status(user=None):
    """[ModelStatus] of every edited model with texts in two languages, rows needing work."""
    statuses = []
    for model in edited_models():
        names = sorted(translated_names(model))
        if not names:
            continue
        opts = model._meta
        if user is not None and not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        problems = _missing(model, names)
        for pk, stale in _stale(model, names).items():
            problems.setdefault(pk, []).extend(stale)
        objects = model._default_manager.in_bulk(list(problems))
        rows = [
            Row(
                obj=objects[pk],
                url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]),
                problems=problems[pk],
            )
            for pk in sorted(problems)
            if pk in objects
        ]
        statuses.append(ModelStatus(model=model, rows=rows))
    return statuses


TITLE = _("Translation status")
