"""`make serve` conditions: DEBUG off, hashed static files from collectstatic, the CSP header.

The other tests serve static files from the finders without hashing (test_settings), so a
template that links a missing file would pass them and fail only in production. This test
renders the pages with the production settings in a fresh process.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pages_link_hashed_static_files_that_exist_with_debug_off(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "npa_portal.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "production-check-" + "k" * 40,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": "locmemcache://production-check",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "production_check.py"), str(tmp_path / "static")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    for path, page in report.items():
        assert page["status"] == (404 if path == "/en/no-such-page/" else 200), path
        assert "default-src 'self'" in page["csp"] and "unsafe-inline" not in page["csp"], path
        assert page["static"], path
        for url, status in page["static"].items():
            # site.css -> site.0123456789ab.css: a name that changes with the content.
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
            assert status == 200, url
    assert any("/static/css/site." in url for url in report["/en/programs/"]["static"])
