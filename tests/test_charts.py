"""The server-rendered SVG charts: geometry, accessible text, and that they follow the filters."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.charts import bar_chart, column_chart, nice_ticks
from deployments import sample_data as deployments_sample
from deployments.models import DisasterDeployment
from pages.models import Block
from programs import charts as programs_charts
from programs import sample_data as programs_sample

from .builders import (
    deployment,
    make_figure,
    make_many,
    make_page,
    make_program,
    make_scheme,
    make_section,
    many_deployments,
)
from .html_parsing import id_problems


def svgs(html):
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def desc(svg):
    return unescape(re.search(r"<desc[^>]*>(.*?)</desc>", svg, flags=re.S).group(1))


def bar_heights(svg):
    return [float(h) for h in re.findall(r'<rect class="chart-bar"[^>]*height="([\d.]+)"', svg)]


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [
        (0, [0, 1]),
        (1, [0, 1, 2, 3, 4]),
        (3, [0, 1, 2, 3, 4]),
        (7, [0, 2, 4, 6, 8]),
        (98, [0, 50, 100]),
        (130, [0, 50, 100, 150]),
    ],
)
def test_ticks_are_round_and_reach_the_maximum(maximum, expected):
    assert nice_ticks(maximum) == expected


def test_column_heights_are_proportional_and_a_gap_draws_no_bar():
    chart = column_chart("c", "Title", "Summary.", [(2016, 10), (2017, None), (2018, 20)], "Y", "P")
    heights = [rect.height for rect in chart.rects if rect.css == "chart-bar"]
    assert len(heights) == 2
    assert heights[1] == pytest.approx(2 * heights[0])
    texts = [text.text for text in chart.texts]
    assert "–" in texts and "10" in texts and "20" in texts
    assert chart.description == "Summary. 2016: 10; 2017: not held; 2018: 20."


def test_horizontal_bars_keep_the_order_given_and_shorten_long_labels():
    chart = bar_chart("b", "T", "S.", [("A very long label indeed, truly", 4), ("B", 2)], "X", "Y")
    assert chart.rects[0].width == pytest.approx(2 * chart.rects[1].width, abs=0.02)
    labels = [text.text for text in chart.texts if text.anchor == "end"]
    assert labels == ["A very long label ind…", "B"]


def test_japanese_bar_labels_fit_left_of_the_bars():
    """A kanji is about as wide as the text is tall (12 units), not a Latin letter's 7."""
    chart = bar_chart("b", "T", "S.", [("2004年12月 タイ", 20), ("2023年2月 トルコ", 23)], "X", "Y")
    label = next(text for text in chart.texts if text.anchor == "end")
    # The labels end 8 px left of the bars (x in percent of the chart's width, see Chart).
    assert label.x == chart.rects[0].x and label.dx == -8
    # The longer label: 年, 月, ト, ル, コ are wide; five digits and a space are not. At the
    # narrowest width the chart is laid out for, it starts inside the picture.
    assert label.x * chart.width / 100 + label.dx >= 5 * 12 + 6 * 7


@pytest.mark.django_db
def test_programs_page_charts_describe_every_year_and_follow_the_filter(client):
    programs_sample.load()
    html = client.get(reverse("programs:index")).content.decode()
    charts = svgs(html)
    assert len(charts) == 1 + 8  # the total, then one per program
    for svg in charts:
        assert 'role="img"' in svg and "<title" in svg and "style=" not in svg
    # The total chart says what the table's totals row says.
    assert "2016: 98; 2017: 94; 2018: 117; 2019: 114; 2020: 23." in desc(charts[0])

    filtered = client.get(reverse("programs:index") + "?from=2018&to=2019").content.decode()
    charts = svgs(filtered)
    assert desc(charts[0]).endswith("2018: 117; 2019: 114.")
    assert all("2017" not in desc(svg) for svg in charts)
    assert "2018–2019" in charts[0]
    assert id_problems(filtered) == (set(), set())


@pytest.mark.django_db
def test_small_multiples_share_one_scale(client):
    scheme = make_scheme()
    make_figure(make_program("Big", scheme=scheme), year=2019, participants=40, countries=9)
    make_figure(make_program("Small", scheme=scheme), year=2019, participants=10, countries=9)
    html = client.get("/en/programs/").content.decode()
    _total, first, second = svgs(html)
    assert bar_heights(first)[0] == pytest.approx(4 * bar_heights(second)[0])


@pytest.mark.django_db
def test_unpublished_programs_are_left_out_of_the_charts(client):
    make_figure(make_program("Public"), year=2019, participants=10, countries=9)
    make_figure(make_program("Hidden", published=False), year=2019, participants=99, countries=9)
    html = client.get("/en/programs/").content.decode()
    assert "Hidden" not in html
    assert "2019: 10." in desc(svgs(html)[0])


@pytest.mark.django_db
def test_programs_page_costs_one_query_more_for_its_charts(client, django_assert_num_queries):
    make_figure(year=2019)
    with CaptureQueriesContext(connection) as small:
        client.get("/en/programs/")
    make_many(schemes=2, programs=15, years=20)
    with django_assert_num_queries(len(small)):
        html = client.get("/en/programs/").content.decode()
    assert len(svgs(html)) == 1 + 1 + 2 * 15


