"""The open data page, the DCAT catalog and the data package: descriptions of the datasets."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from api.api import API_LANGUAGE

from .datasets import DATASETS, data_package, dcat_catalog, distributions


@require_safe
def index(request):
    """Each dataset with its coverage and downloads, and where the API, catalog and feeds are."""
    datasets = []
    for dataset in DATASETS:
        coverage = dataset.coverage()
        datasets.append(
            {
                "dataset": dataset,
                "coverage": coverage,
                "downloads": distributions(request, dataset),
            }
        )
    modified = [entry["coverage"].modified for entry in datasets if entry["coverage"].modified]
    context = {
        "datasets": datasets,
        "license_url": settings.OPEN_DATA_LICENSE_URL,
        "last_updated": max(modified, default=None),
    }
    return render(request, "opendata/index.html", context)


def _json(data, content_type):
    return JsonResponse(
        data, content_type=content_type, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )


# The catalog and the data package have one address each, outside the language prefixes:
# like the API, they are written in English and point to the English pages.


@require_safe
def catalog(request):
    with translation.override(API_LANGUAGE):
        return _json(dcat_catalog(request), "application/ld+json")


@require_safe
def datapackage(request):
    with translation.override(API_LANGUAGE):
        return _json(data_package(request), "application/json")
