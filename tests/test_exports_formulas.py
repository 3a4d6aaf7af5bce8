"""Full-width formula starters (＝＋－＠, as a Japanese input method types them) are neutralised."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.tables import neutralise
from programs.resources import AnnualFigureResource

from .builders import deployment, make_figure, make_program
from .editorial_helpers import XLSX_FORMAT, export, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

FULL_WIDTH = ["＝1+1", "＋81 3", "－5", "＠SUM(A1)"]


@pytest.mark.parametrize("text", FULL_WIDTH)
def test_full_width_formula_starters_get_an_apostrophe(text):
    assert neutralise(text) == "'" + text


def test_public_csv_and_workbook_neutralise_a_full_width_equals_sign(client):
    deployment(place="＝HYPERLINK(1)")
    response = client.get(reverse("deployments:disaster_relief_csv"))
    text = b"".join(response.streaming_content).decode()
    assert "'＝HYPERLINK(1)" in text
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("deployments:disaster_relief_xlsx")).content)
    )
    assert "'＝HYPERLINK(1)" in [cell for row in workbook.active.values for cell in row]


@pytest.mark.parametrize("file_format", ["0", XLSX_FORMAT])
def test_admin_export_neutralises_full_width_starters_and_import_takes_it_off(
    staff_client, file_format
):
    make_figure(make_program("Forensic Science"), year=2019, note="＝HYPERLINK(1)")
    response = export(staff_client, "programs_annualfigure", AnnualFigureResource, file_format)
    rows = read_xlsx(response) if file_format == XLSX_FORMAT else read_csv(response)
    assert rows[0]["note"] == "'＝HYPERLINK(1)"
    from editorial.resources import TextWidget

    assert TextWidget().clean("'＝HYPERLINK(1)") == "＝HYPERLINK(1)"
