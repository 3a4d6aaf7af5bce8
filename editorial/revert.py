"""Revert a row to one of its versions, and its inline rows to how they were then.

A revert saves the version's values as the row's newest version, recorded with the reason
"reverted to the version of ..." (stored text, so written in the language of the person who
reverts). The rows shown inline under it (a page's sections, a program's figures) can be put
back too, all or nothing: an InlinePlan lists which rows to remove, change back or restore. No
admin code here: editorial.admin is the thin layer staff click through.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .restore import (
    CASCADE_WINDOW,
    instance_label,
    record_label,
    restore_deleted,
    validation_message,
)

# Bookkeeping fields that change on every save and would hide the real change.
UNCOMPARED_FIELDS = ("created_at", "updated_at")
# What the site itself keeps about a row, never a version's to put back: the scheduled times
# the publish_scheduled command has already recorded (and mailed about).
KEPT_ON_REVERT = ("recorded_publish_at", "recorded_unpublish_at")
# simple-history's history_change_reason column.
REASON_MAX_LENGTH = 100


@dataclass
class RowChange:
    """One inline row that a revert puts back: its label and [(field, now, then)]."""

    label: str
    instance: object = None
    record: object = None
    fields: list = dataclass_field(default_factory=list)


@dataclass
class InlinePlan:
    """What reverting a parent does to one kind of inline row (a page's sections...)."""

    model: type
    restore: list = dataclass_field(default_factory=list)
    change: list = dataclass_field(default_factory=list)
    remove: list = dataclass_field(default_factory=list)

    @property
    def verbose_name_plural(self):
        return self.model._meta.verbose_name_plural

    def __bool__(self):
        return bool(self.restore or self.change or self.remove)


class RevertFailed(Exception):
    """A revert that wrote nothing; its message says why, for the person reverting."""


def compared_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in UNCOMPARED_FIELDS
    ]


def shown_value(instance, model_field):
    """A field's value as staff read it: a related row's name rather than its id."""
    if model_field.many_to_one:
        try:
            value = getattr(instance, model_field.name)
        except ObjectDoesNotExist:
            value = getattr(instance, model_field.attname)
    elif model_field.choices:
        value = dict(model_field.flatchoices).get(getattr(instance, model_field.attname))
    else:
        value = getattr(instance, model_field.attname)
    return "" if value is None else str(value)


def kept_on_revert(model):
    """The fields of `model` a revert leaves at today's value, whoever reverts."""
    names = {f.name for f in model._meta.concrete_fields}
    return [name for name in KEPT_ON_REVERT if name in names]


def keep_current_values(instance):
    """Put today's values of the fields a revert never changes back on `instance`."""
    kept = kept_on_revert(type(instance))
    if not kept:
        return
    current = type(instance)._default_manager.filter(pk=instance.pk).values(*kept).first()
    for name, value in (current or {}).items():
        setattr(instance, name, value)


def field_differences(instance, record, kept=()):
    """[(field, value today, value in the version)] for each field a revert would change;
    the fields named in `kept`, and those no revert changes, stay at today's value."""
    kept = {*kept, *kept_on_revert(type(instance))}
    return [
        (model_field, shown_value(instance, model_field), shown_value(record, model_field))
        for model_field in compared_fields(type(instance))
        if model_field.name not in kept
        and getattr(instance, model_field.attname) != getattr(record, model_field.attname)
    ]


