from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from django_countries.filters import CountryFilter
from django_countries.widgets import LazySelect

from editorial.admin import HistoryAdmin
from editorial.imports import EditorialImportExportMixin

from .models import DisasterDeployment, ExpertDispatch
from .resources import DisasterDeploymentResource, ExpertDispatchResource


class CountryAutocompleteSelect(LazySelect):
    """The country list with type-to-search, using the admin's own select2 (no extra package).

    All 250 countries are already in the page, so the search runs in the browser; without
    JavaScript it stays an ordinary list.
    """

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "country-autocomplete", **(attrs or {})}, choices)

    @property
    def media(self):
        return forms.Media(
            js=[
                "admin/js/vendor/jquery/jquery.js",
                "admin/js/vendor/select2/select2.full.js",
                "admin/js/jquery.init.js",
                "deployments/country_autocomplete.js",
            ],
            css={"screen": ["admin/css/vendor/select2/select2.css", "admin/css/autocomplete.css"]},
        )


class DecadeListFilter(admin.SimpleListFilter):
    """'1990s', '2000s'...: only the decades that have rows."""

    title = _("decade")
    parameter_name = "decade"
    year_field = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list(self.year_field, flat=True)
            .distinct()
        )
        decades = sorted({year // 10 * 10 for year in years}, reverse=True)
        return [(str(decade), f"{decade}s") for decade in decades]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            decade = int(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(
            **{f"{self.year_field}__gte": decade, f"{self.year_field}__lte": decade + 9}
        )


class StartDecadeListFilter(DecadeListFilter):
    title = _("decade of the first year")
    year_field = "start_year"


class DeploymentsAdminMixin:
    """Search by country name ("Taiwan", "Türkiye", "Turkey") although the database stores codes."""

    country_search_fields = ("country",)
    # Source links are web pages; a link typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField):
            kwargs["widget"] = CountryAutocompleteSelect
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        matches, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if len(term) < 2:
            return matches, may_have_duplicates
        codes = [code for code, name in countries if term.casefold() in name.casefold()]
        by_name = countries.by_name(term)  # also knows older names such as "Turkey"
        if by_name:
            codes.append(by_name)
        if codes:
            condition = Q()
            for field_name in self.country_search_fields:
                condition |= Q(**{f"{field_name}__in": codes})
            # `queryset` already has the sidebar filters applied; keep them.
            matches |= queryset.filter(condition)
        return matches, may_have_duplicates


@admin.register(DisasterDeployment)
class DisasterDeploymentAdmin(DeploymentsAdminMixin, EditorialImportExportMixin, HistoryAdmin):
    resource_classes = [DisasterDeploymentResource]
    list_display = ("month_year", "country", "place", "disaster", "team", "persons", "updated_at")
    list_display_links = ("month_year",)
    list_filter = ("disaster", "team", ("country", CountryFilter), DecadeListFilter)
    search_fields = ("place_en", "place_ja", "summary_en", "summary_ja")
    ordering = ("-year", "-month", "country")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("year", "month"),
                    "country",
                    ("place_en", "place_ja"),
                    "disaster",
                    "team",
                    "persons",
                )
            },
        ),
        (_("Details"), {"fields": (("summary_en", "summary_ja"), "source_url")}),
    )

    @admin.display(description=_("month & year"), ordering="year")
    def month_year(self, deployment):
        return deployment.month_year


@admin.register(ExpertDispatch)
class ExpertDispatchAdmin(DeploymentsAdminMixin, EditorialImportExportMixin, HistoryAdmin):
    resource_classes = [ExpertDispatchResource]
    list_display = (
        "years",
        "country",
        "beneficiary",
        "field_of_work",
        "long_term_experts",
        "short_term_experts",
        "other_experts",
        "partner",
    )
    list_display_links = ("years",)
    list_filter = (("country", CountryFilter), StartDecadeListFilter, "partner_en")
    search_fields = (
        "field_of_work_en",
        "field_of_work_ja",
        "partner_en",
        "partner_ja",
        "description_en",
        "description_ja",
        "other_experts_role_en",
        "other_experts_role_ja",
    )
    country_search_fields = ("country", "beneficiary")
    ordering = ("-start_year", "country")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "country",
                    "beneficiary",
                    ("start_year", "end_year"),
                    ("field_of_work_en", "field_of_work_ja"),
                )
            },
        ),
        (
            _("Experts"),
            {
                "description": _(
                    "Leave a number blank when the source does not give it: the site then says "
                    "“not stated”. Never enter 0 for an unknown number."
                ),
                "fields": (
                    ("long_term_experts", "short_term_experts", "other_experts"),
                    ("other_experts_role_en", "other_experts_role_ja"),
                ),
            },
        ),
        (
            _("Details"),
            {
                "fields": (
                    ("partner_en", "partner_ja"),
                    ("description_en", "description_ja"),
                    "source_url",
                )
            },
        ),
    )

    @admin.display(description=_("years"), ordering="start_year")
    def years(self, dispatch):
        return dispatch.years
