from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _

from core.views import column_dictionary

from . import views
from .tables import DEPLOYMENT_COLUMNS, DISPATCH_COLUMNS

app_name = "deployments"

urlpatterns = [
    path("deployments/disaster-relief/", views.disaster_relief, name="disaster_relief"),
    path("deployments/disaster-relief.csv", views.disaster_relief_csv, name="disaster_relief_csv"),
    path("deployments/expert-dispatches/", views.expert_dispatches, name="expert_dispatches"),
    path(
        "deployments/expert-dispatches.csv",
        views.expert_dispatches_csv,
        name="expert_dispatches_csv",
    ),
    path(
        "deployments/disaster-relief.xlsx",
        views.disaster_relief_csv,
        {"workbook": True},
        name="disaster_relief_xlsx",
    ),
    path(
        "deployments/expert-dispatches.xlsx",
        views.expert_dispatches_csv,
        {"workbook": True},
        name="expert_dispatches_xlsx",
    ),
    path(
        "deployments/disaster-relief/columns/",
        column_dictionary,
        {
            "title": _("the disaster relief deployments table"),
            "columns": DEPLOYMENT_COLUMNS,
            "table_url_name": "deployments:disaster_relief",
        },
        name="disaster_relief_columns",
    ),
    path(
        "deployments/expert-dispatches/columns/",
        column_dictionary,
        {
            "title": _("the expert dispatches table"),
            "columns": DISPATCH_COLUMNS,
            "table_url_name": "deployments:expert_dispatches",
        },
        name="expert_dispatches_columns",
    ),
    path("countries/", views.country_list, name="country_list"),
    # Two letters in either case: upper case redirects to the lower-case address.
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", views.country_detail, name="country_detail"),
]
