"""Content pages as visitors and staff see them: drafts, nesting, menu, breadcrumbs, meta tags."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone

from core.figures import LiveFigures
from pages.models import HOME_SLUG, Status
from tests.builders import deployment, dispatch, make_figure, make_page, make_program, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    page = make_page("Plans", status=Status.DRAFT, summary="Not yet.")
    make_section(page, heading="Secret plan", body="Coming soon.")
    return page


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user(username="visitor", password="x")


def test_published_page_shows_title_sections_and_last_updated(client):
    page = make_page("About", summary="Who we are.")
    make_section(page, heading="History", body="Founded in **1985**.")
    response = client.get(page.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>About</h1>" in html
    assert '<h2 id="section-' in html and "History</h2>" in html
    assert "<strong>1985</strong>" in html
    assert "Last updated" in html


def test_draft_is_404_for_anonymous_visitors(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_is_404_for_signed_in_non_staff(client, draft, plain_user):
    client.force_login(plain_user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_is_shown_to_staff_with_a_banner(staff_client, draft):
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft: not public" in html
    assert "Secret plan" in html


def test_published_page_has_no_draft_banner(staff_client):
    page = make_page("Open")
    assert "Draft: not public" not in staff_client.get(page.get_absolute_url()).content.decode()


def test_published_child_of_a_draft_is_hidden_from_visitors(staff_client, draft):
    child = make_page("Child", parent=draft)
    assert Client().get(child.get_absolute_url()).status_code == 404
    response = staff_client.get(child.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: not public" in response.content.decode()


def test_unknown_address_is_404(client):
    assert client.get("/en/no-such-page/").status_code == 404
    assert client.get("/en/a/b/c/").status_code == 404


def test_nested_page_has_breadcrumbs_through_its_parents(client):
    parent = make_page("International cooperation", slug="international-cooperation")
    child = make_page("Technical assistance", slug="technical-assistance", parent=parent)
    html = client.get("/en/international-cooperation/technical-assistance/").content.decode()
    crumbs = html[
        html.index('class="breadcrumbs"') : html.index("</nav>", html.index("breadcrumbs"))
    ]
    assert crumbs.index(">Home<") < crumbs.index(">International cooperation<")
    assert f'href="{parent.get_absolute_url()}"' in crumbs
    assert f'<li aria-current="page">{child.title}</li>' in crumbs


@pytest.mark.parametrize(
    "url",
    [
        "programs:index",
        "deployments:disaster_relief",
        "deployments:expert_dispatches",
        "deployments:country_list",
        "pages:search",
    ],
)
def test_data_pages_have_breadcrumbs_from_home(client, url):
    html = client.get(reverse(url)).content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert f'<a href="{reverse("pages:home")}">Home</a>' in crumbs
    assert crumbs.count('aria-current="page"') == 1


def test_country_page_breadcrumbs_start_at_home(client):
    deployment(country="NP")
    html = client.get(reverse("deployments:country_detail", args=["np"])).content.decode()
    assert f'<a href="{reverse("pages:home")}">Home</a>' in html
    assert '<li aria-current="page">Nepal</li>' in html


def _menu(html):
    start = html.index('<nav aria-label="Main">')
    return html[start : html.index("</nav>", start)]


def test_menu_lists_navigation_pages_in_order_then_data_pages(client):
    make_page("Second", show_in_navigation=True, navigation_order=20)
    make_page("First", show_in_navigation=True, navigation_order=10)
    make_page("Hidden", show_in_navigation=False)
    make_page("Draft in menu", status=Status.DRAFT, show_in_navigation=True)
    menu = _menu(client.get("/en/").content.decode())
    labels = re.findall(r">([^<>]+)</a>", menu)
    assert labels == [
        "Home",
        "First",
        "Second",
        "Training programs",
        "Disaster relief",
        "Expert dispatches",
        "Countries",
    ]


def test_menu_marks_the_current_page_and_its_section(client):
    parent = make_page("Cooperation", show_in_navigation=True)
    child = make_page("Experts", parent=parent)
    menu = _menu(client.get(parent.get_absolute_url()).content.decode())
    assert f'<a href="{parent.get_absolute_url()}" aria-current="page">' in menu
    menu = _menu(client.get(child.get_absolute_url()).content.decode())
    assert f'<a href="{parent.get_absolute_url()}" aria-current="true">' in menu
    menu = _menu(client.get(reverse("programs:index")).content.decode())
    assert f'<a href="{reverse("programs:index")}" aria-current="page">' in menu
    assert menu.count("aria-current") == 1


def test_home_shows_live_key_figures_intro_and_section_links(client):
    program = make_program()
    make_figure(program, year=2019, participants=12, countries=9)
    make_figure(program, year=2020, participants=7, countries=5)
    deployment(year=1990, month=6, country="IR", persons=6)
    deployment(year=2018, month=2, country="TW", persons=2)
    dispatch(country="ID")
    intro = make_page("Welcome", slug=HOME_SLUG, summary="The portal.")
    make_section(intro, heading="", body="Our *introduction* text.")
    listed = make_page("International cooperation", show_in_navigation=True)
    html = client.get("/en/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Training programs in 2020 1" in text
    assert "Overseas officers trained in 2020 7" in text
    assert "Disaster relief deployments since June 1990 2" in text
    assert "Police officials sent with relief teams 8" in text
    assert "Countries and regions reached by disaster relief teams and police experts 3" in text
    assert "<em>introduction</em>" in html
    assert f'href="{listed.get_absolute_url()}"' in html
    for name in ("programs:index", "deployments:disaster_relief", "deployments:country_list"):
        assert f'href="{reverse(name)}"' in html


def test_home_works_without_any_content(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Key figures" in response.content.decode()


def test_home_address_of_the_intro_page_redirects_to_the_home_page(client):
    make_page("Welcome", slug=HOME_SLUG)
    response = client.get("/en/home/")
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:home")


def test_draft_home_intro_is_hidden_from_visitors(staff_client):
    intro = make_page("Welcome", slug=HOME_SLUG, status=Status.DRAFT)
    make_section(intro, heading="", body="Unfinished intro.")
    assert "Unfinished intro" not in Client().get("/en/").content.decode()
    html = staff_client.get("/en/").content.decode()
    assert "Unfinished intro" in html and "Draft: not public" in html


def test_every_page_has_canonical_and_opengraph_tags(client):
    page = make_page("About", summary="Who we are & why.")
    for url in (page.get_absolute_url(), reverse("pages:home"), reverse("programs:index")):
        html = client.get(url).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in html
        assert '<meta property="og:title" content="' in html
        og_title = re.search(r'og:title" content="([^"]*)"', html).group(1)
        title = re.search(r"<title>(.*?) - ", html, re.S).group(1).strip()
        assert og_title == title and og_title
    html = client.get(page.get_absolute_url()).content.decode()
    assert '<meta property="og:description" content="Who we are &amp; why.">' in html


def test_canonical_ignores_the_query_string(client):
    html = client.get(reverse("programs:index") + "?from=2016").content.decode()
    assert f'<link rel="canonical" href="http://testserver{reverse("programs:index")}">' in html


def _page_with_sections(count, **fields):
    page = make_page(f"Page {count}", **fields)
    for index in range(count):
        make_section(
            page,
            heading=f"Part {index}: [[programs.latest_year]]",
            body="Since [[jdr.first_year]], [[dispatches.count]] and [[no.such]]: *text*.",
        )
    make_page(f"Sub-page of {count}", parent=page)
    return page


@pytest.mark.parametrize("who", ["visitor", "staff"])
def test_query_count_does_not_grow_with_the_number_of_sections(
    client, staff_user, django_assert_num_queries, who
):
    """1 and 10 sections, each with figures in heading and text (one unknown): same queries."""
    deployment()
    dispatch()
    make_figure(year=2020)
    status = Status.DRAFT if who == "staff" else Status.PUBLISHED
    if who == "staff":
        client.force_login(staff_user)
    one, ten = _page_with_sections(1, status=status), _page_with_sections(10, status=status)
    client.get(one.get_absolute_url())  # warm up anything cached per process
    with CaptureQueriesContext(connection) as with_one:
        assert client.get(one.get_absolute_url()).status_code == 200
    with django_assert_num_queries(len(with_one)):
        response = client.get(ten.get_absolute_url())
    html = response.content.decode()
    assert html.count('class="page-section"') == 10
    assert html.count("placeholder-error") == (10 if who == "staff" else 0)
    assert len(with_one) <= 12


def test_live_figures_in_text_are_computed_once_per_request():
    figures = LiveFigures()
    deployment()
    assert figures.resolve("jdr.deployments") == 1
    deployment(year=2011)
    assert figures.resolve("jdr.deployments") == 1  # same request, same value
    assert LiveFigures().resolve("jdr.deployments") == 2


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Disallow: {reverse('admin:index')}" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sub_pages_stay_out_of_the_header_bar_and_are_listed_on_their_parent(client):
    parent = make_page("Cooperation", show_in_navigation=True, navigation_order=10)
    make_page("Later", parent=parent, show_in_navigation=True, navigation_order=2)
    child = make_page("Technical assistance", parent=parent, show_in_navigation=True)
    make_page("Draft sub-page", parent=parent, status=Status.DRAFT, show_in_navigation=True)
    menu = _menu(client.get(child.get_absolute_url()).content.decode())
    assert "Technical assistance" not in menu and "Later" not in menu
    assert "Draft sub-page" not in menu and "nav-sub" not in menu
    # Reading a sub-page, its parent's entry says "you are in this section".
    assert f'<a href="{parent.get_absolute_url()}" aria-current="true">' in menu
    listing = client.get(parent.get_absolute_url()).content.decode()
    listing = listing[listing.index('class="sub-pages"') :]
    assert re.findall(r'<li><a href="[^"]+">([^<>]+)</a>', listing) == [
        "Technical assistance",
        "Later",
    ]
    # The home page's list of sections still names them under their parent.
    home = client.get("/en/").content.decode()
    assert home.index(">Cooperation<") < home.index(">Technical assistance<")


def test_sub_page_of_a_page_outside_the_menu_is_a_top_level_entry(client):
    parent = make_page("Background")
    child = make_page("History", parent=parent, show_in_navigation=True)
    menu = _menu(client.get("/en/").content.decode())
    assert "nav-sub" not in menu
    assert f'<li><a href="{child.get_absolute_url()}">History</a></li>' in menu


def test_page_lists_its_sub_pages_with_their_summaries(client, staff_client):
    parent = make_page("Cooperation")
    make_page("Training", parent=parent, summary="Courses in Japan.", navigation_order=1)
    make_page("Experts", parent=parent, summary="Advisers abroad.", navigation_order=2)
    make_page("Plans", parent=parent, status=Status.DRAFT, summary="Unfinished.")
    html = client.get(parent.get_absolute_url()).content.decode()
    listing = html[html.index('class="sub-pages"') :]
    assert re.findall(r">([^<>]+)</a>: ([^<]+)</li>", listing) == [
        ("Training", "Courses in Japan."),
        ("Experts", "Advisers abroad."),
    ]
    staff_html = staff_client.get(parent.get_absolute_url()).content.decode()
    assert 'Plans</a> <span class="draft-label">(draft)</span>: Unfinished.' in staff_html


def test_summary_is_the_meta_description_and_the_lead(client):
    page = make_page("About", summary="Who we are.")
    html = client.get(page.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Who we are.">' in html
    assert '<p class="lead">Who we are.</p>' in html
    untitled = make_page("No summary")
    html = client.get(untitled.get_absolute_url()).content.decode()
    assert '<meta name="description" content="No summary">' in html


def test_last_updated_follows_the_page(client):
    page = make_page("About")
    local = timezone.localtime(page.updated_at)
    html = client.get(page.get_absolute_url()).content.decode()
    expected = f'Last updated: <time datetime="{local:%Y-%m-%d}">'
    assert expected + dateformat.format(local, "j F Y") + "</time>" in html


@pytest.mark.parametrize("url", ["/en/no-such-page/", "/en/programs/no-such-program/"])
def test_not_found_page_has_breadcrumbs_menu_and_search(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="breadcrumbs"' in html and '<li aria-current="page">Page not found</li>' in html
    assert '<nav aria-label="Main">' in html
    assert 'class="site-search"' in html


def test_program_page_breadcrumbs_go_through_the_programs_list(client):
    program = make_program("Community Policing")
    html = client.get(program.get_absolute_url()).content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert f'<a href="{reverse("pages:home")}">Home</a>' in crumbs
    assert f'href="{reverse("programs:index")}"' in crumbs
    assert 'aria-current="page">Community Policing<' in crumbs


def test_home_section_list_joins_link_and_summary_in_each_languages_punctuation(client):
    parent = make_page("Cooperation", show_in_navigation=True, summary="What we do.")
    make_page("Technical assistance", parent=parent, show_in_navigation=True, summary="Help.")
    for language, joiner, foreign in (("en", "</a>: ", "</a>："), ("ja", "</a>：", "</a>: ")):
        html = client.get(f"/{language}/").content.decode()
        listing = html[html.index('class="section-links"') :]
        listing = listing[: listing.index("</section>")]
        assert listing.count(joiner) >= 2 and foreign not in listing, language
    # A parent page's list of its sub-pages follows the same rule.
    ja = client.get(parent.get_absolute_url().replace("/en/", "/ja/", 1)).content.decode()
    sub_pages = ja[ja.index('class="sub-pages"') :]
    assert "</a>：" in sub_pages and "</a>: " not in sub_pages
