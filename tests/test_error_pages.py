"""The styled 404 and 500 pages."""

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_path_gets_styled_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'href="#main"' in response.content


def test_a_server_error_gets_the_styled_500_page(client, monkeypatch):
    from programs.querysets import ProgramQuerySet

    def broken(self):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(ProgramQuerySet, "span_and_stamps", broken)
    client.raise_request_exception = False
    response = client.get("/en/programs/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "/static/css/site.css" in html
    assert "Sorry, something went wrong" in html
    assert 'href="https://www.npa.go.jp/english/International_Cooperation.html"' in html
    assert "something unexpected" not in html
