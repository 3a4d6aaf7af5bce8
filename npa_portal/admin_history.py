"""Every edit can be seen, compared and undone: history, revert and restore in the admin.

django-simple-history records each save and delete. This admin base adds what staff need on
top: the changed fields of every version side by side (old -> new), "revert to this version"
with a recorded reason, and a "recently deleted" list per model from which a row comes back
with its old id, so its history joins up. Revert and restore both run the model's validation,
so neither can bring back a row that breaks a rule or clashes with a newer one.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CASCADE
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

# Bookkeeping fields that change on every save and would hide the real change.
UNCOMPARED_FIELDS = ("created_at", "updated_at")
RECENTLY_DELETED_LIMIT = 200
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


def restore_deleted(record, reason=None):
    """Bring back the row of historical `record` (a deletion) with its old primary key.

    Raises ValidationError when the row would break a rule or clash with a current row.
    """
    instance = record.instance
    instance._state.adding = True
    check_parents_exist(instance)
    instance.full_clean()
    instance._change_reason = reason or _("restored from the recently deleted list")
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
def restore_with_dependents(record):
    """Restore a row and, all or nothing, the rows deleted with it. Returns (row, count)."""
    instance = restore_deleted(record)
    reason = _("restored with “%(parent)s”") % {"parent": instance}
    restored = 0
    pending = deleted_with(record)
    while pending:
        child = pending.pop()
        restore_deleted(child, reason)
        restored += 1
        pending += deleted_with(child)
    return instance, restored


class HistoryAdmin(SimpleHistoryAdmin):
    """Base of every editable model's admin: history compare, revert, recently deleted, restore."""

    change_list_template = "admin/editorial/change_list.html"
    object_history_list_template = "admin/editorial/object_history_list.html"
    recently_deleted_template = "admin/editorial/recently_deleted.html"

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        return [
            path(
                "recently-deleted/",
                self.admin_site.admin_view(self.recently_deleted_view),
                name=self._url_name("recently_deleted"),
            ),
            path(
                "restore/<int:history_id>/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name=self._url_name("restore"),
            ),
            *super().get_urls(),
        ]

    def has_restore_permission(self, request):
        """Restoring undoes a deletion, so it belongs to those who may delete."""
        return self.has_add_permission(request) and self.has_delete_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "recently_deleted_url": reverse(f"admin:{self._url_name('recently_deleted')}"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Like simple-history's, but without the timestamps that change on every save."""
        records = list(historical_records)
        for newer, older in zip(records, records[1:], strict=False):
            delta = newer.diff_against(
                older,
                excluded_fields=[
                    name
                    for name in UNCOMPARED_FIELDS
                    if any(f.name == name for f in self.model._meta.fields)
                ],
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    def history_view(self, request, object_id, extra_context=None):
        exists = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        extra_context = {
            "object_deleted": not exists,
            "recently_deleted_url": reverse(f"admin:{self._url_name('recently_deleted')}"),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert; a deleted row is brought back from the recently deleted list instead."""
        if not self.model._default_manager.filter(pk=unquote(object_id)).exists():
            self.message_user(
                request,
                _("This record has been deleted. Restore it from the list below."),
                messages.WARNING,
            )
            return redirect(f"admin:{self._url_name('recently_deleted')}")
        request.reverting_to = self.model.history.filter(
            **{self.opts.pk.attname: unquote(object_id)}, history_id=unquote(version_id)
        ).first()
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        version = getattr(request, "reverting_to", None)
        if version is not None:
            obj._change_reason = _("reverted to the version of %(date)s") % {
                "date": formats.date_format(version.history_date, "DATETIME_FORMAT")
            }
        super().save_model(request, obj, form, change)

    def deleted_records(self):
        """The latest deletion of each row that is still deleted, newest first (one query)."""
        history = self.model.history
        records = (
            history.filter(history_type="-")
            .exclude(**{f"{self.opts.pk.attname}__in": self.model._default_manager.values("pk")})
            .select_related("history_user")
            .order_by("-history_date")[:RECENTLY_DELETED_LIMIT]
        )
        latest = {}
        for record in records:
            latest.setdefault(getattr(record, self.opts.pk.attname), record)
        instances = [record.instance for record in latest.values()]
        attach_parents(instances)
        for record, instance in zip(latest.values(), instances, strict=True):
            record.label = instance_label(instance)
        return list(latest.values())

    def recently_deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Recently deleted %(things)s") % {"things": self.opts.verbose_name_plural},
            "records": self.deleted_records(),
            "can_restore": self.has_restore_permission(request),
            "restore_url_name": f"admin:{self._url_name('restore')}",
            "history_url_name": f"admin:{self._url_name('history')}",
        }
        return TemplateResponse(request, self.recently_deleted_template, context)

    def restore_view(self, request, history_id):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        record = self.model.history.filter(history_id=history_id, history_type="-").first()
        if record is None:
            raise Http404(_("No such deletion."))
        try:
            instance, dependents = restore_with_dependents(record)
        except ValidationError as error:
            self.message_user(
                request,
                _("“%(row)s” was not restored: %(reason)s")
                % {"row": record_label(record), "reason": validation_message(error)},
                messages.ERROR,
            )
            return redirect(f"admin:{self._url_name('recently_deleted')}")
        self.log_addition(request, instance, [{"added": {}}])
        message = _("“%(row)s” was restored with its history.") % {"row": instance}
        if dependents:
            message += " " + ngettext(
                "%(count)d row deleted with it was restored too.",
                "%(count)d rows deleted with it were restored too.",
                dependents,
            ) % {"count": dependents}
        self.message_user(request, message, messages.SUCCESS)
        return redirect(f"admin:{self._url_name('change')}", instance.pk)
