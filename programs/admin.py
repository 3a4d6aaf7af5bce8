from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.text import year_range
from editorial.admin import HistoryAdmin
from editorial.imports import EditorialImportExportMixin
from editorial.reviewed_admin import ReviewedAdminMixin
from editorial.scheduling_admin import OverdueScheduleWarning
from editorial.stale_edits import VersionedForm, Watched

from .forms import YearEntryChoiceForm, year_figure_formset
from .models import AnnualFigure, Program, ProvisionalYear, Scheme
from .resources import AnnualFigureResource


class RanInYearFilter(admin.SimpleListFilter):
    title = _("ran in year")
    parameter_name = "ran_in"

    def lookups(self, request, model_admin):
        years = AnnualFigure.objects.order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(figures__year=int(value))
        return queryset


class YearsRunFilter(admin.SimpleListFilter):
    title = _("years run")
    parameter_name = "years_run"

    def lookups(self, request, model_admin):
        return [
            ("0", _("No figures yet")),
            ("1-4", _("1 to 4 years")),
            ("5+", _("5 years or more")),
        ]

    def queryset(self, request, queryset):
        queryset = queryset.annotate(_years=Count("figures", distinct=True))
        return {
            "0": queryset.filter(_years=0),
            "1-4": queryset.filter(_years__gte=1, _years__lte=4),
            "5+": queryset.filter(_years__gte=5),
        }.get(self.value(), queryset)


