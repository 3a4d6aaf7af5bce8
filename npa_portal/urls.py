from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from editorial import views as editorial_views
from pages.sitemaps import SITEMAPS

from . import views

# The admin names the site, not Django; its "View site" link goes back to the public home page
# (/ chooses the staff member's language).
admin.site.site_header = _("NPA International Cooperation: staff pages")
admin.site.site_title = _("NPA International Cooperation staff")
admin.site.index_title = _("Edit the site's pages and figures")
admin.site.site_url = "/"
admin.site.enable_nav_sidebar = False

# Outside the language prefixes: addresses that mean the same thing in any language. The admin
# speaks the staff member's language (cookie, then Accept-Language; LocaleMiddleware).
urlpatterns = [
    path("", views.choose_language, name="choose_language"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers and admin pages ask for /favicon.ico; the icon itself is static/favicon.svg.
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Both languages of every page, each entry with its alternates (pages/sitemaps.py).
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/switch/<str:language>/", views.switch_language, name="switch_language"),
    # Before the admin's own addresses, which would otherwise answer 404 for it.
    path(
        f"{settings.ADMIN_URL}translation-status/",
        editorial_views.translation_status_page,
        name="translation_status",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # The media library's files, when they are local (MEDIA_URL a path, not another host).
    *(
        [path(settings.MEDIA_URL.lstrip("/"), include("library.urls"))]
        if settings.MEDIA_URL.startswith("/")
        else []
    ),
    # The open data: the API and the metadata files mean the same in any language.
    path("", include("api.urls")),
    path("", include("opendata.metadata_urls")),
]

# The public pages, at /ja/... and /en/... with the same slugs.
urlpatterns += i18n_patterns(
    path("", include("opendata.urls")),
    path("programs/", include("programs.urls")),
    path("", include("deployments.urls")),
    path("", include("pages.urls")),
    prefix_default_language=True,
)

# Last: the addresses the site had before it spoke Japanese (/programs/, /deployments/...,
# /countries/..., /search/, content pages, their CSVs) redirect for good to their English page.
# Only paths of slugs (with a final slash) or a file name can be one, never one under /ja/ or /en/.
LANGUAGE_PREFIXES = "|".join(code for code, _name in settings.LANGUAGES)
urlpatterns += [
    re_path(
        rf"^(?!(?:{LANGUAGE_PREFIXES})/)(?P<path>(?:[-\w]+/)+|(?:[-\w]+/)*[-\w]+\.[a-z]+)$",
        views.old_address,
        name="old_address",
    ),
]

handler400 = "npa_portal.views.bad_request"
handler500 = "npa_portal.views.server_error"
