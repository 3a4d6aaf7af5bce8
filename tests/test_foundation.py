import re
import subprocess
import sys

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_503_when_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken_execute(self, *args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken_execute)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_unknown_path_gets_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'href="#main"' in response.content


def _import_settings(env):
    code = "import django; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "npa_portal.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_start_fails_without_secret_key():
    result = _import_settings({"DJANGO_DEBUG": "false"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_secret_key():
    result = _import_settings({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def _settings_variables():
    """Names of the environment variables that settings.py reads (env.X("NAME", ...))."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).parent.parent / "npa_portal" / "settings.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "env"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(node.args[0].value)
    return names


def test_every_setting_variable_is_in_env_example_with_a_comment():
    from pathlib import Path

    lines = (Path(__file__).parent.parent / ".env.example").read_text().splitlines()
    documented = {}
    for number, line in enumerate(lines):
        match = re.match(r"^#? ?([A-Z][A-Z0-9_]+)=", line)
        if match:
            documented[match.group(1)] = number
    variables = _settings_variables()
    assert {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL", "CACHE_URL"} <= variables
    assert sorted(variables - set(documented)) == []
    for name, number in documented.items():
        # The line above each variable explains it (a comment, not another variable).
        above = lines[number - 1]
        assert above.startswith("# ") and not re.match(r"^# ?[A-Z_]+=", above), name


def test_a_server_error_gets_the_styled_500_page(client, monkeypatch):
    from programs.models import ProgramQuerySet

    def broken(self):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(ProgramQuerySet, "last_updated", broken)
    client.raise_request_exception = False
    response = client.get("/programs/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "/static/css/site.css" in html
    assert "Sorry, something went wrong" in html
    assert 'href="https://www.npa.go.jp/english/International_Cooperation.html"' in html
    assert "something unexpected" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/programs/",
        "/programs/community-policing/",
        "/deployments/disaster-relief/",
        "/deployments/expert-dispatches/",
        "/countries/",
        "/countries/id/",
        "/international-cooperation/",
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
    assert '<nav aria-label="Main">' in header and 'href="/programs/"' in header
    assert html.count("<main ") == 1 and '<main id="main"' in html
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert re.search(r'Last updated: <time datetime="\d{4}-\d{2}-\d{2}">', footer), path
    assert 'href="https://www.npa.go.jp/english/International_Cooperation.html"' in footer
