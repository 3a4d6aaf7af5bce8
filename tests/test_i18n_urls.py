"""Both languages' addresses: /ja/ and /en/ for every public page, / by the visitor's choice,
the old addresses' permanent redirects, the language switch, hreflang, canonical, og:locale,
the sitemap's alternates, the page cache per language, the admin in the staff's language."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from npa_portal import page_store
from pages.models import Status

from .builders import deployment, dispatch, make_figure, make_page, make_program

pytestmark = pytest.mark.django_db

BASE = "http://testserver"

# Every public page type, with a query string where the page reads one (the switch keeps it).
PAGE_TYPES = [
    ("pages:home", [], ""),
    ("pages:search", [], "q=forensic"),
    ("pages:page", ["about"], ""),
    ("pages:page", ["about/history"], ""),
    ("programs:index", [], "from=2018&to=2019"),
    ("programs:detail", ["forensic-science"], ""),
    ("programs:table_columns", [], ""),
    ("deployments:disaster_relief", [], "disaster=earthquake&sort=-persons"),
    ("deployments:expert_dispatches", [], "country=ID"),
    ("deployments:disaster_relief_columns", [], ""),
    ("deployments:country_list", [], ""),
    ("deployments:country_detail", ["tr"], ""),
    ("deployments:expert_dispatches_columns", [], ""),
    ("programs:figures_columns", [], ""),
    ("opendata:index", [], ""),
]


@pytest.fixture
def site(db):
    program = make_program("Forensic Science")
    make_figure(program, year=2019, participants=12)
    deployment(country="TR")
    dispatch(country="ID")
    about = make_page("About", slug="about")
    make_page("History", slug="history", parent=about)


def address(name, args, query, language):
    with translation.override(language):
        path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def alternates(html):
    """{hreflang: href} of the page's <link rel="alternate" hreflang>."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


SWITCH_LABELS = {"ja": "言語", "en": "Language"}


def switch_link(html, language=None):
    """The language switch's one link: (its attributes, its text). The switch is a <nav>
    labelled in the page's language (言語 / Language), so a screen reader lists it among the
    page's landmarks."""
    language = language or re.search(r'<html lang="(\w+)">', html).group(1)
    label = SWITCH_LABELS[language]
    nav = re.search(rf'<nav class="language-switch" aria-label="{label}">(.*?)</nav>', html, re.S)
    assert nav, "a <nav> labelled " + label
    nav = nav.group(1)
    links = re.findall(r"<a ([^>]*)>([^<]*)</a>", nav)
    assert len(links) == 1, links
    attributes, text = links[0]
    return dict(re.findall(r'(\w+)="([^"]*)"', attributes)), text


def meta(html, prop):
    return re.findall(rf'<meta property="{prop}" content="([^"]*)">', html)


@pytest.mark.parametrize("name, args, query", PAGE_TYPES)
@pytest.mark.parametrize("language, other", [("ja", "en"), ("en", "ja")])
def test_every_page_type_in_both_languages(site, name, args, query, language, other):
    url = address(name, args, query, language)
    assert url.startswith(f"/{language}/")
    response = Client().get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert response["Content-Language"] == language

    # hreflang: this page and the other language's, both ways, plus x-default.
    path = url.split("?")[0]
    other_path = address(name, args, "", other)
    links = alternates(html)
    assert links[language] == BASE + path
    assert links[other] == BASE + other_path
    assert links["x-default"] == BASE + "/" + path.split("/", 2)[2]
    assert f'<link rel="canonical" href="{BASE}{path}">' in html
    back = alternates(Client().get(other_path).content.decode())
    assert back[language] == links[language] and back[other] == links[other]

    # OpenGraph names this language and the other.
    locales = {"ja": "ja_JP", "en": "en_US"}
    assert meta(html, "og:locale") == [locales[language]]
    assert meta(html, "og:locale:alternate") == [locales[other]]

    # The switch: the other language, named in itself, leading to the same page and filters.
    attributes, text = switch_link(html)
    assert attributes["lang"] == attributes["hreflang"] == other
    assert text == {"ja": "日本語", "en": "English"}[other]
    switched = Client().get(attributes["href"].replace("&amp;", "&"))
    assert switched.status_code == 302
    assert switched["Location"] == address(name, args, query, other)
    assert switched.cookies["django_language"].value == other


