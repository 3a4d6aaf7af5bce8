from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import column_dictionary

from . import views
from .tables import FIGURE_COLUMNS, WIDE_TABLE_DICTIONARY

app_name = "programs"

urlpatterns = [
    path("", views.index, name="index"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
    path("table.csv", views.table_csv, name="table_csv"),
    path("figures.xlsx", views.figures_csv, {"workbook": True}, name="figures_xlsx"),
    path("table.xlsx", views.table_csv, {"workbook": True}, name="table_xlsx"),
    # Two segments, so no program slug can take these addresses.
    path(
        "figures/columns/",
        column_dictionary,
        {
            "title": _("the training figures, one row per program and year"),
            "columns": FIGURE_COLUMNS,
            "table_url_name": "programs:index",
        },
        name="figures_columns",
    ),
    path(
        "table/columns/",
        column_dictionary,
        {
            "title": _("the training programs table"),
            "columns": WIDE_TABLE_DICTIONARY,
            "table_url_name": "programs:index",
        },
        name="table_columns",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
]
