"""Shared fixtures. The suite runs unchanged on SQLite and on PostgreSQL (DATABASE_URL)."""

import io
import sys
from collections import Counter
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from deployments import sample_data as deployments_sample
from editorial.roles import EDITORS, PUBLISHERS
from pages.models import Block
from programs import sample_data as programs_sample

from . import outside_programs
from .builders import (
    deployment,
    dispatch,
    make_figure,
    make_page,
    make_program,
    make_scheme,
    make_section,
)


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})"


# Tests read English unless they ask for Japanese: reverse() gives /en/ addresses, the test
# clients' browsers ask for English (the admin and / follow Accept-Language), and the labels
# the tests compare are English. A request to a /ja/ page leaves its thread in Japanese
# (LocaleMiddleware), so a test that reverses after one says which language it means.


@pytest.fixture(autouse=True)
def english_by_default():
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """pytest-django's `client`, with a browser that asks for English."""
    return english_client()


def english_client():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


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
    client = english_client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def publisher_client(publisher):
    return signed_in(publisher)


# Data. `world` is a little of everything, built row by row; the sample_* fixtures load the
# site's own sample data (slower: use them for tests that check the real figures).


@pytest.fixture
def world(db):
    """One of each thing the public pages show, and one the public must not see."""
    scheme = make_scheme(name="Police-run programs")
    program = make_program(name="Forensic Science", scheme=scheme)
    figure = make_figure(program=program, year=2019, participants=12, countries=3)
    hidden = make_program(name="Unpublished Program", scheme=scheme, published=False)
    make_figure(program=hidden, year=2019, participants=4, countries=2)
    page = make_page(title="About", slug="about")
    make_section(page, body="Some text.", order=1)
    make_section(page, heading="", body="", block=Block.DISASTER_RELIEF, order=2)
    return SimpleNamespace(
        scheme=scheme,
        program=program,
        figure=figure,
        hidden_program=hidden,
        deployment=deployment(year=2011, month=3, country="TR", persons=5),
        dispatch=dispatch(country="ID", start_year=2015, field_of_work="training"),
        page=page,
    )


@pytest.fixture
def sample_programs(db):
    programs_sample.load()


@pytest.fixture
def sample_deployments(db):
    deployments_sample.load()


@pytest.fixture
def sample_site(db):
    """Every kind of sample data, as `make run` loads it."""
    call_command("load_sample_data", stdout=io.StringIO())


# Debian's Chromium: Playwright's own browser download cannot work on this machine.
CHROMIUM = "/usr/bin/chromium"
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
    outside_programs.require_command("chromium", CHROMIUM)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def redis_url():
    """A Redis server's database for tests that need a real one (skips, saying why, without)."""
    outside_programs.require_redis()
    return outside_programs.REDIS_URL


def pytest_terminal_summary(terminalreporter):
    if outside_programs.skipped:
        terminalreporter.section("skipped: an outside program is missing")
        for message, count in Counter(m for _, m in outside_programs.skipped).items():
            terminalreporter.write_line(f"{count} test(s): {message}")
        terminalreporter.write_line(
            "These tests did not run. CI (.ci/run, REQUIRE_EXTERNAL_TOOLS=1) fails instead."
        )
    # Tell people (and CI logs) where the browser tests left their screenshots.
    helpers = sys.modules.get("tests.e2e_helpers")
    if helpers and helpers.taken:
        terminalreporter.write_line(
            f"Screenshots of {len(helpers.taken)} pages saved in {helpers.SCREENSHOTS}"
        )
