from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("", views.index, name="index"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
    path("table.csv", views.table_csv, name="table_csv"),
    path("<slug:slug>/", views.detail, name="detail"),
]
