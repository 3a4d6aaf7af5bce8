"""Deployments and expert dispatches to and from spreadsheets.

A row is matched to the database by what makes it unique (a deployment: year, month, country
and team; a dispatch: host, beneficiary, first year and field of work), so a partner's file
needs no database ids. Countries may be ISO codes or English names.
"""

from django.utils.translation import gettext as _
from import_export.fields import Field

from editorial.resources import (
    ChoiceWidget,
    CountryWidget,
    EditorialResource,
    WholeNumberWidget,
    text_field,
)

from .models import DisasterDeployment, DisasterType, ExpertDispatch, Team


def number_field(name, required=True):
    return Field(attribute=name, column_name=name, widget=WholeNumberWidget(required=required))


class DisasterDeploymentResource(EditorialResource):
    year = number_field("year")
    month = number_field("month")
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    place = text_field("place_en", "place")
    place_ja = text_field("place_ja")
    disaster = Field(
        attribute="disaster", column_name="disaster", widget=ChoiceWidget(DisasterType.choices)
    )
    team = Field(attribute="team", column_name="team", widget=ChoiceWidget(Team.choices))
    persons = number_field("persons")
    summary = text_field("summary_en", "summary")
    summary_ja = text_field("summary_ja")
    source_url = text_field("source_url")

    required_columns = ("year", "month", "country", "disaster", "team", "persons")
    row_key = ("year", "month", "country", "team")

    class Meta(EditorialResource.Meta):
        model = DisasterDeployment
        name = _("Disaster relief deployments")
        fields = (
            "year",
            "month",
            "country",
            "place",
            "disaster",
            "team",
            "persons",
            "summary",
            "source_url",
            "place_ja",
            "summary_ja",
        )
        import_id_fields = ("year", "month", "country", "team")


class ExpertDispatchResource(EditorialResource):
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    beneficiary = Field(
        attribute="beneficiary", column_name="beneficiary", widget=CountryWidget(required=False)
    )
    start_year = number_field("start_year")
    end_year = number_field("end_year", required=False)
    long_term_experts = number_field("long_term_experts", required=False)
    short_term_experts = number_field("short_term_experts", required=False)
    other_experts = number_field("other_experts", required=False)
    other_experts_role = text_field("other_experts_role_en", "other_experts_role")
    field_of_work = text_field("field_of_work_en", "field_of_work")
    partner = text_field("partner_en", "partner")
    description = text_field("description_en", "description")
    other_experts_role_ja = text_field("other_experts_role_ja")
    field_of_work_ja = text_field("field_of_work_ja")
    partner_ja = text_field("partner_ja")
    description_ja = text_field("description_ja")
    source_url = text_field("source_url")

    required_columns = ("country", "start_year", "field_of_work")
    row_key = ("country", "beneficiary", "start_year", "field_of_work_en")

    class Meta(EditorialResource.Meta):
        model = ExpertDispatch
        name = _("Expert dispatches")
        fields = (
            "country",
            "beneficiary",
            "start_year",
            "end_year",
            "long_term_experts",
            "short_term_experts",
            "other_experts",
            "other_experts_role",
            "field_of_work",
            "partner",
            "description",
            "source_url",
            "other_experts_role_ja",
            "field_of_work_ja",
            "partner_ja",
            "description_ja",
        )
        import_id_fields = ("country", "beneficiary", "start_year", "field_of_work")
