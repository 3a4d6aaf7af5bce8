"""Security settings: headers and CSP on every answer, `check --deploy`, sign-in throttling."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from tests.builders import make_figure

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "npa_portal.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k7#Qm2!vXw9@pL4$zR8&nT1^bY6*cH3(jF5)dS0-gA2+eU7=iO9_wM4yK8xV1qB6",
    "DJANGO_ALLOWED_HOSTS": "cooperation.example.org",
    "DJANGO_SECURE": "true",
    "DATABASE_URL": "sqlite:////tmp/npa-check-deploy.sqlite3",
}


def _manage(args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_the_https_switch():
    # The test above can fail: without DJANGO_SECURE the HTTPS checks speak up.
    env = {**PRODUCTION_ENV, "DJANGO_SECURE": "false"}
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


def test_https_switch_turns_on_hsts_secure_cookies_redirect_and_proxy_header():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **PRODUCTION_ENV},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == (
        "31536000 True True True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_env_example_documents_every_security_variable():
    text = (ROOT / ".env.example").read_text()
    for name in (
        "DJANGO_SECURE",
        "DJANGO_HSTS_SECONDS",
        "DJANGO_HSTS_INCLUDE_SUBDOMAINS",
        "DJANGO_HSTS_PRELOAD",
        "DJANGO_ADMIN_URL",
        "DJANGO_PROXY_COUNT",
        "DJANGO_CSRF_TRUSTED_ORIGINS",
        "CACHE_URL",
        "PAGE_CACHE_SECONDS",
    ):
        assert f"\n{name}=" in text, name


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/programs/",
        "/en/deployments/disaster-relief/",
        "/en/no-such-page/",
        "/admin/login/",
    ],
)
def test_security_headers_on_every_answer(client, url):
    make_figure()
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";"))
    )
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_csv_answers_carry_the_headers_too(client):
    make_figure()
    response = client.get("/en/programs/figures.csv")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_public_templates_have_no_inline_script_or_style():
    offenders = []
    for folder in ("templates", "programs/templates", "deployments/templates", "pages/templates"):
        for path in (ROOT / folder).rglob("*.html") if (ROOT / folder).exists() else []:
            text = path.read_text()
            if "style=" in text or "<style" in text:
                offenders.append(f"{path}: style")
            for chunk in text.split("<script")[1:]:
                if "src=" not in chunk.split(">", 1)[0]:
                    offenders.append(f"{path}: inline script")
    assert offenders == []


# Sign-in throttling (django-axes).


def _attempt(client, password, username="staff"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def test_five_failures_lock_the_username_from_that_address(client, staff_user):
    for _ in range(4):
        response = _attempt(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    locked = _attempt(client, "wrong")
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    assert b"15 minutes" in locked.content
    # Even the right password is refused while locked.
    assert _attempt(client, "correct horse battery").status_code == 429


def test_lock_is_per_username_and_address(client, staff_user, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.org", "another good pass")
    for _ in range(5):
        _attempt(client, "wrong")
    assert _attempt(client, "correct horse battery").status_code == 429
    # Another account from the same address, and the same account from elsewhere, still work.
    assert _attempt(client, "another good pass", username="other").status_code == 302
    elsewhere = client.post(
        "/admin/login/?next=/admin/",
        {"username": "staff", "password": "correct horse battery"},
        REMOTE_ADDR="198.51.100.9",
    )
    assert elsewhere.status_code == 302


def test_lock_expires_after_fifteen_minutes(client, staff_user):
    from axes.models import AccessAttempt

    for _ in range(5):
        _attempt(client, "wrong")
    assert _attempt(client, "correct horse battery").status_code == 429
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _attempt(client, "correct horse battery").status_code == 302


def test_success_resets_the_count(client, staff_user):
    for _ in range(4):
        _attempt(client, "wrong")
    assert _attempt(client, "correct horse battery").status_code == 302
    client.logout()
    for _ in range(4):
        assert _attempt(client, "wrong").status_code == 200
    assert _attempt(client, "correct horse battery").status_code == 302


def test_client_address_behind_proxies_comes_from_the_right_of_forwarded_for(rf, settings):
    from npa_portal.middleware import client_ip

    request = rf.get("/en/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request) == "203.0.113.5"  # the client's own "1.1.1.1" is not believed


@pytest.fixture
def reload_urls(settings):
    import importlib

    import npa_portal.urls

    original_admin_url = settings.ADMIN_URL
    yield lambda: (importlib.reload(npa_portal.urls), clear_url_caches())
    # The admin address goes back before the URLs are built again, or every later test
    # module would look for the admin at the test's address.
    settings.ADMIN_URL = original_admin_url
    importlib.reload(npa_portal.urls)
    clear_url_caches()


def test_admin_address_is_configurable(client, staff_user, settings, reload_urls):
    settings.ADMIN_URL = "staff-desk-7f3a/"
    reload_urls()
    with override_settings(ROOT_URLCONF="npa_portal.urls"):
        assert client.get("/staff-desk-7f3a/login/").status_code == 200
        assert client.get("/admin/login/").status_code == 404


def test_the_lockout_page_links_home_through_the_url_map():
    from django.template.loader import render_to_string
    from django.urls import set_script_prefix

    set_script_prefix("/portal/")
    try:
        html = render_to_string("axes_locked.html", {"failure_limit": 5})
    finally:
        set_script_prefix("/")
    assert '<a href="/portal/en/">Go to the home page</a>' in html
