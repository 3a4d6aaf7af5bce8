"""Every public page type has the parts of base.html."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/programs/",
        "/en/programs/community-policing/",
        "/en/deployments/disaster-relief/",
        "/en/deployments/expert-dispatches/",
        "/en/countries/",
        "/en/countries/id/",
        "/en/international-cooperation/",
    ],
)
def test_every_page_has_the_parts_of_base_html(client, path):
    from deployments import sample_data as deployments_sample
    from pages import sample_data as pages_sample
    from programs import sample_data as programs_sample

    for sample in (programs_sample, deployments_sample, pages_sample):
        sample.load()
    html = client.get(path).content.decode()
    assert '<html lang="en">' in html
    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    header = html[html.index("<header") : html.index("</header>")]
    assert '<nav aria-label="Main">' in header and 'href="/en/programs/"' in header
    assert html.count("<main ") == 1 and '<main id="main"' in html
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert re.search(r'Last updated: <time datetime="\d{4}-\d{2}-\d{2}">', footer), path
    assert 'href="https://www.npa.go.jp/english/International_Cooperation.html"' in footer
