"""A newcomer on the staff side: one command for an account, an admin that names the site, and
sections that number themselves."""

import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.builders import make_page, make_section

ROOT = Path(__file__).resolve().parent.parent


def test_make_admin_creates_a_superuser_with_the_local_settings():
    commands = subprocess.run(
        ["make", "-n", "admin"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "DJANGO_DEBUG=true" in commands and "manage.py createsuperuser" in commands
    readme = (ROOT / "README.md").read_text()
    assert "make admin" in readme
    # The bare command fails without DJANGO_SECRET_KEY outside `make run`: not the first advice.
    staff = readme[readme.index("## Staff accounts") :]
    assert staff.index("make admin") < staff.index("createsuperuser")


def test_make_run_prints_the_admin_address_and_how_to_get_an_account():
    commands = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "/admin/" in commands and "make admin" in commands


def test_every_readme_section_named_elsewhere_exists():
    headings = set(re.findall(r"^#+ (.+)$", (ROOT / "README.md").read_text(), re.M))
    for name in (".env.example", "requirements.txt", "requirements-dev.txt", "Makefile"):
        text = (ROOT / name).read_text()
        for section in re.findall(r'README "([^"]+)"', text):
            assert section in headings, (name, section)


@pytest.mark.django_db
def test_admin_names_the_site_and_links_back_to_it(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "Django administration" not in html
    assert "NPA International Cooperation: staff pages" in html
    assert '<a href="/">View site</a>' in html


@pytest.mark.django_db
def test_a_new_section_starts_at_the_next_free_ten(staff_client):
    page = make_page("Numbered")
    for order in (10, 20, 35):
        make_section(page, order=order)
    html = staff_client.get(reverse("admin:pages_page_change", args=[page.pk])).content.decode()
    blank = re.search(r'name="sections-__prefix__-order"[^>]*>', html).group(0)
    assert 'value="40"' in blank
    html = staff_client.get(reverse("admin:pages_page_add")).content.decode()
    blank = re.search(r'name="sections-__prefix__-order"[^>]*>', html).group(0)
    assert 'value="10"' in blank
