"""The site's datasets, described once: the schema.org `Dataset` JSON-LD of their pages, the DCAT
catalog (/catalog.jsonld) and the Frictionless data package (/datapackage.json) all read these.

A dataset's columns are the CSV columns of core/tables.py (`FIGURE_COLUMNS`, ...), with their
descriptions, types and units, so the metadata cannot disagree with the files.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Max, Min
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from deployments.models import DisasterDeployment, ExpertDispatch
from deployments.tables import COUNTRY_COLUMNS, DEPLOYMENT_COLUMNS, DISPATCH_COLUMNS
from deployments.text import country_name
from programs.models import AnnualFigure, Program
from programs.tables import FIGURE_COLUMNS, PROGRAM_COLUMN, year_columns


@dataclass(frozen=True)
class Coverage:
    """When and where a dataset's rows are, and when they last changed (from the data)."""

    start: str = ""  # ISO 8601: "1990" or "1990-07"
    end: str = ""
    places: list = field(default_factory=list)  # [(ISO code, name)]
    modified: datetime | None = None

    @property
    def temporal(self):
        """ "1990/2023", the ISO 8601 interval schema.org's temporalCoverage takes."""
        return f"{self.start}/{self.end}" if self.start else ""


def figures_coverage(stats=None):
    """`stats`: the published programs' `span_and_stamps()`, when the page has them already."""
    if stats is None:
        stats = Program.objects.published().span_and_stamps()
    if stats["first_year"] is None:
        return Coverage()
    # The courses are held in Japan; the participants' countries are counted, not named.
    return Coverage(str(stats["first_year"]), str(stats["last_year"]),
                    [("JP", country_name("JP"))], stats["figures_modified"])  # fmt: skip


def _deployments_coverage():
    rows = DisasterDeployment.objects.all()
    first, last = rows.chronological().first(), rows.newest_first().first()
    if first is None:
        return Coverage()
    codes = rows.order_by("country").values_list("country", flat=True).distinct()
    return Coverage(
        f"{first.year}-{first.month:02d}",
        f"{last.year}-{last.month:02d}",
        sorted(((code, country_name(code)) for code in codes), key=lambda place: place[1]),
        rows.aggregate(modified=Max("updated_at"))["modified"],
    )


def _dispatches_coverage():
    stats = ExpertDispatch.objects.aggregate(
        first=Min("start_year"),
        last=Max(Coalesce("end_year", "start_year")),
        modified=Max("updated_at"),
    )
    if stats["first"] is None:
        return Coverage()
    codes = ExpertDispatch.objects.order_by("country").values_list("country", flat=True)
    return Coverage(
        str(stats["first"]),
        str(stats["last"]),
        sorted({(code, country_name(code)) for code in codes}, key=lambda place: place[1]),
        stats["modified"],
    )


@dataclass(frozen=True)
class Dataset:
    slug: str
    name: str
    description: str
    keywords: tuple
    page: str  # URL names: the page that shows it, its CSV, its JSON
    csv: str
    json: str
    columns: list
    coverage: object  # () -> Coverage
    # The Excel download's URL name.
    xlsx: str = ""


