"""Dataset metadata read as machines read it: the pages' schema.org JSON-LD, the DCAT catalog,
the Frictionless data package (with the CSVs validated against it) and the Atom feeds."""

import json
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import feedparser
import pytest
import rdflib
from django.core.management import call_command
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import translation
from frictionless import Package

from deployments.models import DisasterDeployment, ExpertDispatch
from pages.models import Page
from programs.models import AnnualFigure

from .builders import deployment, make_page

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCHEMA = rdflib.Namespace("https://schema.org/")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


@pytest.fixture(autouse=True)
def english():
    """The English pages (/en/...), whose text the checks below compare with."""
    with translation.override("en"):
        yield


@pytest.fixture
def sample(db):
    call_command("load_sample_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


class JsonLdParser(HTMLParser):
    """The JSON-LD data blocks of a page, and its <link rel="alternate"> elements."""

    def __init__(self):
        super().__init__()
        self.blocks, self.alternates, self._inside = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._inside = True
            self.blocks.append("")
        if tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append((attrs.get("type"), attrs.get("href")))

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def page_metadata(client, url):
    parser = JsonLdParser()
    parser.feed(client.get(url).content.decode())
    return [json.loads(block) for block in parser.blocks], parser.alternates


def as_rdf(data):
    """The JSON-LD as RDF, with schema.org's context given locally (no network here)."""
    local = {**data, "@context": {"@vocab": "https://schema.org/"}}
    return rdflib.Graph().parse(data=json.dumps(local), format="json-ld")


def _iso(value):
    return value.isoformat()


# schema.org Dataset on each dataset's page, checked against the data.


def test_training_figures_page_describes_its_dataset(client, sample):
    [dataset], _ = page_metadata(client, reverse("programs:index"))
    figures = AnnualFigure.objects.published()
    stats = figures.aggregate(first=Min("year"), last=Max("year"), modified=Max("updated_at"))
    assert dataset["@type"] == "Dataset"
    assert dataset["name"].startswith("Training programs")
    assert dataset["description"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["publisher"]["name"] == "National Police Agency of Japan"
    assert dataset["temporalCoverage"] == f"{stats['first']}/{stats['last']}"
    assert dataset["spatialCoverage"] == [{"@type": "Place", "name": "Japan", "identifier": "JP"}]
    assert dataset["dateModified"] == _iso(stats["modified"])
    formats = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert formats["text/csv"] == "http://testserver/en/programs/figures.csv"
    assert formats[XLSX] == "http://testserver/en/programs/figures.xlsx"
    assert formats["application/json"] == "http://testserver/api/v1/figures"
    for url in formats.values():
        assert client.get(url).status_code == 200
    graph = as_rdf(dataset)
    subject = rdflib.URIRef("http://testserver/en/programs/#dataset")
    assert (subject, rdflib.RDF.type, SCHEMA.Dataset) in graph
    assert len(list(graph.objects(subject, SCHEMA.distribution))) == len(formats)


def test_disaster_relief_page_describes_its_dataset(client, sample):
    [dataset], alternates = page_metadata(client, reverse("deployments:disaster_relief"))
    rows = DisasterDeployment.objects.all()
    first, last = rows.chronological().first(), rows.newest_first().first()
    assert (
        dataset["temporalCoverage"]
        == f"{first.year}-{first.month:02d}/{last.year}-{last.month:02d}"
    )
    codes = set(rows.values_list("country", flat=True))
    assert {place["identifier"] for place in dataset["spatialCoverage"]} == codes
    assert "Türkiye" in {place["name"] for place in dataset["spatialCoverage"]}
    assert dataset["dateModified"] == _iso(rows.aggregate(m=Max("updated_at"))["m"])
    assert {d["encodingFormat"] for d in dataset["distribution"]} >= {
        "text/csv",
        "application/json",
    }
    assert ("application/atom+xml", reverse("opendata:deployment_feed")) in alternates


def test_dispatches_page_describes_its_dataset_and_follows_an_edit(client, sample):
    [dataset], _ = page_metadata(client, reverse("deployments:expert_dispatches"))
    stats = ExpertDispatch.objects.aggregate(first=Min("start_year"))
    assert dataset["temporalCoverage"].startswith(f"{stats['first']}/")
    newest = ExpertDispatch.objects.first()
    newest.field_of_work += " (edited)"
    newest.save()
    [again], _ = page_metadata(client, reverse("deployments:expert_dispatches"))
    assert again["dateModified"] == _iso(newest.updated_at)


def test_open_data_page_lists_every_dataset(client, sample):
    blocks, alternates = page_metadata(client, reverse("opendata:index"))
    assert [block["@type"] for block in blocks] == ["Dataset"] * 3
    assert ("application/ld+json", reverse("metadata:catalog")) in alternates


def test_a_closing_script_tag_in_the_data_cannot_end_the_block(client, sample, settings):
    settings.OPEN_DATA_LICENSE_URL = "https://example.org/</script><script>alert(1)</script>"
    html = client.get(reverse("programs:index")).content.decode()
    assert "</script><script>alert(1)" not in html
    [dataset], _ = page_metadata(client, reverse("programs:index"))
    assert dataset["license"] == settings.OPEN_DATA_LICENSE_URL


# The DCAT catalog.


def test_catalog_is_dcat_with_every_dataset_and_its_downloads(client, sample):
    response = client.get(reverse("metadata:catalog"))
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    graph = rdflib.Graph().parse(data=response.content, format="json-ld")
    catalog = rdflib.URIRef("http://testserver/catalog.jsonld")
    assert (catalog, rdflib.RDF.type, DCAT.Catalog) in graph
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == 3
    for dataset in datasets:
        assert (dataset, rdflib.RDF.type, DCAT.Dataset) in graph
        assert graph.value(dataset, DCT.title)
        assert graph.value(dataset, DCT.modified).datatype == rdflib.XSD.dateTime
        period = graph.value(dataset, DCT.temporal)
        assert graph.value(period, DCAT.startDate)
        downloads = [
            graph.value(d, DCAT.downloadURL) for d in graph.objects(dataset, DCAT.distribution)
        ]
        assert len(downloads) == 3  # CSV, XLSX, JSON
        for url in downloads:
            assert client.get(str(url)).status_code == 200
    figures = rdflib.URIRef("http://testserver/en/programs/#dataset")
    first = AnnualFigure.objects.published().aggregate(m=Min("year"))["m"]
    assert str(graph.value(graph.value(figures, DCT.temporal), DCAT.startDate)) == str(first)


# The data package, and the CSVs validated against it by frictionless.


def _local_package(client, tmp_path):
    descriptor = client.get(reverse("metadata:datapackage")).json()
    for resource in descriptor["resources"]:
        response = client.get(resource["path"])
        assert response.status_code == 200
        local = tmp_path / f"{resource['name']}.csv"
        local.write_bytes(b"".join(response.streaming_content))
        resource["path"] = local.name
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    return descriptor


def test_every_csv_validates_against_the_data_package(client, sample, tmp_path):
    descriptor = _local_package(client, tmp_path)
    names = {resource["name"] for resource in descriptor["resources"]}
    assert names == {
        "training-program-figures",
        "training-programs-table",
        "disaster-relief-deployments",
        "expert-dispatches",
        "countries-and-regions",
    }
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])