@pytest.mark.django_db
def test_too_many_programs_for_a_chart_each_keeps_the_total_and_says_why(client, monkeypatch):
    monkeypatch.setattr(programs_charts, "MAX_PROGRAM_CHARTS", 2)
    scheme = make_scheme()
    for name in ("One", "Two", "Three"):
        make_figure(make_program(name, scheme=scheme), year=2019, participants=10, countries=9)
    html = client.get("/en/programs/").content.decode()
    assert len(svgs(html)) == 1
    assert "Total participants per year" in html
    assert "3 programs are listed: too many for a chart each." in html
    monkeypatch.setattr(programs_charts, "MAX_PROGRAM_CHARTS", 3)
    assert len(svgs(client.get("/en/programs/").content.decode())) == 1 + 3


@pytest.mark.django_db
def test_program_page_has_its_own_series_with_gaps(client):
    program = make_program("Forensic Science")
    make_figure(program, year=2016, participants=12, countries=9)
    make_figure(program, year=2018, participants=6, countries=5)
    html = client.get(program.get_absolute_url()).content.decode()
    (svg,) = svgs(html)
    assert desc(svg).endswith("2016: 12; 2017: not held; 2018: 6.")
    assert len(bar_heights(svg)) == 2


@pytest.mark.django_db
def test_disaster_relief_charts_follow_the_filters(client):
    deployments_sample.load()
    html = client.get(reverse("deployments:disaster_relief")).content.decode()
    timeline, by_type = svgs(html)
    rows = DisasterDeployment.objects.count()
    assert len(bar_heights(timeline)) == rows
    assert "sent. Jun 1990 Iran: 6; Jul 1990 Philippines: 11;" in desc(timeline)
    assert "Earthquake: 14; Tsunami: 1; Building collapse: 2." in desc(by_type)

    tsunami = client.get(reverse("deployments:disaster_relief") + "?disaster=tsunami").content
    # One type of disaster left: no chart of a single bar by type.
    (timeline,) = svgs(tsunami.decode())
    assert desc(timeline).endswith("Dec 2004 Thailand: 20.")


@pytest.mark.django_db
def test_disaster_relief_timeline_is_in_date_order_whatever_the_sort(client):
    deployment(year=2011, month=2, country="NZ", persons=43)
    deployment(year=1990, month=6, country="IR", persons=6)
    html = client.get(reverse("deployments:disaster_relief") + "?sort=-persons").content.decode()
    timeline = svgs(html)[0]
    assert desc(timeline).endswith("Jun 1990 Iran: 6; Feb 2011 New Zealand: 43.")


@pytest.mark.django_db
def test_disaster_relief_query_count_does_not_grow_with_the_charts(
    client, django_assert_num_queries
):
    deployment()
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("deployments:disaster_relief"))
    many_deployments(150)
    with django_assert_num_queries(len(small)):
        html = client.get(reverse("deployments:disaster_relief")).content.decode()
    assert len(bar_heights(svgs(html)[0])) == 151


@pytest.mark.django_db
def test_participants_chart_block_renders_the_programs_charts(client):
    programs_sample.load()
    page = make_page("Training")
    make_section(page, heading="At a glance", body="", block=Block.PARTICIPANTS_CHART)
    make_section(page, heading="Again", body="", block=Block.PARTICIPANTS_CHART)
    html = client.get(page.get_absolute_url()).content.decode()
    charts = svgs(html)
    assert len(charts) == 2 * 9
    assert "2016: 98; 2017: 94" in desc(charts[0])
    assert id_problems(html) == (set(), set())


def test_a_year_not_held_is_marked_where_its_bar_would_stand():
    chart = column_chart("c", "T", "S.", [(2016, 10), (2017, None)], "Y", "P")
    marks = [rect for rect in chart.rects if rect.css == "chart-missing-mark"]
    assert len(marks) == 1
    # An outlined gap as wide as a bar would be, not a one-character dash.
    assert marks[0].width == pytest.approx(chart.rects[0].width)
    assert marks[0].height >= 8


def test_a_lone_small_bar_is_drawn_on_a_scale_not_across_the_whole_chart():
    chart = bar_chart("b", "T", "S.", [("Tsunami", 1)], "Deployments", "Disaster")
    grid = [line for line in chart.lines if line.css == "chart-grid"]
    plot_width = max(line.x1 for line in grid) - min(line.x1 for line in grid)
    assert len(grid) >= 4
    assert chart.rects[0].width <= plot_width / 3


def test_charts_stretch_across_the_width_the_page_gives_them():
    """x and widths are percentages: the plot reaches the right edge at any width."""
    chart = column_chart(
        "c", "T", "S.", [(y, 10) for y in range(2016, 2021)], "Y", "P", min_width=320
    )
    assert chart.width == 320
    axis = next(line for line in chart.lines if line.css == "chart-axis")
    assert axis.x2 == pytest.approx(100 * (320 - 8) / 320, abs=0.01)
    assert all(0 <= text.x <= 100 for text in chart.texts)
    assert all(rect.x > 0 and rect.x + rect.width < 100 for rect in chart.rects)