DATASETS = [
    Dataset(
        slug="training-program-figures",
        name=_("Training programs for overseas police officers: participants by year"),
        description=_(
            "For each training program that Japan's police run for officers from other "
            "countries, mostly with JICA, and for each year it was held: how many officers "
            "took part and from how many countries. A year in which a program was not held "
            "has no row."
        ),
        keywords=(_("police"), _("training"), _("international cooperation"), "JICA"),
        page="programs:index",
        csv="programs:figures_csv",
        json="api:figures",
        columns=FIGURE_COLUMNS,
        coverage=figures_coverage,
        xlsx="programs:figures_xlsx",
    ),
    Dataset(
        slug="disaster-relief-deployments",
        name=_("Japanese police officials on Japan Disaster Relief teams abroad"),
        description=_(
            "Every deployment of Japanese police officials with a Japan Disaster Relief (JDR) "
            "team since 1990: month and year, country or region, kind of disaster, team and "
            "number of police officials sent."
        ),
        keywords=(_("police"), _("disaster relief"), _("Japan Disaster Relief"), _("rescue")),
        page="deployments:disaster_relief",
        csv="deployments:disaster_relief_csv",
        json="api:deployments",
        columns=DEPLOYMENT_COLUMNS,
        coverage=_deployments_coverage,
        xlsx="deployments:disaster_relief_xlsx",
    ),
    Dataset(
        slug="expert-dispatches",
        name=_("Japanese police experts sent abroad to advise partner countries"),
        description=_(
            "Dispatches of Japanese police experts to partner countries: host country, the "
            "country whose police benefited, years, field of work and the number of long-term, "
            "short-term and other experts where the source states it."
        ),
        keywords=(_("police"), _("technical cooperation"), _("experts"), "JICA"),
        page="deployments:expert_dispatches",
        csv="deployments:expert_dispatches_csv",
        json="api:dispatches",
        columns=DISPATCH_COLUMNS,
        coverage=_dispatches_coverage,
        xlsx="deployments:expert_dispatches_xlsx",
    ),
]
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def publisher():
    return {"name": str(settings.OPEN_DATA_PUBLISHER), "url": settings.OPEN_DATA_PUBLISHER_URL}


def distributions(request, dataset):
    """[(format name, media type, absolute address)] of each download of the dataset."""
    found = [("CSV", "text/csv", reverse(dataset.csv))]
    if dataset.xlsx:
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        found.append(("XLSX", xlsx, reverse(dataset.xlsx)))
    found.append(("JSON", "application/json", reverse(dataset.json)))
    return [(name, media, request.build_absolute_uri(url)) for name, media, url in found]


def schema_org(request, dataset, coverage=None):
    """The schema.org `Dataset` of one dataset (Google Dataset Search reads it)."""
    coverage = coverage or dataset.coverage()
    page = request.build_absolute_uri(reverse(dataset.page))
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": f"{page}#dataset",
        "name": str(dataset.name),
        "description": str(dataset.description),
        "url": page,
        "keywords": [str(keyword) for keyword in dataset.keywords],
        "license": settings.OPEN_DATA_LICENSE_URL,
        "isAccessibleForFree": True,
        "inLanguage": "en",
        "publisher": {"@type": "GovernmentOrganization", **publisher()},
        "creator": {"@type": "GovernmentOrganization", **publisher()},
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": column.key,
                "description": str(column.description),
                **({"unitText": str(column.unit)} if column.unit else {}),
            }
            for column in dataset.columns
            if column.in_csv
        ],  # fmt: skip
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media, "contentUrl": url, "name": name}
            for name, media, url in distributions(request, dataset)
        ],
    }
    if coverage.temporal:
        data["temporalCoverage"] = coverage.temporal
    if coverage.places:
        data["spatialCoverage"] = [
            {"@type": "Place", "name": name, "identifier": code} for code, name in coverage.places
        ]
    if coverage.modified:
        data["dateModified"] = coverage.modified.isoformat()
    return data


DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _dcat_date(value):
    kind = "xsd:gYear" if len(value) == 4 else "xsd:gYearMonth"
    return {"@value": value, "@type": kind}


