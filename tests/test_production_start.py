"""How production starts: no sample data, workers recycled, robots.txt keeps the admin secret."""

import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

ROOT = Path(__file__).resolve().parent.parent


def make_target(name):
    """The recipe lines of one Makefile target."""
    text = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{name}:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert match, f"no `{name}` target"
    return match.group(1)


def test_make_serve_never_loads_sample_data():
    assert "load_sample_data" not in make_target("serve")


def test_make_run_still_loads_sample_data_for_local_use():
    assert "load_sample_data" in make_target("run")


def test_make_serve_recycles_workers_with_jitter():
    recipe = make_target("serve")
    assert re.search(r"--max-requests \d+", recipe)
    assert re.search(r"--max-requests-jitter \d+", recipe)


def test_readme_says_production_loads_no_sample_data_and_recycles_workers():
    readme = (ROOT / "README.md").read_text()
    assert "sample data if empty" not in readme
    assert "(run by `make run` and `make serve`)" not in readme
    assert "--max-requests" in readme


@pytest.fixture
def secret_admin(settings):
    import importlib

    import npa_portal.urls

    settings.ADMIN_URL = "staff-7f3a/"
    importlib.reload(npa_portal.urls)
    clear_url_caches()
    with override_settings(ROOT_URLCONF="npa_portal.urls"):
        yield
    settings.ADMIN_URL = "admin/"
    importlib.reload(npa_portal.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_robots_txt_does_not_print_a_secret_admin_address(client, secret_admin):
    assert client.get("/staff-7f3a/login/").status_code == 200
    body = client.get("/robots.txt").content.decode()
    assert "staff-7f3a" not in body
    assert "Sitemap:" in body
