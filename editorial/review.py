"""Reviews at the model level: keep an Editor's version of a published item, submit it, approve
it (apply it and publish) or send it back, and show how it differs from what the public reads.

No admin code here (editorial.review_admin is the thin layer staff click through), so a shell or
a test can call every step. A proposed version is the item's editable fields and its inline rows
(a page's sections, a program's figures) as JSON: {"fields": {attname: value}, "inlines":
{child label: [{"pk": id or None, "fields": {...}}]}}; a row missing from the list is removed
on approval, a row without a pk is added.
"""

import json
from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import notifications
from .models import Review, ReviewState
from .registry import reviewed
from .restore import validation_message
from .revert import REASON_MAX_LENGTH, UNCOMPARED_FIELDS, record_as


class ReviewFailed(Exception):
    """A step that changed nothing; its message says why, for the person who tried it."""


def spec_of(model):
    spec = reviewed(model)
    if spec is None:
        raise ValueError(f"{model._meta.label} is not reviewed")
    return spec


def inline_models(model):
    """[(child model, foreign key name)] of the rows edited with `model`'s form."""
    return [(apps.get_model(label), fk) for label, fk in spec_of(model).inlines]


def proposed_fields(model):
    """What a proposed version carries: the fields staff edit, without the key, the
    timestamps, computed columns (a page's path) or the publish switch and window (a
    Publisher's call: approving publishes within the window the item has then)."""
    spec = reviewed(model)
    skipped = {*UNCOMPARED_FIELDS}
    if spec:
        skipped |= {spec.publish_field, *spec.publisher_fields}
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.editable and f.name not in skipped
    ]


def proposed_relations(model):
    """The many-to-many fields staff edit (a section's documents): a list of ids each."""
    return [f for f in model._meta.many_to_many if f.editable]


# On an instance: {many-to-many field name: [ids]} proposed for it, not saved.
PENDING_RELATIONS = "_review_relations"


def related_ids(instance, model_field):
    """The ids a many-to-many field of `instance` holds in a proposal, else in the database."""
    pending = getattr(instance, PENDING_RELATIONS, {})
    if model_field.name in pending:
        return sorted(pending[model_field.name])
    if instance.pk is None:
        return []
    manager = model_field.related_model._default_manager
    rows = manager.filter(**{model_field.related_query_name(): instance.pk})
    return sorted(rows.values_list("pk", flat=True))


def set_proposed_relations(instance, relations):
    """Keep {field name: [ids]} on `instance` for the proposal, and for a form showing it."""
    pending = getattr(instance, PENDING_RELATIONS, {})
    setattr(instance, PENDING_RELATIONS, {**pending, **relations})
    if instance.pk is not None:
        cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
        for f in proposed_relations(type(instance)):
            if f.name in relations:
                manager = f.related_model._default_manager
                cache[f.name] = manager.filter(pk__in=relations[f.name])
    return instance


def _encode(instance):
    model = type(instance)
    values = {f.attname: f.value_from_object(instance) for f in proposed_fields(model)}
    values.update({f.name: related_ids(instance, f) for f in proposed_relations(model)})
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def decode_onto(instance, values):
    model = type(instance)
    for f in proposed_fields(model):
        if f.attname in values:
            setattr(instance, f.attname, f.to_python(values[f.attname]))
    relations = {f.name: values[f.name] for f in proposed_relations(model) if f.name in values}
    if relations:
        set_proposed_relations(instance, relations)
    return instance


def snapshot(instance, inline_rows):
    """A proposed version: `instance`'s fields and {child label: [row instances]}."""
    return {
        "fields": _encode(instance),
        "inlines": {
            label: [{"pk": row.pk, "fields": _encode(row)} for row in rows]
            for label, rows in inline_rows.items()
        },
    }


def current_rows(obj):
    return {
        child._meta.label_lower: list(child._default_manager.filter(**{fk: obj}).order_by("pk"))
        for child, fk in inline_models(type(obj))
    }


