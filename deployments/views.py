"""Public pages: the disaster relief table, the expert dispatches, and one page per country.

`disaster_relief_context()` and `expert_dispatches_context()` are also used by content pages
that embed these lists (pages.blocks), with the partial templates under `includes/`; the pages
here use the very same functions and partials.
"""

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries
from django_countries.fields import Country

from core.tables import download_links, download_response, screen_columns, table_rows
from npa_portal.page_cache import canonical_query

from .charts import disaster_relief_charts
from .countries import activity_last_updated, country_activity, country_record
from .forms import DisasterReliefFilterForm, ExpertDispatchFilterForm
from .models import DisasterDeployment, ExpertDispatch
from .tables import COUNTRY_COLUMNS, DEPLOYMENT_COLUMNS, DISPATCH_COLUMNS
from .text import country_in_sentence, persons_text


def _plain_headers(columns):
    return [{"column": column, "state": "", "query": ""} for column in screen_columns(columns)]


def _sort_headers(form, columns):
    """Column headings with the link that sorts by them and their current aria-sort state."""
    current = form.sort_key
    headers = []
    for column in screen_columns(columns):
        header = {"column": column, "state": "", "query": ""}
        if column.sort:
            if current == column.sort:
                header["state"] = "ascending"
                next_sort = f"-{column.sort}"
            elif current == f"-{column.sort}":
                header["state"] = "descending"
                next_sort = column.sort
            else:
                next_sort = column.sort
            header["query"] = form.valid_params(sort=next_sort).urlencode()
        headers.append(header)
    return headers


def _filtered_deployments(params, auto_id="id_%s"):
    form = DisasterReliefFilterForm(params, auto_id=auto_id)
    form.is_valid()
    rows = list(form.ordered(form.filter(DisasterDeployment.objects.all())))
    return form, rows


def disaster_relief_context(params, auto_id="id_%s"):
    """The summary, filters with facet counts, the charts and the table: a constant eight queries.

    `auto_id` prefixes the filter fields' ids, so several embedded lists keep them unique.
    """
    form, rows = _filtered_deployments(params, auto_id)
    everything = DisasterDeployment.objects.all()
    facets = {name: form.filter(everything, skip=name).facet_counts(name) for name in form.FACETS}
    form.set_facets(facets, selected_country=form.value("country"))
    query = form.query_string
    per_disaster = form.filter(everything).facet_counts("disaster")
    chart_prefix = "" if auto_id == "id_%s" else auto_id.replace("%s", "")
    return {
        "jdr_form": form,
        "jdr_charts": disaster_relief_charts(rows, per_disaster, chart_prefix),
        "jdr_summary": everything.summary(),
        "jdr_headers": _sort_headers(form, DEPLOYMENT_COLUMNS),
        "jdr_rows": table_rows(DEPLOYMENT_COLUMNS, rows),
        "jdr_shown": len(rows),
        "jdr_shown_persons_text": persons_text(sum(row.persons for row in rows)),
        "jdr_json_url": reverse("api:deployments") + (f"?{query}" if query else ""),
        "jdr_page_url": reverse("deployments:disaster_relief"),
        "jdr_downloads": download_links(
            "deployments:disaster_relief_csv",
            "deployments:disaster_relief_xlsx",
            "deployments:disaster_relief_columns",
            query,
        ),
    }


def _dispatch_groups(dispatches):
    """Dispatches grouped by host country, groups in order of their newest dispatch."""
    groups = {}
    for dispatch in dispatches:
        groups.setdefault(dispatch.country.code, []).append(dispatch)
    columns = [column for column in DISPATCH_COLUMNS if column.key != "country"]
    return [
        {
            "country": rows[0].country,
            "url": rows[0].get_absolute_url(),
            "rows": table_rows(columns, rows),
        }
        for rows in groups.values()
    ], columns


