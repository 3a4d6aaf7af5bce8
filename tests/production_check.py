"""Run by tests/test_production_static.py in a fresh process, with the production settings.

DEBUG off, the manifest storage of hashed names, a throwaway SQLite database and STATIC_ROOT:
collectstatic, migrate, load the sample data, then fetch each public page and the static files
it links. Prints one JSON line: status, CSP header and linked static URLs per page.
"""

import json
import re
import sys

import django
from django.test.utils import override_settings

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = [
    "/en/",
    "/en/programs/",
    "/en/programs/community-policing/",
    "/en/deployments/disaster-relief/",
    "/en/deployments/expert-dispatches/",
    "/en/countries/",
    "/en/countries/tr/",
    "/en/no-such-page/",
    "/admin/login/",
]

with override_settings(STATIC_ROOT=sys.argv[1], ALLOWED_HOSTS=["testserver"]):
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_sample_data", verbosity=0)
    client = Client()
    report = {}
    for path in PAGES:
        response = client.get(path)
        html = response.content.decode()
        static = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html)))
        report[path] = {
            "status": response.status_code,
            "csp": response.get("Content-Security-Policy", ""),
            "static": {url: client.get(url).status_code for url in static},
        }
    print(json.dumps(report))
