"""A deleted row comes back: from the recently deleted list, with the rows deleted with it.

django-simple-history keeps each deletion. A row is restored from it with its old id, so its
earlier versions stay attached, together with the rows its deletion cascaded to (a program's
figures, a page's sections). The models' validation runs first, so a row that would break a
rule or clash with a newer one stays deleted, with a message saying why. No admin code here:
editorial.admin is the thin layer staff click through.
"""

from datetime import timedelta

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CASCADE
from django.utils.translation import gettext as _

RECENTLY_DELETED_LIMIT = 200
# Rows deleted along with another (or saved along with it) are recorded within this time.
CASCADE_WINDOW = timedelta(seconds=5)


def validation_message(error):
    """A ValidationError as one sentence per problem, for an admin message."""
    if hasattr(error, "message_dict"):
        return " ".join(
            message for messages_ in error.message_dict.values() for message in messages_
        )
    return " ".join(error.messages)


def instance_label(instance):
    """A row's name, even when a row it names in __str__ (a figure's program) is gone too."""
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return f"{instance._meta.verbose_name} {instance.pk}"


def record_label(record):
    return instance_label(record.instance)


def attach_parents(instances):
    """Fetch the rows these instances point to in one query per foreign key (no N+1)."""
    if not instances:
        return
    for field in instances[0]._meta.concrete_fields:
        if not field.many_to_one:
            continue
        wanted = {getattr(instance, field.attname) for instance in instances} - {None}
        parents = field.related_model._default_manager.in_bulk(wanted)
        for instance in instances:
            parent = parents.get(getattr(instance, field.attname))
            if parent is not None:
                field.set_cached_value(instance, parent)


def check_parents_exist(instance):
    """A row cannot come back before the row it belongs to: say which one to restore first."""
    for field in instance._meta.concrete_fields:
        if not field.many_to_one:
            continue
        parent_pk = getattr(instance, field.attname)
        parents = field.related_model._default_manager
        if parent_pk is None or parents.filter(pk=parent_pk).exists():
            continue
        history = getattr(field.related_model, "history", None)
        last = (
            history.filter(**{field.related_model._meta.pk.attname: parent_pk})
            .order_by("-history_date")
            .first()
            if history
            else None
        )
        raise ValidationError(
            _("its %(parent)s “%(name)s” has been deleted too; restore that first.")
            % {
                "parent": field.verbose_name,
                "name": record_label(last) if last else parent_pk,
            }
        )


def restore_deleted(record, reason=None, user=None):
    """Bring back the row of historical `record` (a deletion) with its old primary key.

    Raises ValidationError when the row would break a rule or clash with a current row.
    `user` is recorded as who restored it (by default the request's user, through
    simple-history's middleware).
    """
    instance = record.instance
    instance._state.adding = True
    check_parents_exist(instance)
    instance.full_clean()
    instance._change_reason = reason or _("restored from the recently deleted list")
    if user is not None:
        instance._history_user = user
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
            # save() stamps a new creation time; the row was created when it first was.
            if hasattr(instance, "created_at"):
                type(instance)._default_manager.filter(pk=instance.pk).update(
                    created_at=record.created_at
                )
    except IntegrityError as error:
        raise ValidationError(
            _("This row cannot be restored because it clashes with a current row.")
        ) from error
    return instance


def deleted_with(record):
    """Deletions that the deletion `record` cascaded to (a program's figures, a page's sections).

    Django deletes such rows in the same moment as their parent; a few seconds' margin covers
    a slow delete of many rows.
    """
    model = record.instance_type
    moment = (record.history_date - CASCADE_WINDOW, record.history_date + CASCADE_WINDOW)
    found = []
    for relation in model._meta.related_objects:
        child_model = relation.related_model
        history = getattr(child_model, "history", None)
        if not relation.one_to_many or relation.on_delete is not CASCADE or history is None:
            continue
        pk_name = child_model._meta.pk.attname
        deletions = (
            history.filter(
                history_type="-",
                history_date__range=moment,
                **{relation.field.attname: getattr(record, model._meta.pk.attname)},
            )
            .exclude(**{f"{pk_name}__in": child_model._default_manager.values("pk")})
            .order_by("-history_date")
        )
        latest = {}
        for deletion in deletions:
            latest.setdefault(getattr(deletion, pk_name), deletion)
        found += latest.values()
    return found


@transaction.atomic
def restore_with_dependents(record, user=None):
    """Restore a row and, all or nothing, the rows deleted with it. Returns (row, count).

    Raises ValidationError, restoring nothing, when any of them cannot come back.
    """
    instance = restore_deleted(record, user=user)
    reason = _("restored with “%(parent)s”") % {"parent": instance}
    restored = 0
    pending = deleted_with(record)
    while pending:
        child = pending.pop()
        restore_deleted(child, reason, user)
        restored += 1
        pending += deleted_with(child)
    return instance, restored


def deleted_records(model, limit=RECENTLY_DELETED_LIMIT):
    """The latest deletion of each row of `model` still deleted, newest first (one query).

    Each record carries `label` (the row's name) and `owners` (the names of the rows it belonged
    to, a section's page, when those still exist).
    """
    opts = model._meta
    records = (
        model.history.filter(history_type="-")
        .exclude(**{f"{opts.pk.attname}__in": model._default_manager.values("pk")})
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    latest = {}
    for record in records:
        latest.setdefault(getattr(record, opts.pk.attname), record)
    instances = [record.instance for record in latest.values()]
    attach_parents(instances)
    owners = [
        f for f in opts.concrete_fields if f.many_to_one and f.remote_field.on_delete is CASCADE
    ]
    for record, instance in zip(latest.values(), instances, strict=True):
        record.label = instance_label(instance)
        record.owners = [
            str(owner.get_cached_value(instance)) for owner in owners if owner.is_cached(instance)
        ]
    return list(latest.values())
