from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from npa_portal.admin_history import HistoryAdmin

from .models import Page, Section, Status


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = [("order", "heading"), "body", ("block", "scheme")]
    autocomplete_fields = ["scheme"]


@admin.register(Page)
class PageAdmin(HistoryAdmin):
    """Editors write and preview drafts; only holders of "Can publish pages" change the status."""

    list_display = [
        "title",
        "path",
        "status",
        "show_in_navigation",
        "navigation_order",
        "updated_at",
    ]
    list_filter = ["status", "show_in_navigation"]
    search_fields = ["title", "slug", "summary", "sections__heading", "sections__body"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "summary", "status"]}),
        (_("Menu"), {"fields": ["show_in_navigation", "navigation_order"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [SectionInline]
    actions = ["publish", "unpublish"]
    # "View on site" opens the page; staff see drafts there with a "Draft: not public" banner.
    view_on_site = True

    def can_publish(self, request):
        return request.user.has_perm("pages.publish_page")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields.append("status")
        return fields

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def _set_status(self, request, queryset, status):
        # One save per page (not queryset.update), so history records who published what.
        changed = 0
        for page in queryset.exclude(status=status):
            page.status = status
            page.save()
            changed += 1
        return changed

    @admin.action(description=_("Publish the selected pages"), permissions=["publish"])
    def publish(self, request, queryset):
        count = self._set_status(request, queryset, Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%d page published.", "%d pages published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Return the selected pages to draft"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._set_status(request, queryset, Status.DRAFT)
        self.message_user(
            request,
            ngettext("%d page returned to draft.", "%d pages returned to draft.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    """Sections one by one: mainly for their history, revert and restore after a deletion."""

    list_display = ["__str__", "page", "order", "block"]
    list_filter = ["block"]
    list_select_related = ["page"]
    search_fields = ["heading", "body", "page__title"]
    autocomplete_fields = ["page", "scheme"]
    fields = [("page", "order"), "heading", "body", ("block", "scheme")]