def test_the_switch_keeps_the_query_string_exactly(site):
    url = "/en/deployments/disaster-relief/?team=rescue&disaster=earthquake&from=2010"
    attributes, _text = switch_link(Client().get(url).content.decode())
    href = attributes["href"].replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query)["next"] == [url.replace("/en/", "/ja/", 1)]


# The root address.


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({}, "/ja/"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "ja-JP,ja;q=0.9,en;q=0.8"}, "/ja/"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}, "/ja/"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr,en;q=0.5"}, "/en/"),
        ({"HTTP_COOKIE": "django_language=en"}, "/en/"),
        # The visitor's own choice beats the browser's setting.
        ({"HTTP_COOKIE": "django_language=ja", "HTTP_ACCEPT_LANGUAGE": "en"}, "/ja/"),
        ({"HTTP_COOKIE": "django_language=en", "HTTP_ACCEPT_LANGUAGE": "ja"}, "/en/"),
        # A cookie naming no language of the site is ignored.
        ({"HTTP_COOKIE": "django_language=xx", "HTTP_ACCEPT_LANGUAGE": "en"}, "/en/"),
    ],
)
def test_root_redirects_by_cookie_then_accept_language_else_japanese(headers, expected):
    response = Client(**headers).get("/")
    assert response.status_code == 302
    assert response["Location"] == expected
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"cookie", "accept-language"} <= vary
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= control


def test_root_redirect_keeps_the_query_string():
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/?utm_source=x")
    assert response["Location"] == "/en/?utm_source=x"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_store.state.reset()
    page_store.local_pages.clear()
    cache.clear()
    yield
    cache.clear()
    page_store.local_pages.clear()


def test_root_redirect_is_never_stored_by_the_page_cache(page_cache_on):
    for _ in range(2):
        for language in ("en", "ja", "en"):
            response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/")
            assert response["Location"] == f"/{language}/"
            assert "X-Cache" not in response


def test_pages_are_stored_once_per_language(site, page_cache_on):
    assert Client().get("/ja/programs/")["X-Cache"] == "MISS"
    english = Client().get("/en/programs/")
    assert english["X-Cache"] == "MISS"
    japanese = Client().get("/ja/programs/")
    assert japanese["X-Cache"] == "HIT"
    assert b'<html lang="ja">' in japanese.content
    assert b'<html lang="en">' in Client().get("/en/programs/").content


def test_csvs_are_stored_per_language(site, page_cache_on):
    for language in ("ja", "en"):
        url = f"/{language}/programs/table.csv"
        miss = Client().get(url)
        assert miss["X-Cache"] == "MISS"
        b"".join(miss.streaming_content)  # stored once the whole body has gone out
        hit = Client().get(url)
        assert hit["X-Cache"] == "HIT"
        assert hit["Content-Language"] == language


def test_addresses_outside_the_prefixes_are_stored_per_visitor_language(site, page_cache_on):
    """sitemap.xml has no language prefix: a Japanese reader's copy is not an English one's."""
    japanese = Client(HTTP_ACCEPT_LANGUAGE="ja")
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert japanese.get("/sitemap.xml")["X-Cache"] == "MISS"
    assert english.get("/sitemap.xml")["X-Cache"] == "MISS"
    hit = english.get("/sitemap.xml")
    assert hit["X-Cache"] == "HIT" and hit["Content-Language"] == "en"
    assert japanese.get("/sitemap.xml")["Content-Language"] == "ja"


def test_one_edit_invalidates_both_languages(
    site, page_cache_on, django_capture_on_commit_callbacks
):
    for url in ("/ja/programs/", "/en/programs/"):
        Client().get(url)
        assert Client().get(url)["X-Cache"] == "HIT"
    program = make_program("Cyber Crime Investigation")
    with django_capture_on_commit_callbacks(execute=True):
        make_figure(program, year=2020, participants=7, countries=3)
    for url in ("/ja/programs/", "/en/programs/"):
        response = Client().get(url)
        assert response["X-Cache"] == "MISS", url
        assert b"Cyber Crime Investigation" in response.content


# The old addresses.