def test_package_fields_are_the_csv_columns_with_types_units_and_keys(client, sample):
    descriptor = client.get(reverse("metadata:datapackage")).json()
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    figures = resources["training-program-figures"]["schema"]
    header = client.get(reverse("programs:figures_csv")).getvalue().decode().splitlines()[0]
    assert [field["name"] for field in figures["fields"]] == header.split(",")
    participants = next(f for f in figures["fields"] if f["name"] == "participants")
    assert (participants["type"], participants["unit"]) == ("integer", "persons")
    assert figures["primaryKey"] == ["program", "year"]
    deployments = resources["disaster-relief-deployments"]["schema"]
    country = {"resource": "countries-and-regions", "fields": ["code"]}
    assert {"fields": ["country_code"], "reference": country} in deployments["foreignKeys"]


def test_a_csv_that_breaks_its_keys_fails_validation(client, sample, tmp_path):
    """The check can fail: a figure repeated (primary key) and an unknown country (foreign key)."""
    _local_package(client, tmp_path)
    figures = tmp_path / "training-program-figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines()
    figures.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    deployments = tmp_path / "disaster-relief-deployments.csv"
    lines = deployments.read_text(encoding="utf-8").splitlines()
    bad = lines[1].split(",")
    bad[2] = "QQ"
    deployments.write_text("\n".join([*lines, ",".join(bad)]) + "\n", encoding="utf-8")
    report = Package(str(tmp_path / "datapackage.json")).validate()
    types = {error[0] for error in report.flatten(["type"])}
    assert {"primary-key", "foreign-key"} <= types


# The Atom feeds.


def test_deployment_feed_reads_in_a_feed_reader_with_dates_from_the_data(client, sample):
    response = client.get(reverse("opendata:deployment_feed"))
    assert response["Access-Control-Allow-Origin"] == "*"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    newest = DisasterDeployment.objects.newest_first().first()
    entry = feed.entries[0]
    assert entry.id == f"tag:testserver,2024:deployment/{newest.pk}"
    # The month, as midnight on its first day in Tokyo.
    tokyo = datetime(newest.year, newest.month, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert entry.published == tokyo.isoformat()
    assert entry.updated == newest.updated_at.isoformat()
    latest_change = DisasterDeployment.objects.aggregate(m=Max("updated_at"))["m"]
    assert feed.feed.updated == latest_change.isoformat()
    assert len(feed.entries) == DisasterDeployment.objects.count()


def test_empty_feed_claims_no_date_from_the_clock(client):
    feed = feedparser.parse(client.get(reverse("opendata:deployment_feed")).content)
    assert feed.entries == []
    assert feed.feed.updated.startswith("2024-01-01")


def test_page_feed_keeps_an_entry_id_when_the_page_moves(client):
    page = make_page("About us")
    make_page("Hidden", status="draft")
    before = feedparser.parse(client.get(reverse("opendata:page_feed")).content)
    assert [e.title for e in before.entries] == ["About us"]
    page.slug = "who-we-are"
    page.save()
    after = feedparser.parse(client.get(reverse("opendata:page_feed")).content)
    assert after.entries[0].id == before.entries[0].id == f"tag:testserver,2024:page/{page.pk}"
    assert after.entries[0].link == "http://testserver/en/who-we-are/"
    assert after.entries[0].updated == Page.objects.get(pk=page.pk).updated_at.isoformat()


def test_every_page_links_the_page_feed(client, sample):
    _, alternates = page_metadata(client, reverse("pages:home"))
    assert ("application/atom+xml", reverse("opendata:page_feed")) in alternates


def test_feed_updated_comes_from_the_data_not_the_clock(client):
    old = deployment(year=2011, month=3)
    DisasterDeployment.objects.filter(pk=old.pk).update(
        updated_at=datetime(2020, 5, 1, tzinfo=ZoneInfo("UTC"))
    )
    feed = feedparser.parse(client.get(reverse("opendata:deployment_feed")).content)
    assert feed.feed.updated == "2020-05-01T00:00:00+00:00"
