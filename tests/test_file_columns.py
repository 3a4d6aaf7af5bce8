"""Columns once: the admin's import/export files follow the model fields the public tables show."""

import pytest
from import_export.widgets import Widget

from deployments.resources import DisasterDeploymentResource, ExpertDispatchResource
from deployments.tables import DEPLOYMENT_COLUMNS, DISPATCH_COLUMNS
from editorial.resources import ChoiceWidget, CountryWidget, TextWidget, WholeNumberWidget
from programs.resources import AnnualFigureResource
from programs.tables import FIGURE_COLUMNS

PAIRS = [
    (DisasterDeploymentResource, DEPLOYMENT_COLUMNS),
    (ExpertDispatchResource, DISPATCH_COLUMNS),
    (AnnualFigureResource, FIGURE_COLUMNS),
]


def _widgets(resource):
    return {field.column_name: field.widget for field in resource().get_export_fields()}


@pytest.mark.parametrize(("resource", "columns"), PAIRS)
def test_every_public_csv_column_of_stored_data_is_in_the_admin_file(resource, columns):
    model_fields = {field.name for field in resource._meta.model._meta.get_fields()}
    stored = set()
    for column in columns:
        if not column.in_csv:
            continue
        name = column.key.removesuffix("_code")
        if name in model_fields:
            stored.add(name)
        elif f"{name}_en" in model_fields:  # a text in two languages: its English column
            stored.add(f"{name}_en")
    assert stored
    assert stored <= set(resource._meta.fields)


@pytest.mark.parametrize(("resource", "columns"), PAIRS)
def test_the_file_layout_is_the_resources_field_list(resource, columns):
    # The English column of a text in two languages keeps its old name: "summary", "summary_ja".
    assert [field.column_name for field in resource().get_export_fields()] == [
        name.removesuffix("_en") for name in resource._meta.fields
    ]


def test_each_column_reads_its_cells_as_its_model_field_says():
    deployment = _widgets(DisasterDeploymentResource)
    dispatch = _widgets(ExpertDispatchResource)
    figure = _widgets(AnnualFigureResource)
    # Month has choices (January...) but is stored and written as a number.
    assert type(deployment["month"]) is WholeNumberWidget and deployment["month"].required
    assert type(deployment["disaster"]) is ChoiceWidget
    assert type(deployment["country"]) is CountryWidget and deployment["country"].required
    assert type(deployment["summary"]) is TextWidget
    assert type(dispatch["beneficiary"]) is CountryWidget and not dispatch["beneficiary"].required
    assert type(dispatch["end_year"]) is WholeNumberWidget and not dispatch["end_year"].required
    assert dispatch["long_term_experts"].required is False
    assert type(figure["participants"]) is WholeNumberWidget and figure["participants"].required
    assert type(figure["note"]) is TextWidget
    assert all(isinstance(widget, Widget) for widget in figure.values())