@pytest.mark.parametrize(
    "old, new",
    [
        ("/programs/", "/en/programs/"),
        ("/programs/?from=2018&to=2019", "/en/programs/?from=2018&to=2019"),
        ("/programs/forensic-science/", "/en/programs/forensic-science/"),
        ("/programs/figures.csv?from=2019", "/en/programs/figures.csv?from=2019"),
        ("/programs/table.csv", "/en/programs/table.csv"),
        (
            "/deployments/disaster-relief/?team=rescue",
            "/en/deployments/disaster-relief/?team=rescue",
        ),
        ("/deployments/disaster-relief.csv", "/en/deployments/disaster-relief.csv"),
        ("/deployments/expert-dispatches/", "/en/deployments/expert-dispatches/"),
        ("/countries/", "/en/countries/"),
        ("/countries/tr/", "/en/countries/tr/"),
        ("/search/?q=forensic", "/en/search/?q=forensic"),
        ("/about/", "/en/about/"),
        ("/about/history/", "/en/about/history/"),
    ],
)
def test_old_addresses_redirect_permanently_to_their_english_page(site, old, new):
    # Whatever the visitor's language: a link to an old address expects English.
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "ja"}, {"HTTP_COOKIE": "django_language=ja"}):
        response = Client(**headers).get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
    assert Client().get(new).status_code == 200


def test_old_address_without_its_slash_still_arrives():
    response = Client().get("/programs", follow=True)
    assert response.redirect_chain == [("/programs/", 301), ("/en/programs/", 301)]


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/programs/no-such/extra/", "/wp-login.php", "/drafts/", "/ja/x.php"]
)
def test_unknown_old_addresses_are_not_found_at_once(site, path):
    make_page("Drafts", slug="drafts", status=Status.DRAFT)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)
    assert response.status_code == 404
    assert b'class="site-header"' in response.content


def test_a_not_found_page_outside_the_prefixes_speaks_the_visitors_language():
    for language in ("ja", "en"):
        response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/no-such-page/")
        assert response.status_code == 404
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert 'hreflang="x-default"' not in html


# The language switch.


def test_switch_remembers_the_choice_for_the_root_address():
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    response = client.get("/i18n/switch/en/", {"next": "/ja/countries/"})
    assert response["Location"] == "/en/countries/"
    cookie = response.cookies["django_language"]
    assert cookie.value == "en" and cookie["max-age"] and cookie["samesite"] == "Lax"
    assert "no-store" in response["Cache-Control"]
    assert client.get("/")["Location"] == "/en/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/ja/", "javascript:alert(1)", ""]
)
def test_switch_goes_home_rather_than_to_another_site(next_url):
    response = Client().get("/i18n/switch/en/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_switch_to_a_language_the_site_does_not_speak_is_not_found():
    response = Client().get("/i18n/switch/fr/", {"next": "/ja/"})
    assert response.status_code == 404
    assert "django_language" not in response.cookies


def test_admin_follows_the_staff_members_language(staff_client):
    japanese = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ja")
    html = japanese.content.decode()
    assert '<html lang="ja"' in html
    assert "ログアウト" in html  # Django's own Japanese
    year_entry = staff_client.get(
        reverse("admin:programs_annualfigure_year_entry"), HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    assert '<html lang="ja"' in year_entry and "ホーム" in year_entry
    english = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in english.content.decode()
    # The staff member's choice on the public site follows them into the admin.
    staff_client.cookies["django_language"] = "ja"
    assert '<html lang="ja"' in staff_client.get(reverse("admin:index")).content.decode()


# The sitemap.


def test_sitemap_lists_both_languages_with_alternates_both_ways(site):
    xml = Client().get("/sitemap.xml").content.decode()
    entries = re.findall(r"<url>(.*?)</url>", xml, re.S)
    by_location = {}
    for entry in entries:
        location = re.search(r"<loc>([^<]+)</loc>", entry).group(1)
        links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        by_location[location] = links
    for name, args, _query in PAGE_TYPES:
        if name in ("pages:search",) or name.endswith("_columns"):
            continue  # not in the sitemap
        ja, en = (BASE + address(name, args, "", code) for code in ("ja", "en"))
        assert by_location[ja] == by_location[en], name
        assert by_location[ja]["ja"] == ja and by_location[ja]["en"] == en
        assert by_location[ja]["x-default"] == ja.replace("/ja/", "/", 1)
    assert len(entries) == 2 * len({location.replace("/ja/", "/en/") for location in by_location})


def test_robots_txt_keeps_crawlers_off_the_switch():
    body = Client().get("/robots.txt").content.decode()
    assert "Disallow: /i18n/switch/ja/" in body and "Disallow: /i18n/switch/en/" in body
