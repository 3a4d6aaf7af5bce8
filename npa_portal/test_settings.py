"""Settings for the test suite: the real settings, minus anything slow or outside the app."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright + live_server

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests do not run collectstatic, so they cannot use the manifest of hashed names.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the finders, as in development, instead of an empty STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests run inside transactions that never commit, so the cache would never be invalidated;
# the page cache tests turn it on for themselves.
PAGE_CACHE_ENABLED = False
# Uploaded files go to a temporary folder, removed at the end of the run, never into the
# repository; the media library's tests give each test a folder of its own too.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="npa-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
