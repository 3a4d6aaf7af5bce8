"""Every edit can be seen, compared and undone: history, revert and restore in the admin.

django-simple-history records each save and delete. This admin base adds what staff need on
top: the changed fields of every version side by side (old -> new), "revert to this version"
with a recorded reason, and a "recently deleted" list per model from which a row comes back
with its old id, so its history joins up. Revert and restore both run the model's validation,
so neither can bring back a row that breaks a rule or clashes with a newer one.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CASCADE
from django.forms.models import _get_foreign_key
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
    pass


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


def inline_plan(child_model, foreign_key, version):
    """The inline rows of `version`'s parent as they were then, against those of today."""
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
        differences = [
            (model_field, shown_value(instance, model_field), shown_value(record, model_field))
            for model_field in compared_fields(child_model)
            if getattr(instance, model_field.attname) != getattr(record, model_field.attname)
        ]
        if differences:
            plan.change.append(RowChange(instance_label(instance), instance, record, differences))
    return plan


def apply_inline_plan(plan, reason):
    """Remove, change, then restore, so a row's old place is free before it comes back."""
    for row in plan.remove:
        row.instance._change_reason = reason
        row.instance.delete()
    for row in plan.change:
        for model_field, _now, _then in row.fields:
            setattr(row.instance, model_field.attname, getattr(row.record, model_field.attname))
        row.instance.full_clean()
        row.instance._change_reason = reason
        row.instance.save()
    for row in plan.restore:
        restore_deleted(row.record, reason)


class HistoryAdmin(SimpleHistoryAdmin):
    """Base of every editable model's admin: history compare, revert, recently deleted, restore."""

    change_list_template = "admin/editorial/change_list.html"
    object_history_list_template = "admin/editorial/object_history_list.html"
    object_history_form_template = "admin/editorial/object_history_form.html"
    recently_deleted_template = "admin/editorial/recently_deleted.html"
    # Whether the revert form's "also put back the inline rows" box starts ticked.
    revert_inlines_by_default = True

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

    def checked_pk(self, object_id):
        """The primary key in the address, or 404 when it cannot be one ("abc")."""
        try:
            return self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(_("No such record.")) from None

    def history_view(self, request, object_id, extra_context=None):
        exists = self.get_queryset(request).filter(pk=self.checked_pk(object_id)).exists()
        extra_context = {
            "object_deleted": not exists,
            "recently_deleted_url": reverse(f"admin:{self._url_name('recently_deleted')}"),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context)

    def inline_plans(self, version):
        """For each inline with a history (a page's sections...), what a revert would do."""
        plans = []
        for inline in self.inlines:
            if getattr(inline.model, "history", None) is None:
                continue
            foreign_key = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            plan = inline_plan(inline.model, foreign_key, version)
            if plan:
                plans.append(plan)
        return plans

    def inline_refusal(self, request, plans):
        """Why this user may not put these inline rows back, or None."""
        for plan in plans:
            opts = plan.model._meta
            needed = (
                (
                    plan.remove,
                    "delete",
                    _(
                        "Putting the %(things)s back as they were would remove some, and only "
                        "publishers can remove %(things)s. Untick “also put back” to revert "
                        "only the fields above, or ask a publisher."
                    ),
                ),
                (plan.restore, "add", _("You may not add %(things)s.")),
                (plan.change, "change", _("You may not change %(things)s.")),
            )
            for rows, action, refusal in needed:
                if rows and not request.user.has_perm(
                    f"{opts.app_label}.{action}_{opts.model_name}"
                ):
                    return refusal % {"things": opts.verbose_name_plural}
        return None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert; a deleted row is brought back from the recently deleted list instead.

        The revert form also lists how the inline rows (a page's sections, a program's
        figures) differ from this version; ticking "also put back" reverts them too, all or
        nothing, each recorded in its own history.
        """
        pk = self.checked_pk(object_id)
        if not str(version_id).isdigit():
            raise Http404(_("No such version."))
        if not self.model._default_manager.filter(pk=pk).exists():
            if not self.model.history.filter(**{self.opts.pk.attname: pk}).exists():
                raise Http404(_("No such record."))
            self.message_user(
                request,
                _("This record has been deleted. Restore it from the list below."),
                messages.WARNING,
            )
            return redirect(f"admin:{self._url_name('recently_deleted')}")
        version = self.model.history.filter(
            **{self.opts.pk.attname: pk}, history_id=version_id
        ).first()
        if version is None:
            raise Http404(_("No such version."))
        request.reverting_to = version
        plans = self.inline_plans(version)
        revert_inlines = request.method == "POST" and bool(request.POST.get("_revert_inlines"))
        if revert_inlines:
            refusal = self.inline_refusal(request, plans)
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return redirect(request.get_full_path())
            request.inline_plans = plans
        extra_context = {
            "inline_plans": plans,
            "revert_inlines_by_default": self.revert_inlines_by_default,
            "inline_names": ", ".join(str(plan.verbose_name_plural) for plan in plans),
            **(extra_context or {}),
        }
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except RevertFailed as failure:
            self.message_user(request, str(failure), messages.ERROR)
            return redirect(request.get_full_path())

    def get_form(self, request, obj=None, change=False, **kwargs):
        """On a revert, fields read-only for this user keep their current value.

        Otherwise an Editor could publish a page or a program by reverting to a published
        version, and a program's address (its slug, fixed once made) could change.
        """
        if getattr(request, "reverting_to", None) is not None and obj is not None:
            self.keep_current_readonly_values(request, obj)
        return super().get_form(request, obj, change=change, **kwargs)

    def keep_current_readonly_values(self, request, obj):
        current = self.model._default_manager.filter(pk=obj.pk).first()
        if current is None:
            return
        names = set(self.get_readonly_fields(request, current))
        for model_field in self.opts.concrete_fields:
            if model_field.name in names:
                setattr(obj, model_field.attname, getattr(current, model_field.attname))

    def save_model(self, request, obj, form, change):
        version = getattr(request, "reverting_to", None)
        if version is not None:
            obj._change_reason = _("reverted to the version of %(date)s") % {
                "date": formats.date_format(version.history_date, "DATETIME_FORMAT")
            }
        super().save_model(request, obj, form, change)
        for plan in getattr(request, "inline_plans", ()):
            try:
                apply_inline_plan(plan, obj._change_reason)
            except (ValidationError, IntegrityError) as error:
                reason = (
                    validation_message(error)
                    if isinstance(error, ValidationError)
                    else _("a row clashes with a current one.")
                )
                raise RevertFailed(
                    _("Nothing was reverted: the %(things)s cannot be put back: %(reason)s")
                    % {"things": plan.verbose_name_plural, "reason": reason}
                ) from error

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
        owners = [
            f
            for f in self.opts.concrete_fields
            if f.many_to_one and f.remote_field.on_delete is CASCADE
        ]
        for record, instance in zip(latest.values(), instances, strict=True):
            record.label = instance_label(instance)
            # The row it belonged to (a section's page), when that still exists.
            record.owners = [
                str(owner.get_cached_value(instance))
                for owner in owners
                if owner.is_cached(instance)
            ]
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
