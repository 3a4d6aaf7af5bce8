from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

# The admin names the site, not Django; its "View site" link goes back to the public home page.
admin.site.site_header = _("NPA International Cooperation: staff pages")
admin.site.site_title = _("NPA International Cooperation staff")
admin.site.index_title = _("Edit the site's pages and figures")
admin.site.site_url = "/"

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
