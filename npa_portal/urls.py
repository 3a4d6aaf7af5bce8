from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Browsers and admin pages ask for /favicon.ico; the icon itself is static/favicon.svg.
    path("favicon.ico", views.favicon, name="favicon"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("programs/", include("programs.urls")),
    path("", include("deployments.urls")),
    path("", include("pages.urls")),
]

handler400 = "npa_portal.views.bad_request"
handler500 = "npa_portal.views.server_error"
