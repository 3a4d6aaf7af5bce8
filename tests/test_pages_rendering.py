"""Section text: the Markdown sanitiser against XSS payloads, and live-figure placeholders."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from core.figures import LiveFigures
from pages.models import Status
from pages.rendering import render_markdown, render_plain
from tests.builders import deployment, make_page, make_section

XSS_PAYLOADS = [
    # script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<script\n>alert(1)</script\n>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)">click</p>',
    '<a href="https://example.org" onmouseover="alert(1)">hover</a>',
    "<body onload=alert(1)>",
    '<div/onpointerenter="alert(1)">x</div>',
    '<details open ontoggle="alert(1)">x</details>',
    # javascript: and data: URLs, in HTML and in Markdown
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](  javascript:alert(1)  )",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[x](data:text/html,<script>alert(1)</script>)",
    "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="vbscript:msgbox(1)">x</a>',
    # SVG and MathML tricks
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    # styles, frames, forms and other elements outside the allow-list
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    # malformed tags and comments
    '<img """><script>alert(1)</script>">',
    "<a href='x' <script>alert(1)</script>>x</a>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<p title="</p><script>alert(1)</script>">x</p>',
    '<table><td background="javascript:alert(1)">x</td></table>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

ALLOWED = {
    "a": {"href", "title", "rel"},
    "abbr": {"title"},
    "th": {"scope"},
}
SAFE_HREF = re.compile(r"^(https?:|mailto:|/|#|[^:]*$)", re.IGNORECASE)


class TagAudit(HTMLParser):
    """Every tag and attribute of the output, as a browser would parse them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.bad = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if (
                name not in ALLOWED.get(tag, set())
                or name == "href"
                and not SAFE_HREF.match((value or "").strip())
            ):
                self.bad.append((tag, name, value))


def audit(html):
    parser = TagAudit()
    parser.feed(html)
    parser.close()
    return parser


class FakeFigures:
    def __init__(self, **values):
        self.values = values

    def resolve(self, name):
        return self.values[name]


def test_there_are_at_least_twenty_payloads():
    assert len(XSS_PAYLOADS) >= 20


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitiser_removes_every_active_part(payload):
    html = str(render_markdown(payload, FakeFigures()))
    parser = audit(html)
    disallowed = set(parser.tags) - {
        "a", "abbr", "blockquote", "br", "caption", "code", "em", "h2", "h3", "h4", "h5", "h6",
        "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }  # fmt: skip
    assert not disallowed, html
    assert not parser.bad, html
    # Text such as "&lt;script&gt;" may remain, shown as text; no raw tag does.
    for needle in ("<script", "<svg", "<style", "<iframe", "<img", "<math"):
        assert needle not in html.lower(), (needle, html)


def test_staff_can_still_use_headings_lists_links_emphasis_and_tables():
    text = (
        "## Sub-heading\n\n"
        "Some *emphasis*, **strong** text and a [link](https://www.npa.go.jp/english/).\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "| Year | Persons |\n|---|---|\n| 2015 | 23 |\n"
    )
    html = str(render_markdown(text, FakeFigures()))
    assert "<h2>Sub-heading</h2>" in html
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html
    assert '<a href="https://www.npa.go.jp/english/" rel="noopener noreferrer">link</a>' in html
    assert "<ul>" in html and "<ol>" in html and html.count("<li>") == 4
    assert "<table>" in html and "<th>Year</th>" in html and "<td>23</td>" in html


def test_known_placeholder_is_filled_with_the_escaped_value():
    figures = FakeFigures(**{"jdr.deployments": 19, "jdr.latest_country": "<b>Taiwan</b>"})
    html = str(
        render_markdown("Sent [[jdr.deployments]] times, to [[ jdr.latest_country ]].", figures)
    )
    assert html == "<p>Sent 19 times, to &lt;b&gt;Taiwan&lt;/b&gt;.</p>"


def test_year_is_not_written_with_a_thousands_separator():
    html = str(
        render_markdown(
            "In [[programs.latest_year]].", FakeFigures(**{"programs.latest_year": 2020})
        )
    )
    assert "In 2020." in html


@pytest.mark.parametrize("name", ["nope.count", "jdr", "jdr deployments", "", "jdr.<b>"])
def test_unknown_placeholder_is_marked_for_staff_and_invisible_to_visitors(name):
    text = f"Before [[{name}]] after."
    staff = str(render_markdown(text, FakeFigures(), show_errors=True))
    assert '<mark class="placeholder-error">' in staff
    assert "<b>" not in staff
    public = str(render_markdown(text, FakeFigures(), show_errors=False))
    assert public == "<p>Before  after.</p>"


def test_placeholder_without_a_value_yet_is_marked_for_staff_only():
    figures = FakeFigures(**{"jdr.first_month_year": ""})
    assert "No value yet" in str(
        render_plain("Since [[jdr.first_month_year]]", figures, show_errors=True)
    )
    assert str(render_plain("Since [[jdr.first_month_year]]", figures)) == "Since "


def test_placeholders_in_headings_are_filled_and_escaped():
    figures = FakeFigures(**{"jdr.persons": 330})
    assert str(render_plain("<i>[[jdr.persons]]</i> officials", figures)) == (
        "&lt;i&gt;330&lt;/i&gt; officials"
    )
    marked = str(render_plain("[[jdr.missing]] officials", figures, show_errors=True))
    assert marked.startswith('<mark class="placeholder-error">Unknown figure: [[jdr.missing]]')


def test_placeholder_inside_a_link_never_breaks_the_markup():
    figures = FakeFigures(**{"jdr.deployments": 19, "evil.scheme": "javascript:alert(1)"})
    text = (
        "[known](/deployments/?n=[[jdr.deployments]]) "
        "[unknown](/x/[[nope.name]]) "
        '[evil]([[evil.scheme]] "[[jdr.deployments]]")'
    )
    html = str(render_markdown(text, figures, show_errors=True))
    assert 'href="/deployments/?n=19"' in html
    assert 'href="/x/"' in html
    assert "javascript" not in html
    assert 'title="19"' in html
    assert not audit(html).bad
    assert html.count("<a ") == html.count("</a>") == 3


@pytest.mark.django_db
def test_placeholders_on_a_page_use_the_live_figures(client, staff_client):
    deployment(year=2015, month=4, country="NP", persons=23)
    deployment(year=2018, month=2, country="TW", persons=2)
    page = make_page("Relief")
    make_section(
        page,
        heading="[[jdr.deployments]] deployments",
        body="[[jdr.persons]] persons, last to [[jdr.latest_country]]. [[jdr.typo]]",
    )
    for response in (
        Client().get(page.get_absolute_url()),
        staff_client.get(page.get_absolute_url()),
    ):
        assert response.status_code == 200
        html = response.content.decode()
        assert ">2 deployments</h2>" in html
        assert "25 persons, last to Taiwan." in html
    assert "placeholder-error" not in Client().get(page.get_absolute_url()).content.decode()
    staff_html = staff_client.get(page.get_absolute_url()).content.decode()
    assert "Unknown figure: [[jdr.typo]]" in staff_html
    assert LiveFigures().resolve("jdr.persons") == 25


@pytest.mark.django_db
def test_unknown_placeholder_never_breaks_a_draft_or_public_page(client, staff_client):
    page = make_page("Broken", status=Status.PUBLISHED)
    make_section(page, heading="[[no.such]]", body="[[]] [[a.b.c]] [[jdr.]] [[.]]")
    assert client.get(page.get_absolute_url()).status_code == 200
    assert staff_client.get(page.get_absolute_url()).status_code == 200
