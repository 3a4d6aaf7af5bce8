from django.contrib import admin, messages
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.figures import LiveFigures
from editorial.admin import HistoryAdmin
from editorial.autocomplete import UsableAutocompleteMixin
from editorial.reviewed_admin import ReviewedAdminMixin, ReviewedRowAdminMixin
from editorial.scheduling_admin import OverdueScheduleWarning

from .models import Page, Section, Status

BODY_HELP = _(
    "Markdown: a blank line between paragraphs, ## for a sub-heading, - for a list, "
    "*emphasis*, **bold**, [text](https://address) for a link, | for tables. "
    "Live figures are written in double brackets, such as [[jdr.deployments]]; the folded "
    "list “live figures you can use” gives each one's meaning and value today. "
    "A mistyped name is marked in the preview and left out for visitors."
)
ORDER_STEP = 10
# A section's image with its caption and credit, and its documents (library.models.WithMedia).
MEDIA_FIELDS = [
    "image",
    ("image_caption_en", "image_caption_ja"),
    ("image_credit_en", "image_credit_ja"),
    "documents",
]
HEADING_HELP = _("Optional. May contain live figures too, e.g. [[jdr.deployments]].")
ORDER_HELP = _(
    "Sections are shown from the lowest number up: number them 10, 20, 30… to leave room, "
    "and change the numbers to move a section."
)


def live_figures_help():
    """Every live figure a section may name, as staff type it, with its meaning and value
    today, grouped by subject (training, disaster relief...), folded away until asked for."""
    groups = LiveFigures().groups()
    tables = format_html_join(
        "",
        '<table class="live-figures-group"><caption>{}</caption><thead><tr>'
        '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
        "</tr></thead><tbody>{}</tbody></table>",
        (
            (
                label,
                _("Placeholder"),
                _("Meaning"),
                _("Value today"),
                format_html_join(
                    "",
                    '<tr><th scope="row"><code>[[{}]]</code></th><td>{}</td>'
                    '<td class="num">{}</td></tr>',
                    (
                        (name, meaning, _("no value yet") if value in (None, "") else value)
                        for name, meaning, value in rows
                    ),
                ),
            )
            for label, rows in groups
        ),
    )
    count = sum(len(rows) for _label, rows in groups)
    summary = ngettext(
        "%(count)d live figure you can use", "%(count)d live figures you can use", count
    ) % {"count": count}
    return format_html(
        '<details class="live-figures"><summary>{}</summary>{}</details>', summary, tables
    )


class SectionFormFields:
    """Help texts that list the live figures of the moment (they depend on the data)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body_en":
            # The list once per section, under the first of its two texts.
            field.help_text = format_html("{}{}", BODY_HELP, live_figures_help())
        elif db_field.name == "body_ja":
            field.help_text = BODY_HELP
        elif db_field.name in ("heading_en", "heading_ja"):
            field.help_text = HEADING_HELP
        elif db_field.name == "order":
            field.help_text = ORDER_HELP
        return field


class SectionFormSet(BaseInlineFormSet):
    """A new section starts at the next free ten after the page's last one (10, 20, 30…)."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        # index None is the blank form that "Add another section" copies.
        if index is None or index >= self.initial_form_count():
            kwargs["initial"] = {"order": self.next_free_order()}
        return kwargs

    def next_free_order(self):
        if self.instance.pk is None:
            return ORDER_STEP
        last = self.instance.sections.aggregate(last=Max("order"))["last"] or 0
        return (last // ORDER_STEP + 1) * ORDER_STEP


class SectionInline(UsableAutocompleteMixin, SectionFormFields, admin.StackedInline):
    """Sections in their display order; the order numbers move them (no drag and drop)."""

    model = Section
    formset = SectionFormSet
    extra = 0
    fields = [
        "order",
        ("heading_en", "heading_ja"),
        ("body_en", "body_ja"),
        ("block", "scheme"),
        *MEDIA_FIELDS,
    ]
    autocomplete_fields = ["scheme", "image", "documents"]
    ordering = ["order", "pk"]


@admin.register(Page)
class PageAdmin(OverdueScheduleWarning, ReviewedAdminMixin, HistoryAdmin):
    """Editors write and preview drafts; only holders of "Can publish pages" change the status."""

    list_display = [
        "title_en",
        "title_ja",
        "path",
        "status",
        "publish_at",
        "unpublish_at",
        "show_in_navigation",
        "show_in_footer",
        "navigation_order",
        "updated_at",
    ]
    list_filter = ["status", "show_in_navigation", "show_in_footer"]
    search_fields = [
        "title_en",
        "title_ja",
        "slug",
        "summary_en",
        "summary_ja",
        "sections__heading_en",
        "sections__heading_ja",
        "sections__body_en",
        "sections__body_ja",
    ]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["preview", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title_en", "title_ja"),
                    ("menu_label_en", "menu_label_ja"),
                    "slug",
                    "parent",
                    ("summary_en", "summary_ja"),
                    "status",
                    ("publish_at", "unpublish_at"),
                    "preview",
                ]
            },
        ),
        (
            _("Menu and footer"),
            {"fields": ["show_in_navigation", "show_in_footer", "navigation_order"]},
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [SectionInline]
    actions = ["publish", "unpublish"]
    # "View on site" opens the page; staff see drafts there with a "Draft: not public" banner.
    view_on_site = True

    @admin.display(description=_("preview"))
    def preview(self, page):
        if page.pk is None:
            return _("Save the page (as a draft) to preview it.")
        public = page.is_published and all(parent.is_published for parent in page.ancestors())
        note = (
            _("published: what visitors see")
            if public
            else _("not public yet: only staff see it, with a “Draft: not public” banner")
        )
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> ({})',
            page.get_absolute_url(),
            _("Open the page"),
            note,
        )

    def can_publish(self, request):
        return request.user.has_perm("pages.publish_page")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += ["status", "publish_at", "unpublish_at"]
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
class SectionAdmin(SectionFormFields, ReviewedRowAdminMixin, HistoryAdmin):
    """Sections one by one: mainly for their history, revert and restore after a deletion."""

    parent_field = "page"

    list_display = ["__str__", "page", "order", "block"]
    list_filter = ["block"]
    list_select_related = ["page"]
    search_fields = [
        "heading_en",
        "heading_ja",
        "body_en",
        "body_ja",
        "page__title_en",
        "page__title_ja",
    ]
    autocomplete_fields = ["page", "scheme", "image", "documents"]
    fields = [
        ("page", "order"),
        ("heading_en", "heading_ja"),
        ("body_en", "body_ja"),
        ("block", "scheme"),
        *MEDIA_FIELDS,
    ]
