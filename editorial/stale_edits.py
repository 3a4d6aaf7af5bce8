"""Refusing a save made from a stale form, so that nobody's change is silently undone.

Two staff open the same record; the first saves, then the second saves from the older form,
which would put back every value the first changed. Each form therefore carries a version of
what it shows: the latest history id of the record and of each kind of inline row (a page's
sections, a program's figures), or of every row of a page like "Figures for one year". When
the form comes back, the version is read again; if it moved, nothing is saved, the form is
shown again with the user's own input, and the history says who changed what since.

The history (django-simple-history) is the version: every save of these models, from the
admin, an import, a revert or a restore, adds a history row, so no other column is needed.
A form sent without a version (an old page, a script) is not checked. Staff accounts and roles
have no history: their version is the admin log's (`LoggedInAdmin`).
"""

import functools
from dataclasses import dataclass, field

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .revert import UNCOMPARED_FIELDS

VERSION_FIELD = "edit_version"
# How many changes the message lists; the rest are counted.
LISTED_CHANGES = 10


@dataclass(frozen=True)
class Watched:
    """The rows of `model` matching `filters` (history fields), as one form shows them."""

    model: type
    filters: dict = field(default_factory=dict)

    def records(self):
        return self.model.history.filter(**self.filters)

    def mark(self):
        return self.records().aggregate(mark=Max("history_id"))["mark"] or 0

    def changes_after(self, mark):
        """[(when, sentence maker)] for each history row saved after `mark`."""
        records = self.records().filter(history_id__gt=mark).select_related("history_user")
        return [(record.history_date, functools.partial(describe, record)) for record in records]


@dataclass(frozen=True)
class LoggedInAdmin:
    """One row of a model without a history (a staff account, a role), as its change form
    shows it: its version is the latest admin log entry about it, which says who changed what.

    Only saves made in the admin are logged; those are the ones that could be undone by a
    stale form of the admin.
    """

    model: type
    pk: object

    def records(self):
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        return LogEntry.objects.filter(content_type=content_type, object_id=str(self.pk))

    def mark(self):
        return self.records().aggregate(mark=Max("pk"))["mark"] or 0

    def changes_after(self, mark):
        entries = self.records().filter(pk__gt=mark).select_related("user", "content_type")
        return [(entry.action_time, functools.partial(describe_entry, entry)) for entry in entries]


def version_of(watched):
    """The version of what a form shows, as the text its hidden field carries."""
    return ":".join(str(rows.mark()) for rows in watched)


def changes_since(watched, version):
    """What was saved since `version`, one sentence per change, oldest first."""
    try:
        marks = [int(part) for part in version.split(":")]
    except ValueError:
        marks = []
    if len(marks) != len(watched):
        marks = [0] * len(watched)  # not one of ours: every change is "since"
    changes = []
    for rows, mark in zip(watched, marks, strict=True):
        changes += rows.changes_after(mark)
    changes.sort(key=lambda change: change[0])
    # Only the listed ones are described: describing a change reads the row before it.
    sentences = [sentence() for _when, sentence in changes[:LISTED_CHANGES]]
    if len(changes) > LISTED_CHANGES:
        more = len(changes) - LISTED_CHANGES
        sentences.append(
            ngettext("…and %(count)d more change.", "…and %(count)d more changes.", more)
            % {"count": more}
        )
    return sentences


def describe(record):
    """One history row as a sentence: who did what to which row, and when."""
    opts = record.instance_type._meta
    values = {
        "user": record.history_user.get_username() if record.history_user else _("someone"),
        "thing": opts.verbose_name,
        "row": str(record.instance),
        "when": formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT"),
    }
    if record.history_type == "+":
        return _("%(user)s added the %(thing)s “%(row)s” (%(when)s).") % values
    if record.history_type == "-":
        return _("%(user)s deleted the %(thing)s “%(row)s” (%(when)s).") % values
    previous = record.prev_record
    names = []
    if previous is not None:
        delta = record.diff_against(
            previous,
            excluded_fields=[
                name for name in UNCOMPARED_FIELDS if any(f.name == name for f in opts.fields)
            ],
        )
        names = [str(opts.get_field(change.field).verbose_name) for change in delta.changes]
    if not names:
        return _("%(user)s saved the %(thing)s “%(row)s” (%(when)s).") % values
    values["fields"] = ", ".join(names)
    return _("%(user)s changed %(fields)s of the %(thing)s “%(row)s” (%(when)s).") % values


def describe_entry(entry):
    """One admin log entry as a sentence: who changed which row, what, and when."""
    values = {
        "user": entry.user.get_username(),
        "thing": entry.content_type.model_class()._meta.verbose_name,
        "row": entry.object_repr,
        "when": formats.date_format(timezone.localtime(entry.action_time), "DATETIME_FORMAT"),
        "what": entry.get_change_message(),
    }
    if entry.is_addition():
        return _("%(user)s added the %(thing)s “%(row)s” (%(when)s).") % values
    if entry.is_deletion():
        return _("%(user)s deleted the %(thing)s “%(row)s” (%(when)s).") % values
    if entry.change_message in ("", "[]"):  # saved without a change
        return _("%(user)s saved the %(thing)s “%(row)s” (%(when)s).") % values
    return _("%(user)s saved the %(thing)s “%(row)s” (%(when)s): %(what)s") % values


def refuse_if_stale(form, watched):
    """In a form's clean(): raise ValidationError naming the changes since the form's version.

    The form's hidden version is moved to today's, so that saving the re-shown form (after the
    user has merged their input with the changes) goes through.
    """
    name = form.add_prefix(VERSION_FIELD)
    if name not in form.data:
        return
    sent = form.data.get(name) or ""
    current = version_of(watched)
    if sent == current:
        return
    changes = changes_since(watched, sent)
    form.data = form.data.copy()
    form.data[name] = current
    raise ValidationError(
        [
            _(
                "Nothing was saved: this was changed since you opened this form. Your entries "
                "are still in the form below; compare them with these changes, then save "
                "again."
            ),
            *changes,
        ],
        code="stale",
    )


class VersionedForm(forms.Form):
    """A form's version alone, for pages that are not a single record's form (a formset)."""

    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, watched, **kwargs):
        super().__init__(*args, **kwargs)
        self.watched = watched
        if not self.is_bound:
            self.initial[VERSION_FIELD] = version_of(watched)

    def clean(self):
        cleaned = super().clean()
        refuse_if_stale(self, self.watched)
        return cleaned


def versioned_model_form(form_class, watched):
    """`form_class` (a ModelForm) carrying the version of `watched` and checking it on save."""

    class Versioned(form_class):
        edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.is_bound:
                self.initial[VERSION_FIELD] = version_of(watched)

        def clean(self):
            cleaned = super().clean()
            refuse_if_stale(self, watched)
            return cleaned

    Versioned.__name__ = form_class.__name__
    return Versioned