def dcat_catalog(request):
    """The DCAT catalog of every dataset, as JSON-LD with its context inline (no fetching)."""
    agent = {"@type": "foaf:Organization", "foaf:name": publisher()["name"],
             "foaf:homepage": {"@id": publisher()["url"]}}  # fmt: skip
    datasets = []
    for dataset in DATASETS:
        coverage = dataset.coverage()
        page = request.build_absolute_uri(reverse(dataset.page))
        entry = {
            "@id": f"{page}#dataset",
            "@type": "dcat:Dataset",
            "dct:title": str(dataset.name),
            "dct:description": str(dataset.description),
            "dct:publisher": agent,
            "dct:license": {"@id": settings.OPEN_DATA_LICENSE_URL},
            "dcat:landingPage": {"@id": page},
            "dcat:keyword": [str(keyword) for keyword in dataset.keywords],
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dct:title": name,
                    "dct:format": name,
                    "dcat:mediaType": media,
                    "dcat:accessURL": {"@id": url},
                    "dcat:downloadURL": {"@id": url},
                    "dct:license": {"@id": settings.OPEN_DATA_LICENSE_URL},
                }
                for name, media, url in distributions(request, dataset)
            ],
        }
        if coverage.temporal:
            entry["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": _dcat_date(coverage.start),
                "dcat:endDate": _dcat_date(coverage.end),
            }
        if coverage.places:
            entry["dct:spatial"] = [
                {"@type": "dct:Location", "locn:geographicName": name}
                for _, name in coverage.places
            ]
        if coverage.modified:
            entry["dct:modified"] = {"@value": coverage.modified.isoformat(),
                                     "@type": "xsd:dateTime"}  # fmt: skip
        datasets.append(entry)
    return {
        "@context": DCAT_CONTEXT,
        "@id": request.build_absolute_uri(reverse("metadata:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": str(_("NPA International Cooperation: open data")),
        "dct:description": str(
            _("The figures of the NPA International Cooperation site, free to reuse.")
        ),
        "dct:publisher": agent,
        "dct:license": {"@id": settings.OPEN_DATA_LICENSE_URL},
        "foaf:homepage": {"@id": request.build_absolute_uri(reverse("opendata:index"))},
        "dcat:dataset": datasets,
    }


# The data package: every CSV, its fields from the shared columns, its keys.


def _wide_table_columns():
    years = AnnualFigure.objects.published().order_by("year").values_list("year", flat=True)
    return [PROGRAM_COLUMN, *(c for year in years.distinct() for c in year_columns(year))]


# (resource name, CSV URL name, title, columns or a function giving them, primary key,
#  foreign keys as {field: (resource, field)})
CSV_RESOURCES = [
    ("training-program-figures", "programs:figures_csv", DATASETS[0].name, FIGURE_COLUMNS,
     ["program", "year"], {}),
    ("training-programs-table", "programs:table_csv",
     _("Training programs: participants and countries by year, as on the page"),
     _wide_table_columns, ["program"], {"program": ("training-program-figures", "program")}),
    ("disaster-relief-deployments", "deployments:disaster_relief_csv", DATASETS[1].name,
     DEPLOYMENT_COLUMNS, ["year", "month", "country_code", "team"],
     {"country_code": ("countries-and-regions", "code")}),
    ("expert-dispatches", "deployments:expert_dispatches_csv", DATASETS[2].name,
     DISPATCH_COLUMNS, ["country_code", "beneficiary_code", "start_year", "field_of_work"],
     {"country_code": ("countries-and-regions", "code"),
      "beneficiary_code": ("countries-and-regions", "code")}),
    ("countries-and-regions", "deployments:country_list_csv",
     _("Countries and regions with disaster relief deployments or expert dispatches"),
     COUNTRY_COLUMNS, ["code"], {}),
]  # fmt: skip


def _table_field(column):
    described = {"name": column.key, "type": column.data_type, "title": str(column.label)}
    if column.description:
        described["description"] = str(column.description)
    if column.unit:
        described["unit"] = str(column.unit)
    if column.data_type == "integer":
        described["constraints"] = {"minimum": 0}
    return described


def data_package(request):
    """The Frictionless (tabular) data package describing every CSV download."""
    resources = []
    for name, url_name, title, columns, primary_key, foreign_keys in CSV_RESOURCES:
        columns = columns() if callable(columns) else columns
        resources.append(
            {
                "name": name,
                "title": str(title),
                "path": request.build_absolute_uri(reverse(url_name)),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [_table_field(column) for column in columns if column.in_csv],
                    "missingValues": [""],
                    "primaryKey": primary_key,
                    "foreignKeys": [
                        {"fields": [key], "reference": {"resource": resource, "fields": [target]}}
                        for key, (resource, target) in foreign_keys.items()
                    ],
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "npa-international-cooperation",
        "title": str(_("NPA International Cooperation: open data")),
        "homepage": request.build_absolute_uri(reverse("opendata:index")),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": settings.OPEN_DATA_LICENSE_URL,
                "title": "Creative Commons Attribution 4.0",
            }
        ],  # fmt: skip
        "resources": resources,
    }
