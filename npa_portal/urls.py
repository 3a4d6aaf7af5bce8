from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("programs/", include("programs.urls")),
    path("", include("deployments.urls")),
    path("", include("pages.urls")),
]
