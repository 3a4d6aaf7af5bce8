"""Deployments and expert dispatches to and from spreadsheets.

A row is matched to the database by what makes it unique (a deployment: year, month, country
and team; a dispatch: host, beneficiary, first year and field of work), so a partner's file
needs no database ids. Countries may be ISO codes or English names. Texts kept in both
languages have an English column named as before (`summary`) and a Japanese one (`summary_ja`).
"""

from django.utils.translation import gettext as _

from editorial.resources import EditorialResource

from .models import DisasterDeployment, ExpertDispatch


class DisasterDeploymentResource(EditorialResource):
    required_columns = ("year", "month", "country", "disaster", "team", "persons")
    row_key = ("year", "month", "country", "team")

    class Meta(EditorialResource.Meta):
        model = DisasterDeployment
        name = _("Disaster relief deployments")
        fields = (
            "year",
            "month",
            "country",
            "place_en",
            "disaster",
            "team",
            "persons",
            "summary_en",
            "source_url",
            "place_ja",
            "summary_ja",
        )
        import_id_fields = ("year", "month", "country", "team")


class ExpertDispatchResource(EditorialResource):
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
            "other_experts_role_en",
            "field_of_work_en",
            "partner_en",
            "description_en",
            "source_url",
            "other_experts_role_ja",
            "field_of_work_ja",
            "partner_ja",
            "description_ja",
        )
        import_id_fields = ("country", "beneficiary", "start_year", "field_of_work_en")
