"""Settings for the NPA International Cooperation portal.

One module; every value comes from the environment (or a local `.env` file) with a safe
default for local use. `.env.example` documents each variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# A fixed key is acceptable only for local development; production must bring its own.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment (see .env.example), "
            "or set DJANGO_DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "simple_history",
    "import_export",
    "npa_portal",
    "core",
    "editorial",
    "programs",
    "deployments",
    "pages",
    "library",
    "api",
    "opendata",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # Outermost: security headers on every answer, cached or not.
    "django.middleware.security.SecurityMiddleware",
    # Bodies over REQUEST_BODY_MAX_BYTES answered 413 before anything reads them.
    "npa_portal.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Any origin may read the open data (the API, the metadata, the feeds, the CSVs): outside
    # the page cache, so that cached answers and 304s carry the header too.
    "api.middleware.OpenDataCorsMiddleware",
    # Anonymous GETs of public pages and CSVs answered from the cache (npa_portal/page_cache.py).
    "npa_portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's documented place): the language from
    # the /ja/ or /en/ prefix, else the visitor's cookie, Accept-Language, Japanese.
    "npa_portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes asks to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "npa_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "npa_portal.context_processors.site",
                "npa_portal.context_processors.languages",
                "pages.context_processors.pages",
            ],
        },
    },
]

WSGI_APPLICATION = "npa_portal.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://npa-portal")}
if "redis" in CACHES["default"]["BACKEND"].lower():
    # django-redis keeps one client per server (Django's own Redis backend builds a new one,
    # with its ~170 response callbacks, for every call), and a Redis that stops answering
    # must cost a request milliseconds, not the site its pages.
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
    )
# An uploaded import file waits between preview and confirm. With a shared cache (Redis) it
# waits there, so the confirm may land on another app server; otherwise in this machine's /tmp.
if "redis" in CACHES["default"]["BACKEND"].lower():
    IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
# The public page cache (npa_portal/page_cache.py). On by default with a shared cache (Redis):
# a process-local cache cannot hear about edits made in another gunicorn worker, so with it
# the page cache is off unless asked for (PAGE_CACHE_ENABLED=true, single process only).
PAGE_CACHE_ENABLED = env.bool(
    "PAGE_CACHE_ENABLED", default="locmem" not in CACHES["default"]["BACKEND"].lower()
)
# Seconds a cached public page or CSV is kept; any content change invalidates it sooner.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Each process also keeps up to this many bytes of the hottest cached answers in memory.
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# Bodies larger than this (bytes, before compression) are served but not cached.
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=8 * 1024 * 1024)

# Email (review and scheduled publishing notifications): EMAIL_URL as django-environ reads it, e.g.
# smtp+tls://user:password@smtp.example.org:587; unset, mails are printed to the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Seconds an SMTP server may take before the mail is given up (and logged).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Admin address, e.g. "staff-7f3a/" to keep it out of the scanners' usual paths.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

# Sign-in throttling (django-axes): 5 failures for a username from one address lock that
# pair out for 15 minutes; 20 failures for a username from any number of addresses lock the
# account (npa_portal.middleware.lockout_parameters); a successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_ACCOUNT_FAILURE_LIMIT = 20
AXES_LOCKOUT_PARAMETERS = "npa_portal.middleware.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_locked.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "npa_portal.middleware.client_ip"
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, trust
# REMOTE_ADDR). Only the addresses those proxies added are believed.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
# The addresses (or networks, "10.0.0.0/24") of those proxies. X-Forwarded-For is believed only
# on requests that come from one of them; a request sent straight to gunicorn is counted by its
# own address, whatever header it carries.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])

# More parameters than this in a query string or form answer 400 (Django's default, stated).
# The length of an address is limited by gunicorn (--limit-request-line, see the Makefile).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# A request body (form fields and files together) over this many bytes is refused with 413
# before Django reads it (npa_portal.middleware.RequestBodyLimitMiddleware); the admin import's
# upload may be up to IMPORT_BODY_MAX_BYTES, so that a file a little over the import's own
# 5 MB limit gets the import page's message. Set the proxy's limit (nginx client_max_body_size)
# to the larger of the two.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=2_621_440)
IMPORT_BODY_MAX_BYTES = env.int("IMPORT_BODY_MAX_BYTES", default=10 * 1024 * 1024)
# The media library's limits (library/checks.py): bytes and pixels of an image, bytes of a PDF.
# Its upload forms accept a body a little larger than the largest file, so that a file over the
# limit gets the form's message rather than a 413.
LIBRARY_IMAGE_MAX_BYTES = env.int("LIBRARY_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
LIBRARY_IMAGE_MAX_PIXELS = env.int("LIBRARY_IMAGE_MAX_PIXELS", default=40_000_000)
LIBRARY_DOCUMENT_MAX_BYTES = env.int("LIBRARY_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
LIBRARY_BODY_MAX_BYTES = max(LIBRARY_IMAGE_MAX_BYTES, LIBRARY_DOCUMENT_MAX_BYTES) + 256 * 1024
# The widths (pixels) made of every image at upload, for srcset; the one used as <img src>.
LIBRARY_IMAGE_WIDTHS = (480, 960, 1440)
LIBRARY_IMAGE_FALLBACK_WIDTH = 960

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# HTTPS: DJANGO_SECURE=true behind TLS (directly or through a proxy that sets
# X-Forwarded-Proto). Turns on HSTS, secure cookies and the redirect to https.
SECURE = env.bool("DJANGO_SECURE", default=False)
if SECURE:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Japanese first, as the agency publishes; every public page at /ja/... and /en/... (urls.py).
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The visitor's choice from the language switch (npa_portal.views.switch_language), for /,
# the admin and pages outside the language prefixes. Not HttpOnly: it holds no secret.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Dates as the agency writes them: 2023年2月 in Japanese, February 2023 in English.
FORMAT_MODULE_PATH = ["npa_portal.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded images and documents (the media library). Local files by default; with several app
# servers, a shared folder or S3 (README "Running in production").
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_STORAGE_BACKEND = env.str(
    "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
MEDIA_STORAGE_OPTIONS = env.json("MEDIA_STORAGE_OPTIONS", default={})
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND, "OPTIONS": MEDIA_STORAGE_OPTIONS},
    # Hashed, compressed file names so browsers may cache static files forever.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Where the public pages' facts come from; shown in the footer.
SOURCE_URL = env.str(
    "SOURCE_URL", default="https://www.npa.go.jp/english/International_Cooperation.html"
)
SITE_NAME = _("NPA International Cooperation")

# The open data's licence and publisher, as the datasets' metadata states them (opendata/).
# Japan's Government Standard Terms of Use 2.0 are compatible with CC BY 4.0.
OPEN_DATA_LICENSE_URL = env.str(
    "OPEN_DATA_LICENSE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_PUBLISHER = "National Police Agency of Japan"
OPEN_DATA_PUBLISHER_URL = "https://www.npa.go.jp/english/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}
