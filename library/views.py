"""Serving the library's files from the app: in development, and on a single server without
nginx. In production nginx (or S3) serves them instead, with the same headers (README)."""

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from .checks import suffix

# Only what the library stores, with the type its content was checked to be: the name is ours.
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
}
# Every upload gets a new name (a random folder), so a file at an address never changes.
CACHE_CONTROL = "public, max-age=31536000, immutable"


@require_safe
def media_file(request, path):
    content_type = CONTENT_TYPES.get(suffix(path))
    if content_type is None or not path.startswith("library/"):
        raise Http404
    try:
        if not default_storage.exists(path):
            raise Http404
        handle = default_storage.open(path, "rb")
    except (SuspiciousFileOperation, ValueError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = CACHE_CONTROL
    # SecurityMiddleware adds X-Content-Type-Options: nosniff, django-csp the site's policy.
    return response
