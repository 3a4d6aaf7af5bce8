"""Shared fixtures. The suite runs unchanged on SQLite and on PostgreSQL (DATABASE_URL)."""

import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from editorial.roles import EDITORS, PUBLISHERS


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})"


# Staff accounts as they are set up: a superuser, and members of the two roles (editorial.roles).


@pytest.fixture
def staff_user(django_user_model):
    """A superuser: may do everything, including managing users."""
    return django_user_model.objects.create_superuser(
        username="staff", email="staff@example.org", password="correct horse battery"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def make_staff(django_user_model):
    """make_staff(username, role=None): a staff account in the group `role`, or in none."""

    def make(username, role=None):
        user = django_user_model.objects.create_user(username, is_staff=True)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff("editor", EDITORS)


@pytest.fixture
def publisher(make_staff):
    return make_staff("publisher", PUBLISHERS)


def signed_in(user):
    """A client of its own, so a test can also use `client` as someone else."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def publisher_client(publisher):
    return signed_in(publisher)


# Debian's Chromium: Playwright's own browser download cannot work on this machine.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


def pytest_terminal_summary(terminalreporter):
    # Tell people (and CI logs) where the browser tests left their screenshots.
    helpers = sys.modules.get("tests.e2e_helpers")
    if helpers and helpers.taken:
        terminalreporter.write_line(
            f"Screenshots of {len(helpers.taken)} pages saved in {helpers.SCREENSHOTS}"
        )
