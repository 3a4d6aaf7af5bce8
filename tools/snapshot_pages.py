"""Write every public page type and CSV, as served on the sample data, to a directory.

For checking that a refactoring changes nothing a visitor gets: run it before and after, then
compare the two directories.

    .venv/bin/python tools/snapshot_pages.py /tmp/before      # on the old commit
    .venv/bin/python tools/snapshot_pages.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after

It uses the test settings and a fresh SQLite database in a temporary directory (your own
database is not touched), migrates, loads the sample data and requests each address with
Django's test client. The clock is frozen while the data is loaded and the pages are rendered,
so every "last updated" date is the same from run to run. `index.txt` lists each address with
its status code and the file its body was written to. Only public names are used (URLs, the
`load_sample_data` command, the `Page` and `Program` models), so the script runs unchanged on
older commits.

Each public address is requested without a language prefix (the site's old addresses: pages
before the site spoke Japanese, permanent redirects to /en/ since), then under /en/ and /ja/
(404 on a commit from before).
"""

import argparse
import os
import re
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
FROZEN_NOW = datetime(2026, 3, 16, 9, 30, tzinfo=UTC)
SORTS = [
    f"{way}{key}" for key in ("date", "country", "disaster", "team", "persons") for way in ("", "-")
]

# The API and the metadata files: one address for every language (404 on a commit from before
# the open data). Each deployments sort, since the API sorts as the page does.
OPEN_DATA_ADDRESSES = [
    "/api/v1/openapi.json",
    "/api/v1/docs/",
    "/api/v1/schemes",
    "/api/v1/programs",
    "/api/v1/programs?from=2018&to=2019",
    "/api/v1/figures",
    "/api/v1/figures?limit=5&offset=5",
    "/api/v1/deployments",
    *(f"/api/v1/deployments?sort={key}" for key in SORTS),
    "/api/v1/deployments?sort=-country&limit=4&offset=4",
    "/api/v1/deployments?disaster=earthquake&sort=-persons",
    "/api/v1/deployments?from=abc",
    "/api/v1/dispatches",
    "/api/v1/countries",
    "/api/v1/countries/np",
    "/api/v1/countries/tr",
    "/api/v1/pages",
    "/catalog.jsonld",
    "/datapackage.json",
]

# (address, why it is here). Filters cover valid, reversed, repeated and nonsense input.
FIXED_ADDRESSES = [
    "/",
    "/programs/",
    "/programs/?from=2018&to=2019",
    "/programs/?from=2018",
    "/programs/?to=2015",
    "/programs/?from=2019&to=2018",
    "/programs/?from=2017&from=2019",
    "/programs/?from=abc",
    "/programs/figures.csv",
    "/programs/figures.csv?from=2018&to=2019",
    "/programs/figures.csv?bom=1",
    "/programs/table.csv",
    "/programs/table.csv?from=2018&to=2019",
    "/programs/table.csv?from=2019&to=2018",
    "/deployments/disaster-relief/",
    "/deployments/disaster-relief/?sort=-persons",
    "/deployments/disaster-relief/?sort=country",
    "/deployments/disaster-relief/?disaster=tsunami",
    "/deployments/disaster-relief/?disaster=earthquake&team=rescue&sort=-date",
    "/deployments/disaster-relief/?country=np",
    "/deployments/disaster-relief/?from=2000&to=2010",
    "/deployments/disaster-relief/?from=2010&to=2000",
    "/deployments/disaster-relief/?from=2000&from=2010",
    "/deployments/disaster-relief/?sort=nonsense&from=abc",
    "/deployments/disaster-relief.csv",
    "/deployments/disaster-relief.csv?disaster=earthquake&sort=-persons",
    "/deployments/disaster-relief.csv?from=2000&to=2010",
    "/deployments/disaster-relief.csv?from=2010&to=2000",
    "/deployments/expert-dispatches/",
    "/deployments/expert-dispatches/?from=2010&to=2015",
    "/deployments/expert-dispatches/?country=id",
    "/deployments/expert-dispatches/?from=2015&to=2010",
    "/deployments/expert-dispatches/?to=2010&to=2015",
    "/deployments/expert-dispatches.csv",
    "/deployments/expert-dispatches.csv?from=2010&to=2015",
    "/deployments/expert-dispatches.csv?from=2015&to=2010",
    "/countries/",
    "/countries/np/",
    "/countries/id/",
    "/countries/tr/",
    "/search/",
    "/search/?q=Nepal",
    "/search/?q=police+training",
    "/search/?q=earthquake+Turkey",
    "/sitemap.xml",
    "/robots.txt",
    "/no-such-page/",
    "/international-cooperation/no-such-page/",
    "/open-data/",
    "/open-data/feeds/disaster-relief.atom",
    "/open-data/feeds/pages.atom",
    *OPEN_DATA_ADDRESSES,
]


# Addresses that have no language prefix (the same answer in either language).
OUTSIDE_LANGUAGES = {"/sitemap.xml", "/robots.txt", *OPEN_DATA_ADDRESSES}
LANGUAGE_PREFIXES = ("/en", "/ja")


def file_name(number, address):
    slug = re.sub(r"[^A-Za-z0-9.=-]+", "_", address).strip("_") or "home"
    return f"{number:03d}_{slug[:120]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write the bodies to (created)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    workdir = tempfile.TemporaryDirectory(prefix="npa-snapshot-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "npa_portal.test_settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/db.sqlite3"
    os.environ["CACHE_URL"] = "locmemcache://npa-snapshot"
    os.environ.pop("PAGE_CACHE_ENABLED", None)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    with mock.patch("django.utils.timezone.now", return_value=FROZEN_NOW):
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_sample_data", verbosity=0)

        from django.utils import translation

        from pages.models import Page
        from programs.models import Program

        pages = list(Page.objects.order_by("pk"))
        programs = list(Program.objects.published().order_by("pk")[:3])
        with translation.override("en"):
            # The unprefixed address of each page and program, whatever the commit.
            old = [obj.get_absolute_url().removeprefix("/en/") for obj in pages + programs]
        unprefixed = FIXED_ADDRESSES + [f"/{path.lstrip('/')}" for path in old]
        addresses = list(unprefixed)
        for prefix in LANGUAGE_PREFIXES:
            addresses += [prefix + path for path in unprefixed if path not in OUTSIDE_LANGUAGES]
        addresses = list(dict.fromkeys(addresses))

        client = Client()
        index = []
        for number, address in enumerate(addresses):
            response = client.get(address)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            name = file_name(number, address)
            (args.out / name).write_bytes(body)
            disposition = response.get("Content-Disposition", "")
            index.append(
                f"{response.status_code} {address} -> {name} "
                f"[{response.get('Content-Type', '')}] {disposition}".rstrip()
            )
    (args.out / "index.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    workdir.cleanup()
    print(f"{len(index)} responses written to {args.out}")


if __name__ == "__main__":
    main()
