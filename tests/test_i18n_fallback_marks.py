"""A text missing in the page's language is shown in the other language, marked, everywhere.

Page bodies were marked first (tests/test_i18n_content.py); these tests cover the places a name
also appears: the menu and the home page's links, `<title>`, breadcrumbs, search results, table
cells, charts and the feeds. Each uses a record whose Japanese is empty (or, on /en/, whose
English optional text is).
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from .builders import dispatch, make_figure, make_page, make_program, make_scheme

pytestmark = pytest.mark.django_db

NOTE_JA = "（未翻訳）"
MARKED_EN = '<span lang="en">{}</span> <small class="not-translated">' + NOTE_JA + "</small>"


def get(client, language, name, *args, **query):
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def menu(html):
    return re.search(r'<details class="site-menu">.*?</details>', html, re.S).group(0)


def test_a_menu_label_without_japanese_is_marked_as_english(client):
    make_page("Research centre", slug="centre", show_in_navigation=True)
    assert MARKED_EN.format("Research centre") in menu(get(client, "ja", "pages:home"))


def test_a_menu_label_falls_back_to_the_japanese_title_before_english(client):
    make_page("Research centre", slug="centre", show_in_navigation=True, menu_label="Centre",
              title_ja="研究センター")  # fmt: skip
    assert ">研究センター</a>" in menu(get(client, "ja", "pages:home"))


def test_the_home_page_links_mark_untranslated_labels_and_summaries(client):
    make_page("Research centre", slug="centre", show_in_navigation=True, summary="What it does.")
    html = get(client, "ja", "pages:home")
    explore = re.search(r'<ul class="section-links">.*?</ul>\s*</section>', html, re.S).group(0)
    assert MARKED_EN.format("Research centre") in explore
    assert MARKED_EN.format("What it does.") in explore


def test_a_japanese_only_summary_is_marked_on_the_english_home_page(client):
    make_page("Research centre", slug="centre", show_in_navigation=True, summary_ja="概要です。")
    html = get(client, "en", "pages:home")
    assert '<span lang="ja">概要です。</span> <small class="not-translated">' in html


def test_the_title_element_has_no_markup_and_names_the_fallback(client):
    make_page("About us", slug="about")
    text = title(get(client, "ja", "pages:page", "about"))
    assert "<" not in text.replace("&lt;", "")
    assert text.startswith("About us" + NOTE_JA)
    program = make_program("Forensic Science")
    make_figure(program)
    assert title(get(client, "ja", "programs:detail", program.slug)).startswith(
        "Forensic Science" + NOTE_JA
    )


def test_a_translated_title_has_no_note(client):
    make_page("About us", slug="about", title_ja="このサイトについて")
    assert title(get(client, "ja", "pages:page", "about")).startswith("このサイトについて - ")


def test_the_title_element_is_never_empty_on_the_english_page_of_a_page(client):
    make_page("About us", slug="about", title_ja="このサイトについて")
    assert title(get(client, "en", "pages:page", "about")).startswith("About us - ")


def test_breadcrumbs_mark_an_untranslated_current_page_and_parent(client):
    parent = make_page("Cooperation", slug="cooperation")
    make_page("Training", slug="training", parent=parent)
    html = get(client, "ja", "pages:page", "cooperation/training")
    crumbs = re.search(r'<nav aria-label="[^"]*" class="breadcrumbs">.*?</nav>', html, re.S)
    crumbs = crumbs.group(0)
    assert MARKED_EN.format("Cooperation") in crumbs
    assert '<li aria-current="page">' + MARKED_EN.format("Training") + "</li>" in crumbs


def test_search_results_mark_untranslated_titles_and_details(client):
    make_page("Ocean patrols", slug="ocean", summary="Boats and crews.")
    program = make_program("Ocean policing", scheme=make_scheme("Coast programs"))
    make_figure(program)
    dispatch(country="ID", field_of_work="ocean policing advice")
    html = get(client, "ja", "pages:search", q="ocean")
    assert MARKED_EN.format("Ocean patrols") in html
    assert MARKED_EN.format("Boats and crews.") in html
    assert MARKED_EN.format("Ocean policing") in html
    assert MARKED_EN.format("Coast programs") in html
    assert "インドネシア：" + MARKED_EN.format("ocean policing advice") in html


def test_a_translated_search_result_has_no_mark(client):
    make_page("Ocean patrols", slug="ocean", title_ja="海上警備")
    html = get(client, "ja", "pages:search", q="ocean")
    assert ">海上警備</a>" in html


def test_the_experts_cell_marks_an_untranslated_role(client):
    dispatch(country="TR", short_term_experts=2, other_experts_role="judo instructors")
    html = get(client, "ja", "deployments:expert_dispatches")
    assert MARKED_EN.format("judo instructors") in html


def test_the_programs_table_marks_untranslated_program_and_scheme_names(client):
    program = make_program("Forensic Science", scheme=make_scheme("Police-run programs"))
    make_figure(program)
    html = get(client, "ja", "programs:index")
    assert (
        '<th scope="row"><a href="/ja/programs/forensic-science/">'
        + MARKED_EN.format("Forensic Science")
        in html
    )
    assert MARKED_EN.format("Police-run programs") + "</caption>" in html


def test_chart_captions_mark_an_untranslated_program_name_and_svg_texts_name_it(client):
    program = make_program("Forensic Science")
    make_figure(program, year=2018)
    make_figure(program, year=2019)
    for name, args in (("programs:index", ()), ("programs:detail", (program.slug,))):
        html = get(client, "ja", name, *args)
        figures = re.findall(
            r'<figure class="chart" id="[^"]*program[^"]*">.*?</figure>', html, re.S
        )
        assert figures, name
        for figure in figures:
            svg_title = re.search(r"<title[^>]*>(.*?)</title>", figure, re.S).group(1)
            assert "<" not in svg_title and "Forensic Science" + NOTE_JA in svg_title
            caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
            assert MARKED_EN.format("Forensic Science") in caption


def test_the_japanese_page_feed_names_an_untranslated_title(client):
    make_page("About us", slug="about", summary="Who we are.")
    with translation.override("ja"):
        url = reverse("opendata:page_feed")
    xml = client.get(url).content.decode()
    assert "<title>About us" + NOTE_JA + "</title>" in xml
    # The summary is HTML (type="html"): the fallback carries its language there.
    assert '&lt;span lang="en"&gt;Who we are.&lt;/span&gt;' in xml


def test_the_english_page_feed_shows_english_titles_without_a_note(client):
    make_page("About us", slug="about", title_ja="このサイトについて")
    with translation.override("en"):
        url = reverse("opendata:page_feed")
    xml = client.get(url).content.decode()
    assert "<title>About us</title>" in xml
