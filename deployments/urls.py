from django.urls import path, re_path

from . import views

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
    path("countries/", views.country_list, name="country_list"),
    path("countries.csv", views.country_list_csv, name="country_list_csv"),
    # Two letters in either case: upper case redirects to the lower-case address.
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/$", views.country_detail, name="country_detail"),
]