def version_cutoff(version):
    """The moment up to which inline rows belong to `version` of their parent.

    The admin saves a parent first and its inline rows a moment later, in the same request, so
    a version's rows are those as they stood a few seconds after it, or just before the
    parent's next version if that came sooner.
    """
    model = version.instance_type
    pk_name = model._meta.pk.attname
    following = (
        model.history.filter(
            **{pk_name: getattr(version, pk_name)}, history_date__gt=version.history_date
        )
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    cutoff = version.history_date + CASCADE_WINDOW
    return min(cutoff, following) if following else cutoff


def parent_key(child_model, parent_model, fk_name=None):
    """The foreign key by which rows of `child_model` belong to a `parent_model` row."""
    if fk_name:
        return child_model._meta.get_field(fk_name)
    return next(
        f
        for f in child_model._meta.concrete_fields
        if f.many_to_one and issubclass(parent_model, f.related_model)
    )


def inline_plan(child_model, version, fk_name=None):
    """The inline rows of `version`'s parent as they were then, against those of today."""
    foreign_key = parent_key(child_model, version.instance_type, fk_name)
    parent_pk = getattr(version, version.instance_type._meta.pk.attname)
    cutoff = version_cutoff(version)
    pk_name = child_model._meta.pk.attname
    history = child_model.history
    ever_here = history.filter(**{foreign_key.attname: parent_pk}, history_date__lt=cutoff)
    then = {}
    for record in history.filter(
        **{f"{pk_name}__in": ever_here.values(pk_name)}, history_date__lt=cutoff
    ).order_by("-history_date", "-history_id"):
        then.setdefault(getattr(record, pk_name), record)
    then = {
        pk: record
        for pk, record in then.items()
        if record.history_type != "-" and getattr(record, foreign_key.attname) == parent_pk
    }
    current = child_model._default_manager.in_bulk(
        list(then)
        + list(
            child_model._default_manager.filter(**{foreign_key.attname: parent_pk}).values_list(
                "pk", flat=True
            )
        )
    )
    plan = InlinePlan(child_model)
    for pk, instance in current.items():
        if pk not in then:
            plan.remove.append(RowChange(instance_label(instance), instance=instance))
    for pk, record in sorted(then.items()):
        instance = current.get(pk)
        if instance is None:
            plan.restore.append(RowChange(record_label(record), record=record))
            continue
        differences = field_differences(instance, record)
        if differences:
            plan.change.append(RowChange(instance_label(instance), instance, record, differences))
    return plan


def inline_plans(version, children):
    """What reverting to `version` does to its inline rows, for each (child model, fk name)
    in `children` that keeps a history; kinds of rows with nothing to do are left out."""
    plans = []
    for child_model, fk_name in children:
        if getattr(child_model, "history", None) is None:
            continue
        plan = inline_plan(child_model, version, fk_name)
        if plan:
            plans.append(plan)
    return plans


def record_as(instance, reason, user=None):
    """What the next history record of `instance` says: why, and who (by default the
    request's user, which simple-history's middleware records)."""
    instance._change_reason = reason
    if user is not None:
        instance._history_user = user


def apply_inline_plan(plan, reason, user=None):
    """Remove, change, then restore, so a row's old place is free before it comes back."""
    for row in plan.remove:
        record_as(row.instance, reason, user)
        row.instance.delete()
    for row in plan.change:
        for model_field, _now, _then in row.fields:
            setattr(row.instance, model_field.attname, getattr(row.record, model_field.attname))
        row.instance.full_clean()
        record_as(row.instance, reason, user)
        row.instance.save()
    for row in plan.restore:
        restore_deleted(row.record, reason, user)


def revert_reason(version, note=""):
    """The change reason of a revert to `version`, in the active language and the site's
    time zone (as the history list shows the version), followed by the reverter's own note."""
    reason = _("reverted to the version of %(date)s") % {
        "date": formats.date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")
    }
    if note:
        reason = _("%(revert)s: %(note)s") % {"revert": reason, "note": note}
    return Truncator(reason).chars(REASON_MAX_LENGTH)


@transaction.atomic
def revert(version, *, instance=None, plans=(), user=None, note=""):
    """Make `version` the current state of its row, and of its inline rows as `plans` (from
    inline_plans()) say, all or nothing; each row's history records a revert. Returns the row.

    `instance` is the row to save: by default `version`'s own values, checked by full_clean()
    here; the admin passes its form's instance, already checked by the form (with the fields
    its user may not change kept at today's values). Raises ValidationError when the version
    breaks a rule today, RevertFailed when an inline row cannot be put back. `note` is the
    reverter's own reason, added to the recorded one.
    """
    if instance is None:
        instance = version.instance
        instance._state.adding = False  # the row exists: an update, not a second row
        instance.full_clean()
    # Else a revert to before a go-live would have the command record and mail it again.
    keep_current_values(instance)
    reason = revert_reason(version, note)
    record_as(instance, reason, user)
    instance.save()
    for plan in plans:
        try:
            apply_inline_plan(plan, reason, user)
        except (ValidationError, IntegrityError) as error:
            why = (
                validation_message(error)
                if isinstance(error, ValidationError)
                else _("a row clashes with a current one.")
            )
            raise RevertFailed(
                _("Nothing was reverted: the %(things)s cannot be put back: %(reason)s")
                % {"things": plan.verbose_name_plural, "reason": why}
            ) from error
    return instance
