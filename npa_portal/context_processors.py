from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from core.figures import LiveFigures

# OpenGraph names a locale with its territory.
OG_LOCALES = {"ja": "ja_JP", "en": "en_US"}


def site(request):
    """Site-wide template values; `figures` is lazy, so pages that don't use it run no query."""
    return {
        "site_name": settings.SITE_NAME,
        "source_url": settings.SOURCE_URL,
        "figures": LiveFigures(),
    }


@dataclass
class LanguageVersion:
    """This page in one of the site's languages."""

    code: str
    # The language's name in itself (日本語, English), as a visitor looks for it.
    name: str
    # The address of the same page in that language (hreflang), absolute; "" for a page
    # that has no language prefix (an error page outside /ja/ and /en/).
    url: str
    # The language switch's link: remembers the choice, then the same page, filters and all.
    switch_url: str
    og_locale: str
    current: bool


def languages(request):
    """The page in each language (`language_versions`), for the language switch, the hreflang
    alternates and og:locale, and `x_default_url`: the same address without a language
    prefix (/ chooses by the visitor; any other redirects to English), as the sitemap says."""
    versions = SimpleLazyObject(lambda: _versions(request))
    return {
        "language_versions": versions,
        "x_default_url": SimpleLazyObject(lambda: _x_default(request, versions)),
    }


def _absolute(request, url):
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        # The 400 page for a forged Host header must not fail on that same header.
        return ""


def _versions(request):
    current = translation.get_language()
    prefixed = translation.get_language_from_path(request.path_info) is not None
    full_path = request.get_full_path_info()
    versions = []
    for code, _name in settings.LANGUAGES:
        switch_query = urlencode({"next": translate_url(full_path, code)})
        versions.append(
            LanguageVersion(
                code=code,
                name=translation.get_language_info(code)["name_local"],
                url=_absolute(request, translate_url(request.path_info, code)) if prefixed else "",
                switch_url=f"{reverse('switch_language', args=[code])}?{switch_query}",
                og_locale=OG_LOCALES.get(code, code),
                current=code == current,
            )
        )
    return versions


def _x_default(request, versions):
    default = next((v for v in versions if v.code == settings.LANGUAGE_CODE), None)
    if default is None or not default.url:
        return ""
    # As Django's sitemap writes x-default: the default language's address without its prefix.
    return default.url.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