@admin.register(Scheme)
class SchemeAdmin(HistoryAdmin):
    list_display = ["name_en", "name_ja", "slug", "display_order", "program_count"]
    list_editable = ["display_order"]
    search_fields = ["name_en", "name_ja", "slug", "description_en", "description_ja"]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = [("name_en", "name_ja"), "slug", ("description_en", "description_ja"), "display_order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(program_count=Count("programs"))

    @admin.display(description=_("programs"), ordering="program_count")
    def program_count(self, scheme):
        return scheme.program_count


@admin.register(ProvisionalYear)
class ProvisionalYearAdmin(HistoryAdmin):
    """Editors mark a scheme's year provisional; confirming it (deleting the mark) is a
    Publisher's call, as deleting is. Both are kept in the history."""

    list_display = ["scheme", "year", "created_at"]
    list_filter = ["scheme", "year"]
    autocomplete_fields = ["scheme"]
    fields = ["scheme", "year"]


class YearEntryLinkMixin:
    """The list links the "figures for one year" page, with the scheme it is filtered by."""

    scheme_filter = None  # the list filter's parameter naming a scheme

    def changelist_view(self, request, extra_context=None):
        url = reverse("admin:programs_annualfigure_year_entry")
        scheme = request.GET.get(self.scheme_filter, "")
        if scheme.isdigit():
            url = f"{url}?{urlencode({'scheme': scheme})}"
        return super().changelist_view(request, {"year_entry_url": url, **(extra_context or {})})


class AnnualFigureInline(admin.TabularInline):
    model = AnnualFigure
    fields = ["year", "participants", "countries", "note_en", "note_ja"]
    extra = 1
    ordering = ["year"]


@admin.register(Program)
class ProgramAdmin(OverdueScheduleWarning, YearEntryLinkMixin, ReviewedAdminMixin, HistoryAdmin):
    change_list_template = "admin/programs/change_list_with_year_entry.html"
    scheme_filter = "scheme__id__exact"
    list_display = [
        "name_en",
        "name_ja",
        "scheme",
        "published",
        "publish_at",
        "unpublish_at",
        "display_order",
        "years_run",
        "years",
        "total_participants",
    ]
    list_filter = ["scheme", "published", YearsRunFilter, RanInYearFilter]
    list_select_related = ["scheme"]
    search_fields = [
        "name_en",
        "name_ja",
        "slug",
        "description_en",
        "description_ja",
        "scheme__name_en",
        "scheme__name_ja",
    ]
    autocomplete_fields = ["scheme"]
    fields = [
        ("name_en", "name_ja"),
        "slug",
        "scheme",
        ("description_en", "description_ja"),
        "display_order",
        "published",
        ("publish_at", "unpublish_at"),
    ]
    inlines = [AnnualFigureInline]
    # Figures are yearly data with their own history (imports, the one-year page): reverting
    # a program's text leaves them alone unless the box is ticked.
    revert_inlines_by_default = False
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    def get_prepopulated_fields(self, request, obj=None):
        # The slug is the public address: made once from the name, then kept (see readonly).
        return {} if obj else {"slug": ["name_en"]}

    def get_readonly_fields(self, request, obj=None):
        readonly = ["slug"] if obj else []
        if not self.has_publish_permission(request):
            readonly += ["published", "publish_at", "unpublish_at"]
        return readonly

    def has_publish_permission(self, request):
        return request.user.has_perm("programs.publish_program")

    @admin.display(description=_("years run"), ordering="years_run")
    def years_run(self, program):
        return program.years_run

    # First and latest year in one column ("2016–2020"), so the list fits a 1280-pixel screen.
    @admin.display(description=_("years"), ordering="first_year")
    def years(self, program):
        if program.first_year is None:
            return None
        return year_range(program.first_year, program.latest_year)

    @admin.display(description=_("participants, all years"), ordering="total_participants")
    def total_participants(self, program):
        return program.total_participants

    @admin.action(description=_("Publish the selected programs"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish the selected programs"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, published):
        # Saved one by one (not update()) so each change is recorded in the history.
        programs = list(Program.objects.filter(pk__in=queryset.values("pk")))
        for program in programs:
            program.published = published
            program.save(update_fields=["published", "updated_at"])
        self.message_user(
            request,
            ngettext("%(count)d program updated.", "%(count)d programs updated.", len(programs))
            % {"count": len(programs)},
        )


@admin.register(AnnualFigure)
class AnnualFigureAdmin(YearEntryLinkMixin, EditorialImportExportMixin, HistoryAdmin):
    change_list_template = "admin/programs/change_list_with_year_entry.html"
    scheme_filter = "program__scheme__id__exact"
    resource_classes = [AnnualFigureResource]
    list_display = ["program", "scheme", "year", "participants", "countries", "note_en", "note_ja"]
    list_filter = ["year", "program__scheme", "program__published"]
    list_select_related = ["program__scheme"]
    search_fields = ["program__name_en", "program__name_ja", "note_en", "note_ja"]
    autocomplete_fields = ["program"]
    ordering = [
        "program__scheme__display_order",
        "program__display_order",
        "program__name_en",
        "year",
    ]

    @admin.display(description=_("scheme"), ordering="program__scheme__name_en")
    def scheme(self, figure):
        return figure.program.scheme

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "year-entry/",
                self.admin_site.admin_view(self.year_entry_view),
                name="{}_{}_year_entry".format(*info),
            ),
            *super().get_urls(),
        ]

    def year_entry_view(self, request):
        """Every published program of one scheme for one year, on one form, saved all at once.

        Editors may add and change; removing a year's row (both cells blank) needs the right
        to delete.
        """
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Figures for one year"),
        }
        if "year" in request.GET:
            choice = YearEntryChoiceForm(request.GET)
        else:
            # From a list filtered by scheme: that scheme, preselected.
            choice = YearEntryChoiceForm(scheme=request.GET.get("scheme"))
        context["choice_form"] = choice
        if not choice.is_valid():
            return TemplateResponse(request, "admin/programs/annualfigure/year_entry.html", context)

        year, scheme = choice.cleaned_data["year"], choice.cleaned_data["scheme"]
        programs = {p.pk: p for p in Program.objects.approved().filter(scheme=scheme)}
        existing = {
            figure.program_id: figure
            for figure in AnnualFigure.objects.filter(program__in=programs.values(), year=year)
        }
        previous = {
            figure.program_id: figure
            for figure in AnnualFigure.objects.filter(program__in=programs.values(), year=year - 1)
        }
        FormSet = year_figure_formset(programs)
        form_kwargs = {
            "year": year,
            "programs": programs,
            "existing": existing,
            "previous": previous,
        }
        # A save from a page opened before someone else saved these rows is refused.
        watched = [Watched(AnnualFigure, {"program_id__in": list(programs), "year": year})]
        version = VersionedForm(request.POST or None, watched=watched, prefix="version")
        context["version_form"] = version
        if request.method == "POST":
            formset = FormSet(request.POST, form_kwargs=form_kwargs)
            up_to_date = version.is_valid()
            if up_to_date and formset.is_valid() and self._removals_allowed(request, formset):
                saved, deleted = self._save_year(formset, year)
                self.message_user(
                    request,
                    _(
                        "Figures for %(year)s saved: %(saved)d rows added or changed, "
                        "%(deleted)d removed."
                    )
                    % {"year": year, "saved": saved, "deleted": deleted},
                    messages.SUCCESS,
                )
                query = urlencode({"year": year, "scheme": scheme.pk})
                url = reverse("admin:programs_annualfigure_year_entry")
                return redirect(f"{url}?{query}")
            if up_to_date:
                self.message_user(
                    request,
                    _("Nothing was saved. Please correct the rows marked below."),
                    messages.ERROR,
                )
        else:
            initial = []
            for pk in programs:
                figure = existing.get(pk)
                initial.append(
                    {
                        "program": pk,
                        "participants": figure.participants if figure else None,
                        "countries": figure.countries if figure else None,
                        "note_en": figure.note_en if figure else "",
                        "note_ja": figure.note_ja if figure else "",
                    }
                )
            formset = FormSet(initial=initial, form_kwargs=form_kwargs)
        context.update(
            {
                "year": year,
                "previous_year": year - 1,
                "scheme": scheme,
                "formset": formset,
                "title": _("Figures for %(year)s: %(scheme)s") % {"year": year, "scheme": scheme},
            }
        )
        return TemplateResponse(request, "admin/programs/annualfigure/year_entry.html", context)

    def _removals_allowed(self, request, formset):
        """Mark the rows that would remove figures when the user may not delete."""
        if self.has_delete_permission(request):
            return True
        removals = [form for form in formset.forms if form.delete]
        for form in removals:
            form.add_error(
                None,
                _(
                    "Only publishers can remove a year's figures. Enter the numbers again, "
                    "or ask a publisher to remove the row."
                ),
            )
        return not removals

    @staticmethod
    @transaction.atomic
    def _save_year(formset, year):
        # A change reason is stored text: in the language of the person entering the year.
        reason = _("year entry %(year)s") % {"year": year}
        saved = deleted = 0
        for form in formset.forms:
            if form.delete:
                figure = form.existing[form.cleaned_data["program"]]
                figure._change_reason = reason
                figure.delete()
                deleted += 1
            elif form.figure is not None:
                form.figure._change_reason = reason
                form.figure.save()
                saved += 1
        return saved, deleted