def expert_dispatches_context(params, auto_id="id_%s"):
    """Dispatches grouped by host country, newest first: a constant three queries."""
    form = ExpertDispatchFilterForm(params, auto_id=auto_id)
    form.is_valid()
    dispatches = list(form.filter(ExpertDispatch.objects.newest_first()))
    groups, columns = _dispatch_groups(dispatches)
    # Each host's count within the chosen years: what choosing it would show.
    in_years = ExpertDispatch.objects.overlapping(form.value("from"), form.value("to"))
    form.set_facets(in_years.per_host_country(), selected_country=form.value("country"))
    query = form.query_string
    return {
        "dispatch_form": form,
        "dispatch_summary": ExpertDispatch.objects.summary(),
        "dispatch_groups": groups,
        "dispatch_headers": _plain_headers(columns),
        "dispatch_shown": len(dispatches),
        "dispatch_json_url": reverse("api:dispatches") + (f"?{query}" if query else ""),
        "dispatch_page_url": reverse("deployments:expert_dispatches"),
        "dispatch_downloads": download_links(
            "deployments:expert_dispatches_csv",
            "deployments:expert_dispatches_xlsx",
            "deployments:expert_dispatches_columns",
            query,
        ),
    }


def _status(form):
    # The page still renders, with a message and the bad parameter ignored; the status tells
    # machines that part of the request was refused.
    return 200 if form.is_valid() else 400


@canonical_query(DisasterReliefFilterForm)
@require_safe
def disaster_relief(request):
    context = disaster_relief_context(request.GET)
    context["last_updated"] = context["jdr_summary"].last_updated
    return render(
        request,
        "deployments/disaster_relief.html",
        context,
        status=_status(context["jdr_form"]),
    )


@canonical_query(ExpertDispatchFilterForm)
@require_safe
def expert_dispatches(request):
    context = expert_dispatches_context(request.GET)
    context["last_updated"] = context["dispatch_summary"]["last_updated"]
    return render(
        request,
        "deployments/expert_dispatches.html",
        context,
        status=_status(context["dispatch_form"]),
    )


def _bad_request(form):
    message = "\n".join([_("Bad request:"), *form.error_messages, ""])
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@canonical_query(DisasterReliefFilterForm)
@require_safe
def disaster_relief_csv(request, workbook=False):
    """The table as on screen, same filters and sort; a bad parameter is a 400, not a guess."""
    form, rows = _filtered_deployments(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    stem = "disaster-relief-deployments"
    return download_response(request, stem, DEPLOYMENT_COLUMNS, rows, workbook=workbook)


@canonical_query(ExpertDispatchFilterForm)
@require_safe
def expert_dispatches_csv(request, workbook=False):
    form = ExpertDispatchFilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    rows = form.filter(ExpertDispatch.objects.newest_first()).iterator()
    stem = "expert-dispatches"
    return download_response(request, stem, DISPATCH_COLUMNS, rows, workbook=workbook)


@require_safe
def country_list_csv(request):
    rows = country_activity()
    return download_response(request, "countries-and-regions", COUNTRY_COLUMNS, rows)


@require_safe
def country_list(request):
    context = {"activity": country_activity(), "last_updated": activity_last_updated()}
    return render(request, "deployments/country_list.html", context)


@require_safe
def country_detail(request, code):
    # One address per country: /countries/id/. Upper case (/countries/ID/) redirects there.
    if code != code.lower():
        return redirect("deployments:country_detail", code=code.lower(), permanent=True)
    upper = code.upper()
    if upper not in countries:
        raise Http404("No such country code")
    deployments, hosted, benefiting = country_record(upper)
    if not deployments and not hosted and not benefiting:
        raise Http404("No activity recorded for this country")
    deployment_columns = [c for c in DEPLOYMENT_COLUMNS if c.key != "country"]
    hosted_columns = [c for c in DISPATCH_COLUMNS if c.key != "country"]
    benefiting_columns = [c for c in DISPATCH_COLUMNS if c.key != "beneficiary"]
    return render(
        request,
        "deployments/country_detail.html",
        {
            "country": Country(upper),
            "country_in_sentence": country_in_sentence(upper),
            "only_deployment": deployments[0] if len(deployments) == 1 else None,
            "persons_count": sum(d.persons for d in deployments),
            "deployment_headers": _plain_headers(deployment_columns),
            "deployment_rows": table_rows(deployment_columns, deployments),
            "persons": persons_text(sum(d.persons for d in deployments)),
            "hosted_headers": _plain_headers(hosted_columns),
            "hosted_rows": table_rows(hosted_columns, hosted),
            "benefiting_headers": _plain_headers(benefiting_columns),
            "benefiting_rows": table_rows(benefiting_columns, benefiting),
            "last_updated": max(row.updated_at for row in [*deployments, *hosted, *benefiting]),
        },
    )
