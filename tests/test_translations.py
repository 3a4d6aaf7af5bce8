"""The Japanese interface: locale/ja/LC_MESSAGES/django.po is complete, its committed django.mo
is its exact compilation, every message the code and templates use is in it, and no English
interface string is left on a Japanese page.

The .po and .mo are read with polib, so these checks need no gettext; only the check against the
code runs `makemessages` (xgettext) and skips without gettext, saying how to install it (.ci/run
installs it and turns that skip into a failure).
"""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from deployments import sample_data as deployments_sample
from pages import sample_data as pages_sample
from pages.models import Page, Section
from programs import sample_data as programs_sample
from programs.models import Program

from . import outside_programs

BASE_DIR = Path(settings.BASE_DIR)
PO_PATH = BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# What `make messages` passes to makemessages: the project's own code and templates only.
MAKEMESSAGES_IGNORE = [".venv", "tests", "bench", "tools", "staticfiles", "test-artifacts"]


def catalogue(entries):
    """{(context, msgid, msgid_plural): translation or tuple of plural translations}."""
    result = {}
    for entry in entries:
        if entry.msgid == "":
            continue
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            result[key] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            result[key] = entry.msgstr
    return result


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO_PATH))


def test_po_has_every_message_translated_and_none_fuzzy(po):
    assert po.metadata["Language"] == "ja"
    assert po.metadata["Plural-Forms"].startswith("nplurals=1;")
    assert not po.metadata_is_fuzzy
    assert len(po) > 400
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    # A plural message in Japanese has one form, and it must not be empty either.
    assert [e.msgid for e in po if e.msgid_plural and not all(e.msgstr_plural.values())] == []


def test_translations_keep_every_placeholder(po):
    """A msgstr that drops or misspells %(name)s would raise KeyError or lose a number."""
    placeholder = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")

    def names(text):
        return {a or b for a, b in placeholder.findall(text)}

    problems = []
    for entry in po:
        expected = names(entry.msgid) | names(entry.msgid_plural or "")
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text and not names(text) <= expected:
                problems.append((entry.msgid, text))
        # Only the English singular may leave out the count ("One deployment is recorded").
        if not entry.msgid_plural and entry.msgstr and names(entry.msgstr) != expected:
            problems.append((entry.msgid, entry.msgstr))
    assert problems == []


def test_committed_mo_is_the_compiled_po(po):
    """`make run` reads django.mo without gettext: it must say exactly what the .po says."""
    assert MO_PATH.exists(), "Compile it: msgfmt -o locale/ja/LC_MESSAGES/django.mo ….po"
    assert catalogue(polib.mofile(str(MO_PATH))) == catalogue(po)


