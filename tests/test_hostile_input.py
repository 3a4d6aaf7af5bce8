"""Hostile input: nothing staff or visitors type executes, leaks, or answers a 500.

Payload lists in tests/hostile.py. Every text field that reaches a public page gets each XSS
payload; every CSV gets the formula payloads; every query parameter of every public URL gets
the SQL metacharacters.
"""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.test import Client

from deployments.choices import DisasterType, Team
from deployments.models import DisasterDeployment, ExpertDispatch
from pages.models import Block, Page, Section, Status
from programs.models import AnnualFigure, Program, Scheme

from .hostile import FORMULA_PAYLOADS, SQL_PAYLOADS, XSS_PAYLOADS

pytestmark = pytest.mark.django_db

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "form", "style", "svg"}
URL_ATTRIBUTES = {"href", "src", "action", "data", "formaction", "xlink:href"}


class ActiveContentFinder(HTMLParser):
    """Everything in a page that a browser could run: scripts, handlers, javascript: links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # A JSON-LD block is data a browser never runs; text that closed it early would open
        # a second <script> without that type, and be found.
        runs = attributes.get("type") != "application/ld+json"
        if tag == "script" and runs and not attributes.get("src", "").startswith("/static/"):
            self.found.append(f"<script {attrs}>")
        elif tag in DANGEROUS_TAGS - {"script", "meta", "form", "svg"}:
            self.found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.found.append(f"<meta http-equiv {attrs}>")
        if tag == "svg" and any(name.startswith("on") for name in attributes):
            self.found.append(f"<svg {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            if name in URL_ATTRIBUTES and value:
                cleaned = "".join(value.split()).lower()
                if cleaned.startswith(("javascript:", "data:text", "vbscript:")):
                    self.found.append(f"<{tag} {name}={value!r}>")


def active_content(html):
    finder = ActiveContentFinder()
    finder.feed(html)
    return finder.found


def _hostile_world(text):
    """One of everything public, with `text` in every free-text field."""
    scheme = Scheme.objects.create(name_en=f"Scheme {text}"[:120], slug="hostile-scheme")
    scheme.description = text
    scheme.save()
    program = Program.objects.create(
        name_en=f"Program {text}"[:200],
        slug="hostile-program",
        scheme=scheme,
        description_en=text,
        published=True,
    )
    AnnualFigure.objects.create(
        program=program, year=2019, participants=12, countries=3, note_en=text[:200]
    )
    DisasterDeployment.objects.create(
        year=2011,
        month=3,
        country="TR",
        disaster=DisasterType.EARTHQUAKE,
        team=Team.RESCUE,
        persons=5,
        place_en=text[:200],
        summary_en=text,
    )
    ExpertDispatch.objects.create(
        country="ID",
        beneficiary="TL",
        start_year=2015,
        field_of_work_en=text[:200],
        partner_en=text[:200],
        description_en=text,
        other_experts=1,
        other_experts_role_en=text[:100],
    )
    page = Page.objects.create(
        title_en=text[:200], slug="hostile", summary_en=text[:300], status=Status.PUBLISHED
    )
    Section.objects.create(page=page, heading_en=text[:200], body_en=text, order=1)
    Section.objects.create(page=page, body_en=f"Intro\n\n{text}\n\n- {text}", order=2)
    Section.objects.create(page=page, block=Block.DISASTER_RELIEF, order=3)
    Section.objects.create(page=page, block=Block.PROGRAMS_TABLE, scheme=scheme, order=4)
    Page.objects.create(
        title_en="Home", slug="home", summary_en=text[:300], status=Status.PUBLISHED
    )
    Section.objects.create(page=Page.objects.get(slug="home"), heading_en=text[:200], order=1)
    return program


PUBLIC_PAGES = [
    "/en/",
    "/en/programs/",
    "/en/programs/hostile-program/",
    "/en/deployments/disaster-relief/",
    "/en/deployments/expert-dispatches/",
    "/en/countries/",
    "/en/countries/tr/",
    "/en/countries/id/",
    "/en/countries/tl/",
    "/en/hostile/",
    "/en/search/?q=Program",
    "/en/search/?q=hostile",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_in_every_field_stay_inert(payload):
    _hostile_world(payload)
    client = Client()
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert active_content(html) == [], url
        if "<" in payload:
            assert payload not in html, url


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:6])
def test_xss_payloads_in_the_search_box_stay_inert(payload):
    _hostile_world("Plain text")
    response = Client().get("/en/search/", {"q": payload})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert active_content(html) == []
    assert payload not in html


def test_xss_finder_can_fail():
    assert active_content('<p><img src=x onerror="alert(1)"></p>')
    assert active_content("<script>alert(1)</script>")
    assert active_content('<a href=" javascript:alert(1)">x</a>')
    assert active_content('<link rel="stylesheet" href="/static/css/site.css">') == []


CSV_URLS = [
    "/en/programs/figures.csv",
    "/en/programs/table.csv",
    "/en/deployments/disaster-relief.csv",
    "/en/deployments/expert-dispatches.csv",
]


def _csv_cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_formula_payloads_never_start_a_csv_cell(payload):
    _hostile_world(payload)
    client = Client()
    for url in CSV_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        cells = _csv_cells(response)
        stripped = payload.lstrip("\t\r")
        assert any(stripped.strip() in cell for cell in cells), url  # the text is there...
        formulas = [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
        # ...but never as a formula (numbers like -1 would be fine; none here are negative).
        assert formulas == [], (url, formulas)


PARAMETERS = {
    "/en/programs/": ["from", "to"],
    "/en/programs/figures.csv": ["from", "to", "bom"],
    "/en/programs/table.csv": ["from", "to", "bom"],
    "/en/programs/hostile-program/": ["from"],
    "/en/deployments/disaster-relief/": ["from", "to", "disaster", "team", "country", "sort"],
    "/en/deployments/disaster-relief.csv": ["from", "to", "disaster", "team", "country", "sort"],
    "/en/deployments/expert-dispatches/": ["from", "to", "country"],
    "/en/deployments/expert-dispatches.csv": ["from", "to", "country"],
    "/en/countries/": ["country"],
    "/en/countries/tr/": ["from"],
    "/en/search/": ["q"],
    "/en/hostile/": ["sort", "country"],
    "/en/": ["q"],
    "/sitemap.xml": ["p", "section"],
    "/robots.txt": ["q"],
}

LEAKS = (b"Traceback", b"ProgrammingError", b"OperationalError", b"DatabaseError", b'File "/')


@pytest.mark.parametrize("url", list(PARAMETERS))
def test_sql_metacharacters_in_every_parameter(url):
    _hostile_world("Plain text")
    counts = (Program.objects.count(), Page.objects.count(), DisasterDeployment.objects.count())
    client = Client()
    for name in PARAMETERS[url]:
        for payload in SQL_PAYLOADS:
            response = client.get(url, {name: payload})
            assert response.status_code < 500, (url, name, payload)
            assert response.status_code in (200, 400, 404), (url, name, payload)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert not any(leak in body for leak in LEAKS), (url, name, payload)
    assert counts == (
        Program.objects.count(),
        Page.objects.count(),
        DisasterDeployment.objects.count(),
    )


def test_sql_metacharacters_in_paths():
    _hostile_world("Plain text")
    client = Client()
    for payload in ("'", "%27%20OR%201=1--", "1;DROP", "%25", "..%2F..%2Fetc%2Fpasswd"):
        for prefix in ("/en/programs/", "/en/countries/", "/", "/en/hostile/"):
            response = client.get(f"{prefix}{payload}/")
            assert response.status_code in (400, 404), (prefix, payload)