def current_snapshot(obj):
    return snapshot(obj, current_rows(obj))


def is_published(obj):
    """Whether the stored row (not this in-memory copy) is published."""
    spec = spec_of(type(obj))
    return (
        type(obj)
        ._default_manager.filter(pk=obj.pk, **{spec.publish_field: spec.published_value})
        .exists()
    )


def may_publish(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def open_review(obj):
    return Review.objects.open().of(obj).select_related("author", "reviewer").first()


def _reason(text):
    return Truncator(text).chars(REASON_MAX_LENGTH)


def record_step(obj, user, reason):
    """A history entry of `obj` as it stands, saying what happened to its review and who did
    it, without saving the row (its "last updated" date and the public pages stay as they are)."""
    model = type(obj)
    stored = model._default_manager.get(pk=obj.pk)
    model.history.bulk_history_create(
        [stored], update=True, default_user=user, default_change_reason=_reason(reason)
    )


@transaction.atomic
def save_pending(obj, data, user):
    """Keep `data` as the pending version of the published `obj`; the row stays untouched.

    Returns the open review, or None when nothing differs from the published version and no
    review was open.
    """
    review = open_review(obj)
    if review is None:
        if data == current_snapshot(type(obj)._default_manager.get(pk=obj.pk)):
            return None
        review = Review(item=obj, author=user)
    review.data = data
    review.save()
    return review


@transaction.atomic
def submit(obj, user, message, base_url=""):
    """Ask the Publishers to review `obj`: its pending version, or a draft as it stands."""
    review = open_review(obj)
    if review is None:
        if is_published(obj):
            raise ReviewFailed(
                _("Nothing to submit: there is no change to the published %(thing)s.")
                % {"thing": obj._meta.verbose_name}
            )
        review = Review(item=obj, author=user, data=None)
    review.state = ReviewState.SUBMITTED
    review.message = message
    review.comment = ""
    review.reviewer = None
    review.decided_at = None
    review.submitted_at = timezone.now()
    review.save()
    record_step(obj, user, _("submitted for review: %(message)s") % {"message": message})
    notifications.submitted(review, user, base_url)
    return review


def _locked(review):
    """The review and its item, locked until the transaction ends, or ReviewFailed."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state != ReviewState.SUBMITTED:
        raise ReviewFailed(_("This version is no longer awaiting review."))
    model = review.content_type.model_class()
    obj = model._default_manager.select_for_update().filter(pk=review.object_id).first()
    if obj is None:
        raise ReviewFailed(_("The item of this review has been deleted."))
    return review, obj


def _new_row(child, pk):
    """A row to add: with its old id when it is a deleted row put back (its history stays
    attached, as editorial.restore does) and the id is still free, else a new id."""
    if pk is not None and not child._default_manager.filter(pk=pk).exists():
        return child(pk=pk)
    return child()


def _apply_rows(child, fk, obj, rows, reason, user):
    """Remove the rows the version left out, then change and add, each with its history."""
    fk_attname = child._meta.get_field(fk).attname
    current = {row.pk: row for row in child._default_manager.filter(**{fk_attname: obj.pk})}
    kept = {row["pk"] for row in rows if row["pk"] in current}
    for pk, row in current.items():
        if pk not in kept:
            record_as(row, reason, user)
            row.delete()
    for values in rows:
        row = current.get(values["pk"]) or _new_row(child, values["pk"])
        decode_onto(row, values["fields"])
        setattr(row, fk_attname, obj.pk)
        row.full_clean()
        record_as(row, reason, user)
        row.save()
        for f in proposed_relations(child):
            if f.name in values["fields"]:
                # The proposal's ids, not a cached list of them: set() compares with the table.
                row.__dict__.get("_prefetched_objects_cache", {}).pop(f.name, None)
                getattr(row, f.name).set(values["fields"][f.name])


def apply(review, obj, user, reason):
    """Make `obj` what approving `review` makes it: its proposed version (if any), published.
    All or nothing; raises ReviewFailed when the version breaks a rule today."""
    spec = spec_of(type(obj))
    data = review.data
    try:
        with transaction.atomic():
            if data:
                decode_onto(obj, data["fields"])
            setattr(obj, spec.publish_field, spec.published_value)
            obj.full_clean()
            record_as(obj, reason, user)
            obj.save()
            if data:
                for child, fk in inline_models(type(obj)):
                    rows = data["inlines"].get(child._meta.label_lower, [])
                    _apply_rows(child, fk, obj, rows, reason, user)
    except ValidationError as error:
        raise ReviewFailed(
            _("Nothing was published: %(reason)s") % {"reason": validation_message(error)}
        ) from error
    except IntegrityError as error:
        raise ReviewFailed(_("Nothing was published: a row clashes with a current one.")) from error
    return obj


@transaction.atomic
def approve(review, user, base_url=""):
    """Publish the version under review; the item's history records who approved whose."""
    review, obj = _locked(review)
    author = review.author.get_username() if review.author else _("someone")
    apply(review, obj, user, _reason(_("approved %(author)s's version") % {"author": author}))
    review.state = ReviewState.APPROVED
    review.reviewer = user
    review.decided_at = timezone.now()
    review.save()
    notifications.decided(review, obj, base_url)
    return obj


@transaction.atomic
def send_back(review, user, comment, base_url=""):
    """Return the version to its Editor with `comment`; nothing is published."""
    comment = comment.strip()
    if not comment:
        raise ReviewFailed(_("Say what to change: a comment is needed to send a version back."))
    review, obj = _locked(review)
    review.state = ReviewState.SENT_BACK
    review.comment = comment
    review.reviewer = user
    review.decided_at = timezone.now()
    review.save()
    record_step(obj, user, _("sent back for changes: %(comment)s") % {"comment": comment})
    notifications.decided(review, obj, base_url)
    return review


@transaction.atomic
def discard(review, user):
    """Drop a pending version that is not under review; the published item stays as it is."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state not in (ReviewState.EDITING, ReviewState.SENT_BACK):
        raise ReviewFailed(_("Only a version that is not awaiting review can be discarded."))
    review.state = ReviewState.DISCARDED
    review.save()
    item = review.item
    if item is not None:
        record_step(item, user, _("pending version discarded"))
    return review


@contextmanager
def previewing(review, user):
    """The item as approving `review` would leave it, inside a transaction that is always
    rolled back: nothing is kept, no history, no cache invalidation, no mail."""
    with transaction.atomic():
        model = review.content_type.model_class()
        obj = model._default_manager.get(pk=review.object_id)
        # Shown as it will look once live, even before its publishing window opens.
        for name in spec_of(model).publisher_fields:
            if hasattr(obj, name):
                setattr(obj, name, None)
        apply(review, obj, user, "preview")
        try:
            yield obj
        finally:
            transaction.set_rollback(True)


def with_proposed_fields(obj, data):
    """`obj` (not saved) carrying the proposed values of its own fields."""
    return decode_onto(obj, data["fields"])


def proposed_rows(obj, data, child):
    """The proposed rows of `child` under `obj`: ([stored rows with the proposed values],
    [{field name: value} of each row to add]), for a form to show them."""
    fields = proposed_fields(child)
    stored = {
        row.pk: row
        for row in child._default_manager.filter(
            pk__in=[
                row["pk"] for row in data["inlines"].get(child._meta.label_lower, []) if row["pk"]
            ]
        )
    }
    existing, added = [], []
    for row in data["inlines"].get(child._meta.label_lower, []):
        if row["pk"] in stored:
            existing.append(decode_onto(stored[row["pk"]], row["fields"]))
        else:
            new = decode_onto(child(), row["fields"])
            initial = {
                f.name: getattr(new, f.attname) for f in fields if f.attname in row["fields"]
            }
            for f in proposed_relations(child):
                initial[f.name] = row["fields"].get(f.name, [])
            added.append(initial)
    return existing, added
