"""`Access-Control-Allow-Origin: *` on GET and HEAD answers of the open data addresses.

Everything there is public and read-only, so any web page may read it from a browser. Outside
the page cache, so cached answers and 304s carry the header too.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

# The addresses (URL names) whose answers any origin may read, and every path below them.
OPEN_DATA_URLS = ("api:api-root", "metadata:catalog", "metadata:datapackage", "opendata:index")


def _prefixes():
    """Each address in every language (/en/open-data/, /ja/open-data/, /api/v1/ once)."""
    prefixes = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for name in OPEN_DATA_URLS:
                try:
                    prefixes.add(reverse(name))
                except NoReverseMatch:
                    continue
    return tuple(sorted(prefixes))


class OpenDataCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = None

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD"):
            if self.prefixes is None:
                self.prefixes = _prefixes()
            path = request.path
            if path.startswith(self.prefixes) or path.endswith(".csv"):
                response["Access-Control-Allow-Origin"] = "*"
        return response
