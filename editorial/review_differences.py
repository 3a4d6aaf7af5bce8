"""How a version under review differs from what the public reads: field by field (each
language's column on its own) and row by row for the inline rows, as staff read the values."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _

from .restore import instance_label
from .revert import shown_value
from .review import (
    current_snapshot,
    decode_onto,
    inline_models,
    is_published,
    proposed_fields,
    proposed_relations,
    spec_of,
)


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class RowChange:
    label: str
    kind: str  # "added", "removed" or "changed"
    fields: list = field(default_factory=list)


@dataclass
class Differences:
    """How a proposed version differs from the published one (None: never published)."""

    published: bool
    fields: list = field(default_factory=list)
    # [(verbose name plural, [RowChange])]
    rows: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.fields or any(changes for _name, changes in self.rows))


def _shown(instance, model_field):
    """A value as staff read it; yes or no for a box (not True or False)."""
    if isinstance(model_field, models.BooleanField):
        return _("yes") if getattr(instance, model_field.attname) else _("no")
    return shown_value(instance, model_field)


def _field_changes(model, before, after, exclude=()):
    """[FieldChange] between two {"fields": ...} (before may be None: everything is new)."""
    old = decode_onto(model(), before["fields"]) if before else None
    new = decode_onto(model(), after["fields"]) if after else None
    changes = []
    for f in proposed_fields(model):
        if f.name in exclude:
            continue
        was = before["fields"].get(f.attname) if before else None
        now = after["fields"].get(f.attname) if after else None
        if was == now:
            continue
        shown_was = _shown(old, f) if old is not None else ""
        shown_now = _shown(new, f) if new is not None else ""
        if shown_was or shown_now:
            changes.append(FieldChange(str(f.verbose_name), shown_was, shown_now))
    for f in proposed_relations(model):
        if f.name in exclude:
            continue
        was = before["fields"].get(f.name, []) if before else []
        now = after["fields"].get(f.name, []) if after else []
        if sorted(was) != sorted(now):
            changes.append(FieldChange(str(f.verbose_name), _names(f, was), _names(f, now)))
    return changes


def _names(model_field, ids):
    """The related rows' names, as staff read them (a section's documents by title)."""
    rows = model_field.related_model._default_manager.filter(pk__in=ids)
    return ", ".join(sorted(str(row) for row in rows))


def _row_changes(child, fk, before_rows, after_rows):
    before = {row["pk"]: row for row in before_rows}
    after_pks = {row["pk"] for row in after_rows}
    changes = []
    for row in after_rows:
        label = instance_label(decode_onto(child(), row["fields"]))
        if row["pk"] in before:
            fields = _field_changes(child, before[row["pk"]], row, exclude=[fk])
            if fields:
                changes.append(RowChange(label, "changed", fields))
        else:
            changes.append(RowChange(label, "added", _field_changes(child, None, row, [fk])))
    for pk, row in before.items():
        if pk not in after_pks:
            label = instance_label(decode_onto(child(), row["fields"]))
            changes.append(RowChange(label, "removed", _field_changes(child, row, None, [fk])))
    return changes


def differences(review):
    """The review's version against what the public reads now."""
    model = review.content_type.model_class()
    return differences_of(model._default_manager.get(pk=review.object_id), review.data)


def differences_of(obj, data=None):
    """`data` (default: `obj` as it stands) against what the public reads now: field by field,
    each language's column on its own, and row by row for the inline rows."""
    model = type(obj)
    current = current_snapshot(obj)
    published = is_published(obj)
    before = current if published else None
    after = data or current
    result = Differences(published=published)
    if not published:
        spec = spec_of(model)
        publish_field = model._meta.get_field(spec.publish_field)
        draft = _shown(obj, publish_field)
        setattr(obj, spec.publish_field, spec.published_value)
        result.fields.append(
            FieldChange(str(publish_field.verbose_name), draft, _shown(obj, publish_field))
        )
    result.fields += _field_changes(model, before, after)
    for child, fk in inline_models(model):
        label = child._meta.label_lower
        rows = _row_changes(
            child,
            fk,
            before["inlines"].get(label, []) if before else [],
            after["inlines"].get(label, []),
        )
        result.rows.append((child._meta.verbose_name_plural, rows))
    return result
