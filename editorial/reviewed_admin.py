"""The admins of reviewed models, a thin layer over editorial.review.

ReviewedAdminMixin goes on the admin of a reviewed model (pages, programs): an Editor's save of a
published item is kept as a pending version (the form then shows that version), the item's form
tells where its review stands, and a "Submit for review" page asks the Publishers.
ReviewedRowAdminMixin keeps an Editor from changing the rows of a published item (a page's
sections) on their own admin, where the change would go live at once.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import to_historic

from .revert import RevertFailed
from .review import (
    ReviewFailed,
    current_rows,
    inline_models,
    is_published,
    may_publish,
    open_review,
    proposed_relations,
    proposed_rows,
    save_pending,
    set_proposed_relations,
    snapshot,
    submit,
    with_proposed_fields,
)
from .review_differences import differences_of

PENDING = "_review_pending"
# The hidden field with the version of the pending version a form shows.
PENDING_VERSION = "pending_version"


class SubmitForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the publishers"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What you changed and why; shown to the publishers and kept."),
    )


def preview_links(review):
    return [
        (code, name, reverse("admin:editorial_review_preview", args=[review.pk, code]))
        for code, name in settings.LANGUAGES
    ]


def pending_formset(formset_class, existing, added):
    """`formset_class` showing the proposed rows when unbound: the stored rows with the
    proposed values, then the rows to add as new forms."""

    class Pending(formset_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.is_bound:
                self._queryset = existing
                self.initial_extra = added
                self.extra = len(added) + self.extra

    return Pending


def pending_mark(obj):
    """The version of `obj`'s pending version: when it was last saved ("" when none)."""
    review = open_review(obj)
    return review.updated_at.isoformat() if review is not None and review.data else ""


def pending_versioned_form(form_class, obj):
    """`form_class` refusing a save over a pending version someone saved since it was opened
    (editorial.stale_edits does the same for the item and its rows)."""
    mark = pending_mark(obj)

    class PendingVersioned(form_class):
        pending_version = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.is_bound:
                self.initial[PENDING_VERSION] = mark

        def clean(self):
            cleaned = super().clean()
            name = self.add_prefix(PENDING_VERSION)
            current = pending_mark(obj)
            if name in self.data and self.data[name] != current:
                self.data = self.data.copy()
                self.data[name] = current
                raise forms.ValidationError(
                    _(
                        "Nothing was saved: someone saved another pending version of this "
                        "%(thing)s since you opened this form. Your entries are still below; "
                        "open the form again in another tab to see theirs, then save again."
                    )
                    % {"thing": obj._meta.verbose_name},
                    code="stale",
                )
            return cleaned

    PendingVersioned.__name__ = form_class.__name__
    return PendingVersioned


