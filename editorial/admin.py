"""The admin side of history: compare versions, revert, the recently deleted list, restore.

A thin layer over editorial.revert and editorial.restore, which do the work without a request.
What stays here is what only the admin knows: addresses, permissions, messages, and the fields a
user may not change (kept at today's value on a revert).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from .restore import deleted_records, record_label, restore_with_dependents, validation_message
from .revert import (
    REASON_MAX_LENGTH,
    UNCOMPARED_FIELDS,
    RevertFailed,
    field_differences,
    inline_plans,
    parent_key,
    revert,
)
from .stale_edits import VERSION_FIELD, LoggedInAdmin, Watched, versioned_model_form

REASON_FIELD = "change_reason"


def with_version_field(fieldsets):
    """`fieldsets` with the form's version (a hidden input) at the end of the first one."""
    fieldsets = list(fieldsets)
    if VERSION_FIELD in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]


class ChangeReasonForm(forms.ModelForm):
    """Every change form's last field: why, kept in the history beside the version."""

    change_reason = forms.CharField(
        label=gettext_lazy("Reason for this change"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=gettext_lazy(
            "Optional. Shown in the history beside this version, for example “corrected from "
            "the 2019 annual report”."
        ),
    )


class HistoryAdmin(SimpleHistoryAdmin):
    """Base of every editable model's admin: history compare, revert, recently deleted, restore."""

    change_list_template = "admin/editorial/change_list.html"
    object_history_list_template = "admin/editorial/object_history_list.html"
    object_history_form_template = "admin/editorial/object_history_form.html"
    recently_deleted_template = "admin/editorial/recently_deleted.html"
    # Whether the revert form's "also put back the inline rows" box starts ticked.
    revert_inlines_by_default = True
    form = ChangeReasonForm

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
        return inline_plans(version, [(inline.model, inline.fk_name) for inline in self.inlines])

    @staticmethod
    def reverts_inlines(request):
        """Whether the revert form was sent with "also put back the inline rows" ticked."""
        return request.method == "POST" and bool(request.POST.get("_revert_inlines"))

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
        plans = self.inline_plans(version)
        if self.reverts_inlines(request):
            refusal = self.inline_refusal(request, plans)
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return redirect(request.get_full_path())
        current = self.model._default_manager.get(pk=pk)
        extra_context = {
            # The revert page is about the row, not about its history model.
            "opts": self.opts,
            "revert_changes": field_differences(
                current, version, kept=self.get_readonly_fields(request, current)
            ),
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
        version, and a program's address (its slug, fixed once made) could change. The revert
        form's row is the version's (simple-history's to_historic() tells them apart).
        """
        if obj is not None and to_historic(obj) is not None:
            self.keep_current_readonly_values(request, obj)
        if obj is not None:
            # A save from a form opened before someone else's is refused (editorial.stale_edits).
            kwargs["form"] = versioned_model_form(kwargs.get("form", self.form), self.watched(obj))
        return super().get_form(request, obj, change=change, **kwargs)

    def watched(self, obj):
        """What a change form shows: the record, and the rows of each inline with a history."""
        watched = [Watched(self.model, {self.opts.pk.attname: obj.pk})]
        for inline in self.inlines:
            if getattr(inline.model, "history", None) is not None:
                fk = parent_key(inline.model, self.model, inline.fk_name)
                watched.append(Watched(inline.model, {fk.attname: obj.pk}))
        return watched

    def keep_current_readonly_values(self, request, obj):
        current = self.model._default_manager.filter(pk=obj.pk).first()
        if current is None:
            return
        names = set(self.get_readonly_fields(request, current))
        for model_field in self.opts.concrete_fields:
            if model_field.name in names:
                setattr(obj, model_field.attname, getattr(current, model_field.attname))

    def save_model(self, request, obj, form, change):
        version = to_historic(obj)
        if version is None:
            obj._change_reason = self.change_reason(form)
            return super().save_model(request, obj, form, change)
        plans = ()
        if self.reverts_inlines(request):
            # Planned again inside the revert's transaction, and checked again against it.
            plans = self.inline_plans(version)
            refusal = self.inline_refusal(request, plans)
            if refusal:
                raise RevertFailed(refusal)
        revert(
            version,
            instance=obj,
            plans=plans,
            user=request.user,
            note=self.change_reason(form) or "",
        )
        return None

    def get_fieldsets(self, request, obj=None):
        """The admin's own fieldsets, then the reason, alone at the end, for those who edit.

        A change form's version goes with the fields too (a hidden input), whatever the
        fieldsets, so that a save from a stale form can be refused (editorial.stale_edits).
        """
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != REASON_FIELD]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None:
            fieldsets = with_version_field(fieldsets)
        may_edit = (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )
        if may_edit:
            fieldsets.append((None, {"fields": [REASON_FIELD], "classes": ["change-reason"]}))
        return fieldsets

    @staticmethod
    def change_reason(form):
        return form.cleaned_data.get(REASON_FIELD) or None

    def save_related(self, request, form, formsets, change):
        # Inline rows saved with the form (a page's sections) carry the same reason.
        reason = self.change_reason(form)
        for formset in formsets:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = reason
        super().save_related(request, form, formsets, change)

    def recently_deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Recently deleted %(things)s") % {"things": self.opts.verbose_name_plural},
            "records": deleted_records(self.model),
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
            instance, dependents = restore_with_dependents(record, user=request.user)
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


# Staff accounts and roles: no history of their own, so their change forms carry the version
# of the admin log instead (editorial.stale_edits.LoggedInAdmin).


class StaleEditsFromLogMixin:
    """A change form that refuses a save made from a stale form, for a model whose admin saves
    are its only record of changes (the admin log)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            watched = [LoggedInAdmin(self.model, obj.pk)]
            kwargs["form"] = versioned_model_form(kwargs.get("form", self.form), watched)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return with_version_field(fieldsets) if obj is not None else fieldsets


class StaffAccountAdmin(StaleEditsFromLogMixin, UserAdmin):
    pass


class RoleAdmin(StaleEditsFromLogMixin, GroupAdmin):
    pass


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), StaffAccountAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleAdmin)


# The review list and pages (registered there) and the mixin of the reviewed models' admins.
from . import review_admin  # noqa: E402,F401