def test_every_message_in_the_code_is_in_the_po(po, tmp_path):
    """makemessages over a copy of the code: no message of the code missing from the .po.

    The .po may hold a few messages ahead of the code (a branch's messages, translated before
    it lands, so that it lands green); they are listed, not failed, and `make messages` drops
    them once they are no longer wanted."""
    outside_programs.require_command("gettext", "xgettext")
    copy = tmp_path / "site"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            *MAKEMESSAGES_IGNORE, ".git", "__pycache__", "*.sqlite3", "*.db", "node_modules"
        ),
    )
    (copy / "locale" / "ja" / "LC_MESSAGES" / "django.po").unlink()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "ja", "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={
            "PATH": shutil.os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "npa_portal.test_settings",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr
    in_code = polib.pofile(str(copy / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    wanted = set(catalogue(in_code))
    have = set(catalogue(po))
    ahead = sorted(have - wanted)
    if ahead:
        print(f"{len(ahead)} messages of the .po are not (yet) in the code: {ahead}")
    assert sorted(wanted - have) == [], "Messages in the code but not in the .po: make messages"


# No English interface string left on a Japanese page.


class VisibleText(HTMLParser):
    """Text nodes and the attribute values a person reads or hears, skipping scripts, code and
    any element marked as another language (content shown in English while untranslated)."""

    READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "content"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes = []
        self.stack = []  # (tag, skipped)

    @property
    def skipping(self):
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        other_language = tag != "html" and lang is not None and not lang.startswith("ja")
        # <code>: machine names such as the CSV column "month", the same in both languages.
        skipped = tag in {"script", "style", "code"} or other_language
        if tag == "img" and "/admin/img/" in (attrs.get("src") or ""):
            # Django's own admin writes alt="Search" untranslated (admin/search_form.html).
            attrs.pop("alt", None)
        if not (self.skipping or skipped):
            for name in self.READ_ATTRIBUTES & attrs.keys():
                if name != "content" or attrs.get("name") == "description" or "property" in attrs:
                    self.nodes.append(attrs[name] or "")
            if tag == "input" and attrs.get("type") == "submit":
                self.nodes.append(attrs.get("value") or "")
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.nodes.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(node.split()) for node in parser.nodes]


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
# What a placeholder stands for: a number, a date, a country or a team: a few words at most,
# never a sentence of English content.
VALUE = r"[^.;:!?“”]{1,40}?"


def english_patterns(po):
    """(msgid, regex) for each message whose Japanese differs from its English: the English
    text with placeholders as wildcards. A short message ("Search", "the %(country)s") must
    fill a whole text node, so that English content (shown until it is translated) cannot
    match by chance; a sentence of six words or more may sit anywhere in the text."""
    patterns = []
    for entry in po:
        for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
            if entry.msgstr == msgid:
                continue
            text = " ".join(re.sub(r"<[^>]+>", "", msgid).split())
            words = re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", text))
            if not words:
                continue  # "%(year)s", "; ", "M Y": punctuation and formats, not English
            parts = [re.escape(part) for part in PLACEHOLDER.split(text)]
            body = VALUE.join(parts)
            if len(words) < 6:
                patterns.append((msgid, re.compile(rf"^{body}$")))
            else:
                patterns.append((msgid, re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")))
    return patterns


@pytest.fixture(scope="module")
def english(po):
    return english_patterns(po)


def english_left(html, english, content=frozenset()):
    """The English messages on the page; `content` are texts staff wrote (a section heading
    "Training programs"), shown in English until they are translated: not interface."""
    nodes = [node for node in visible_text(html) if node.strip() not in content]
    whole = " ".join(nodes)
    left = set()
    for msgid, pattern in english:
        if pattern.pattern.startswith("^"):
            if any(pattern.match(node.strip()) for node in nodes):
                left.add(msgid)
        elif pattern.search(whole):
            left.add(msgid)
    return sorted(left)


def test_the_check_finds_english_left_on_a_page(english):
    """The check itself can fail: an English button, sentence or hidden label is found."""
    html = (
        '<html lang="en"><body><button>Search</button><p>3 results for “x”.</p>'
        '<span class="visually-hidden">not held</span>'
        '<nav aria-label="Breadcrumb"></nav><p lang="en">Search</p></body></html>'
    )
    assert english_left(html, english) == [
        "%(counter)s results for “%(query)s”.",
        "Breadcrumb",
        "Search",
        "not held",
    ]
    assert english_left('<p lang="en">Page not found</p>', english) == []


@pytest.fixture
def sample(db):
    programs_sample.load()
    deployments_sample.load()
    pages_sample.load()


def japanese_pages():
    """Every public page type, addressed in Japanese: reverse() under translation.override
    gives the /ja/ addresses."""
    pages = [
        reverse("pages:home"),
        reverse("programs:index"),
        reverse("programs:index") + "?from=2015&to=2017",
        reverse("deployments:disaster_relief"),
        reverse("deployments:disaster_relief") + "?disaster=earthquake&sort=-persons",
        reverse("deployments:expert_dispatches"),
        reverse("deployments:country_list"),
        reverse("deployments:country_detail", args=["tr"]),
        reverse("deployments:country_detail", args=["id"]),
        reverse("pages:search") + "?q=police",
        reverse("pages:search") + "?q=zzzz",
        reverse("pages:search"),
        reverse("deployments:disaster_relief_columns"),
        reverse("deployments:expert_dispatches_columns"),
        reverse("programs:figures_columns"),
        reverse("programs:table_columns"),
    ]
    pages += [program.get_absolute_url() for program in Program.objects.published()]
    pages += [page.get_absolute_url() for page in Page.objects.published()]
    return pages


def staff_written_headings():
    with translation.override("ja"):
        return frozenset(
            str(text).strip()
            for text in [
                *(section.heading for section in Section.objects.all()),
                *(page.title for page in Page.objects.all()),
                *(page.short_title for page in Page.objects.all()),
            ]
            if text
        )


@pytest.mark.django_db
def test_no_english_interface_string_on_japanese_pages(client, sample, english):
    found = {}
    content = staff_written_headings()
    with translation.override("ja"):
        for path in japanese_pages():
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
            assert response.status_code == 200, path
            html = response.content.decode()
            assert '<html lang="ja">' in html and "国際" in html, path  # really Japanese
            if left := english_left(html, english, content):
                found[path] = left
    assert found == {}


@pytest.mark.django_db
def test_no_english_on_japanese_error_and_lockout_pages(client, sample, english):
    found = {}
    with translation.override("ja"):
        pages = {
            "404": client.get(reverse("pages:search") + "no-such-page/"),
            "400 filter": client.get(reverse("deployments:disaster_relief") + "?disaster=x&sort=y"),
            "400 years": client.get(reverse("programs:index") + "?from=2020&to=2010"),
        }
        html = {name: response.content.decode() for name, response in pages.items()}
        assert pages["404"].status_code == 404
        assert pages["400 filter"].status_code == 400
        request = RequestFactory().get("/")
        html["500"] = render_to_string("500.html", {"source_url": settings.SOURCE_URL})
        html["lockout"] = render_to_string("axes_locked.html", {"failure_limit": 5}, request)
        for name, text in html.items():
            if left := english_left(text, english):
                found[name] = left
    assert found == {}
    assert "ページが見つかりません" in html["404"]
    assert "ログインに5回失敗したため" in html["lockout"]


@pytest.mark.django_db
def test_the_programs_table_csv_follows_the_language_and_the_tidy_csvs_keep_their_names(
    client, sample
):
    def header_and_first_row(url):
        response = client.get(url)
        body = b"".join(response.streaming_content).decode("utf-8")
        return [line.split(",") for line in body.splitlines()[:2]]

    with translation.override("ja"):
        table = header_and_first_row(reverse("programs:table_csv") + "?from=2016&to=2016")
        tidy = header_and_first_row(reverse("programs:figures_csv"))
        deployments = header_and_first_row(reverse("deployments:disaster_relief_csv"))
    assert table[0] == ["研修", "2016年 参加人数", "2016年 参加国数"]
    assert tidy[0] == [
        "program",
        "scheme",
        "year",
        "participants",
        "countries",
        "program_ja",
        "scheme_ja",
        "provisional",
    ]
    # Machine names, and the cells in the page's language (country and disaster names).
    assert deployments[0][:4] == ["year", "month", "country_code", "country"]
    assert any(cell in deployments[1] for cell in ["地震", "津波", "ビル倒壊", "洪水", "暴風雨"])
    with translation.override("en"):
        table = header_and_first_row(reverse("programs:table_csv") + "?from=2016&to=2016")
    assert table[0] == ["program", "2016 participants", "2016 countries"]


@pytest.mark.django_db
def test_the_programs_workbook_follows_the_language(client, sample):
    import io

    from openpyxl import load_workbook

    with translation.override("ja"):
        response = client.get(reverse("programs:table_xlsx") + "?from=2016&to=2016")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["データ", "列の説明"]
    header = next(workbook["データ"].iter_rows(values_only=True))
    assert header == ("研修", "2016年 参加人数（人）", "2016年 参加国数（か国・地域）")


def admin_pages():
    """The staff's pages: the dashboard, lists, forms, one-year entry, imports and history."""
    from deployments.models import DisasterDeployment, ExpertDispatch
    from programs.models import Scheme

    deployment = DisasterDeployment.objects.order_by("pk").first()
    deployment.persons += 1
    deployment.save()  # a second version, so the history shows a change
    first_version = deployment.history.order_by("history_date").first()
    dispatch = ExpertDispatch.objects.order_by("pk").first()
    program = Program.objects.order_by("pk").first()
    page = Page.objects.order_by("pk").first()
    scheme = Scheme.objects.order_by("pk").first()
    year_entry = reverse("admin:programs_annualfigure_year_entry")
    pages = [
        reverse("admin:index"),
        year_entry,
        f"{year_entry}?year=2020&scheme={scheme.pk}",
        reverse("admin:deployments_disasterdeployment_change", args=[deployment.pk]),
        reverse("admin:deployments_disasterdeployment_history", args=[deployment.pk]),
        reverse("admin:programs_program_change", args=[program.pk]),
        reverse("admin:pages_page_change", args=[page.pk]),
        # The revert form of an older version, the translation status page, the other forms.
        reverse(
            "admin:deployments_disasterdeployment_simple_history",
            args=[deployment.pk, first_version.history_id],
        ),
        reverse("translation_status"),
        reverse("admin:programs_scheme_change", args=[scheme.pk]),
        reverse("admin:programs_scheme_changelist"),
        reverse("admin:deployments_expertdispatch_change", args=[dispatch.pk]),
        reverse("admin:programs_program_add"),
        reverse("admin:pages_page_add"),
    ]
    for model in [
        "programs_annualfigure",
        "programs_program",
        "deployments_disasterdeployment",
        "deployments_expertdispatch",
        "pages_page",
    ]:
        pages += [
            reverse(f"admin:{model}_changelist"),
            reverse(f"admin:{model}_recently_deleted"),
        ]
    for model in [
        "programs_annualfigure",
        "deployments_disasterdeployment",
        "deployments_expertdispatch",
    ]:
        pages += [reverse(f"admin:{model}_import"), reverse(f"admin:{model}_export")]
    return pages


@pytest.mark.django_db
def test_no_english_interface_string_on_japanese_admin_pages(staff_client, sample, english):
    found = {}
    content = staff_written_headings()
    with translation.override("ja"):
        for path in admin_pages():
            response = staff_client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
            assert response.status_code == 200, path
            assert '<html lang="ja"' in response.content.decode(), path  # the staff's language
            if left := english_left(response.content.decode(), english, content):
                found[path] = left
    assert found == {}
