"""The open data page, the DCAT catalog and the data package: descriptions of the datasets."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

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


@require_safe
def catalog(request):
    return _json(dcat_catalog(request), "application/ld+json")


@require_safe
def datapackage(request):
    return _json(data_package(request), "application/json")
