"""The list of reviews and the review page: the differences against the published version, a
preview of the public page in each language, and approve or send back for Publishers. A thin
layer over editorial.review; the reviewed models' own admins are in editorial.reviewed_admin.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Review, ReviewState
from .registry import edited_models, reviewed
from .review import (
    ReviewFailed,
    approve,
    discard,
    may_publish,
    previewing,
    send_back,
)
from .review_differences import differences
from .reviewed_admin import preview_links


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the editor"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Needed to send the version back: say what to change."),
    )


def reviewed_models():
    return [model for model in edited_models() if reviewed(model)]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Reviews are made from the items' forms and decided on their own page; never edited."""

    list_display = ["item_label", "content_type", "state", "author", "submitted_at", "reviewer"]
    list_filter = ["state"]
    list_select_related = ["author", "reviewer", "content_type"]

    @admin.display(description=gettext_lazy("item"))
    def item_label(self, review):
        return review.item_label

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        models = [obj.content_type.model_class()] if obj else reviewed_models()
        return any(
            request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
            for model in models
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="editorial_review_preview",
            ),
            *super().get_urls(),
        ]

    def _review(self, request, object_id):
        if not str(object_id).isdigit():
            raise Http404(_("No such review."))
        review = get_object_or_404(
            Review.objects.select_related("author", "reviewer", "content_type"), pk=object_id
        )
        if not self.has_view_permission(request, review):
            raise PermissionDenied
        return review

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review = self._review(request, object_id)
        model = review.content_type.model_class()
        item = review.item
        here = reverse("admin:editorial_review_change", args=[review.pk])
        if request.method == "POST":
            return self._decide(request, review, model, here)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(review),
            "review": review,
            "item": item,
            "item_url": item
            and reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[item.pk]
            ),
            "differences": differences(review) if item and review.is_open else None,
            "previews": preview_links(review) if item and review.is_open else None,
            "can_decide": review.state == ReviewState.SUBMITTED
            and may_publish(request.user, model),
            "can_discard": review.state in (ReviewState.EDITING, ReviewState.SENT_BACK)
            and request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"),
            "form": DecisionForm(),
        }
        return TemplateResponse(request, "admin/editorial/review/detail.html", context)

    def _decide(self, request, review, model, here):
        base_url = request.build_absolute_uri("/")
        try:
            if "_discard" in request.POST:
                opts = model._meta
                if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
                    raise PermissionDenied
                discard(review, request.user)
                self.message_user(request, _("The pending version was discarded."))
                return redirect(here)
            if not may_publish(request.user, model):
                raise PermissionDenied
            form = DecisionForm(request.POST)
            if not form.is_valid():
                raise ReviewFailed(" ".join(form.errors.get("comment", [])))
            if "_approve" in request.POST:
                approve(review, request.user, base_url)
                self.message_user(
                    request, _("Approved: the new version is public."), messages.SUCCESS
                )
            elif "_send_back" in request.POST:
                send_back(review, request.user, form.cleaned_data["comment"], base_url)
                self.message_user(
                    request, _("Sent back to the editor with your comment."), messages.SUCCESS
                )
        except ReviewFailed as failure:
            self.message_user(request, str(failure), messages.ERROR)
        return redirect(here)

    def preview_view(self, request, object_id, language):
        """The public page of the item as approving would leave it; staff only, never cached."""
        review = self._review(request, object_id)
        if language not in dict(settings.LANGUAGES) or review.item is None:
            raise Http404(_("No such preview."))
        try:
            with translation.override(language), previewing(review, request.user) as item:
                match = resolve(item.get_absolute_url())
                request.review_preview = review
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render"):
                    response = response.render()
        except ReviewFailed as failure:
            self.message_user(request, str(failure), messages.ERROR)
            return redirect("admin:editorial_review_change", review.pk)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response