class ReviewedAdminMixin:
    """Put before HistoryAdmin: an Editor's save of a published item waits for review."""

    change_form_template = "admin/editorial/reviewed_change_form.html"

    def _info(self):
        return self.opts.app_label, self.opts.model_name

    def get_urls(self):
        return [
            path(
                "<path:object_id>/submit/",
                self.admin_site.admin_view(self.submit_view),
                name="{}_{}_submit".format(*self._info()),
            ),
            *super().get_urls(),
        ]

    def saves_pending(self, request, obj):
        """Whether this user's save of `obj` is kept as a pending version."""
        return (
            obj is not None
            and obj.pk is not None
            and not may_publish(request.user, self.model)
            and is_published(obj)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        setattr(request, PENDING, False)
        if object_id is not None:
            stored = self.model._default_manager.filter(pk=self.checked_pk(object_id)).first()
            setattr(request, PENDING, self.saves_pending(request, stored))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An Editor's revert of a published item is a pending version too (save_model)."""
        stored = self.model._default_manager.filter(pk=self.checked_pk(object_id)).first()
        setattr(request, PENDING, self.saves_pending(request, stored))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def pending_revert(self, request, obj, version):
        """The version of `obj` a revert to `version` proposes: its fields as the revert form
        left them, and the inline rows as "also put back" would leave them."""
        rows = current_rows(obj)
        plans = self.inline_plans(version) if self.reverts_inlines(request) else ()
        refusal = self.inline_refusal(request, plans)
        if refusal:
            raise RevertFailed(refusal)
        for plan in plans:
            label = plan.model._meta.label_lower
            by_pk = {row.pk: row for row in rows[label]}
            for row in plan.remove:
                by_pk.pop(row.instance.pk, None)
            for row in plan.change:
                for model_field, _now, _then in row.fields:
                    value = getattr(row.record, model_field.attname)
                    setattr(by_pk[row.instance.pk], model_field.attname, value)
            for row in plan.restore:
                restored = row.record.instance
                by_pk[restored.pk] = restored
            rows[label] = list(by_pk.values())
        return save_pending(obj, snapshot(obj, rows), request.user)

    def _pending_data(self, request, obj):
        if not getattr(request, PENDING, False) or request.method != "GET":
            return None
        review = open_review(obj)
        return review.data if review is not None else None

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        data = self._pending_data(request, obj) if obj is not None else None
        return with_proposed_fields(obj, data) if data else obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and getattr(request, PENDING, False):
            kwargs["form"] = pending_versioned_form(kwargs.get("form", self.form), obj)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not getattr(request, PENDING, False):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], PENDING_VERSION]}), *rest]

    def get_formsets_with_inlines(self, request, obj=None):
        data = self._pending_data(request, obj) if obj is not None else None
        children = {child._meta.label_lower: child for child, _fk in inline_models(self.model)}
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            child = children.get(inline.model._meta.label_lower)
            if data and child is not None:
                formset = pending_formset(formset, *proposed_rows(obj, data, child))
            yield formset, inline

    def save_model(self, request, obj, form, change):
        if not getattr(request, PENDING, False):
            return super().save_model(request, obj, form, change)
        version = to_historic(obj)
        if version is not None:
            request._review_saved = self.pending_revert(request, obj, version)
        return None  # otherwise kept with its inline rows as a pending version, in save_related

    def save_related(self, request, form, formsets, change):
        if not getattr(request, PENDING, False):
            return super().save_related(request, form, formsets, change)
        obj = form.instance
        rows = current_rows(obj)
        for formset in formsets:
            label = formset.model._meta.label_lower
            if label not in rows:
                continue
            kept = []
            for inline_form in formset.forms:
                if inline_form in formset.deleted_forms:
                    continue
                if inline_form.instance.pk is None and not inline_form.has_changed():
                    continue
                setattr(inline_form.instance, formset.fk.attname, obj.pk)
                set_proposed_relations(
                    inline_form.instance,
                    {
                        f.name: [related.pk for related in inline_form.cleaned_data[f.name]]
                        for f in proposed_relations(formset.model)
                        if f.name in inline_form.cleaned_data
                    },
                )
                kept.append(inline_form.instance)
            rows[label] = kept
        request._review_saved = save_pending(obj, snapshot(obj, rows), request.user)
        return None

    def construct_change_message(self, request, form, formsets, add=False):
        if not getattr(request, PENDING, False):
            return super().construct_change_message(request, form, formsets, add)
        return _("Saved a pending version for review.")

    def response_change(self, request, obj):
        if not getattr(request, PENDING, False):
            return super().response_change(request, obj)
        if getattr(request, "_review_saved", None) is None:
            self.message_user(request, _("Nothing was changed."), messages.INFO)
        else:
            self.message_user(
                request,
                _(
                    "Saved as a pending version: visitors still see the published %(thing)s "
                    "until a publisher approves it. Preview it, then submit it for review."
                )
                % {"thing": self.opts.verbose_name},
                messages.SUCCESS,
            )
        return redirect("admin:{}_{}_change".format(*self._info()), obj.pk)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            review = open_review(obj)
            context.update(
                {
                    "review": review,
                    "review_pending_mode": getattr(request, PENDING, False),
                    "review_may_publish": may_publish(request.user, self.model),
                    "review_submit_url": reverse(
                        "admin:{}_{}_submit".format(*self._info()), args=[obj.pk]
                    ),
                    "review_url": review
                    and reverse("admin:editorial_review_change", args=[review.pk]),
                    "review_previews": review and preview_links(review),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def submit_view(self, request, object_id):
        obj = self.model._default_manager.filter(pk=self.checked_pk(object_id)).first()
        if obj is None:
            raise Http404(_("No such record."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        change_url = reverse("admin:{}_{}_change".format(*self._info()), args=[obj.pk])
        review = open_review(obj)
        if review is None and is_published(obj):
            self.message_user(
                request,
                _("Nothing to submit: there is no change to the published %(thing)s.")
                % {"thing": self.opts.verbose_name},
                messages.WARNING,
            )
            return redirect(change_url)
        form = SubmitForm(request.POST or None, initial={"message": review and review.message})
        if request.method == "POST" and form.is_valid():
            try:
                submit(
                    obj, request.user, form.cleaned_data["message"], request.build_absolute_uri("/")
                )
            except ReviewFailed as failure:
                self.message_user(request, str(failure), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Submitted for review: the publishers have been told."),
                    messages.SUCCESS,
                )
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": _("Submit “%(item)s” for review") % {"item": obj},
            "form": form,
            "review": review,
            "differences": differences_of(obj, review.data if review else None),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/editorial/review/submit.html", context)


class ReviewedRowAdminMixin:
    """For the admin of rows edited on a reviewed item's form (a page's sections): an Editor
    changes those of a published item on the item's form, where the change waits for review,
    never here, where it would go live at once. Put before HistoryAdmin."""

    parent_field = None  # the foreign key to the reviewed item

    def _parent_model(self):
        return self.model._meta.get_field(self.parent_field).related_model

    def _waits_for_review(self, request, obj):
        """Whether `obj` belongs to a published item this user may not publish."""
        parent = getattr(obj, self.parent_field, None) if obj is not None else None
        return (
            parent is not None
            and not may_publish(request.user, type(parent))
            and is_published(parent)
        )

    def _refusal(self):
        parent = self._parent_model()._meta
        return _(
            "This %(thing)s is published: change its %(rows)s on the %(thing)s's own form, "
            "where your change waits for a publisher's approval."
        ) % {"thing": parent.verbose_name, "rows": self.opts.verbose_name_plural}

    def has_change_permission(self, request, obj=None):
        if self._waits_for_review(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.model._default_manager.filter(pk=self.checked_pk(object_id)).first()
        if request.method == "GET" and self._waits_for_review(request, obj):
            self.message_user(request, self._refusal(), messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.model._default_manager.filter(pk=self.checked_pk(object_id)).first()
        if self._waits_for_review(request, obj):
            self.message_user(request, self._refusal(), messages.WARNING)
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", obj.pk)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if may_publish(request.user, self._parent_model()):
            return form_class
        parent_field, refusal = self.parent_field, self._refusal()

        class RefusingPublishedParent(form_class):
            def clean(self):
                cleaned = super().clean()
                parent = cleaned.get(parent_field)
                if parent is not None and is_published(parent):
                    raise forms.ValidationError(refusal)
                return cleaned

        RefusingPublishedParent.__name__ = form_class.__name__
        return RefusingPublishedParent
