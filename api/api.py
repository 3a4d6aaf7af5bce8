"""The read-only public JSON API, /api/v1/ (django-ninja): the site's tables as JSON.

Each list endpoint mirrors a page: it validates its query string with that page's filter form
(api/forms.py), reads the same published rows through the same queryset methods, and answers
a page of results with the total count and the address of the next page. A parameter the form
refuses is a 400 whose JSON names it. The OpenAPI 3.1 document is /api/v1/openapi.json and its
documentation page, rendered on the server from that document, /api/v1/docs/.

Answers go through the page cache like the pages (ETag, Last-Modified, 304, invalidated by any
edit); the CORS header is added by api.middleware for every GET.
"""

import functools

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView
from django_countries import countries
from django_countries.fields import Country
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from deployments.countries import CountryActivity, country_activity, country_record
from deployments.forms import DisasterReliefFilterForm, ExpertDispatchFilterForm
from deployments.models import DisasterDeployment, ExpertDispatch
from deployments.text import country_name
from pages.models import Page
from programs.forms import FigureFilterForm, ProgramFilterForm
from programs.models import AnnualFigure, Program, Scheme

from . import schemas
from .docs import ServerRenderedDocs
from .forms import error_list, form_parameters, with_paging


class BadQuery(Exception):
    """A query string the endpoint's form refused; answered as 400 with the form's errors."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


# The language of the API's labels, messages and links: its text fields are named for it
# (`name_en`, `disaster_label_en`); the Japanese arrive beside them as `_ja` fields.
API_LANGUAGE = "en"


def in_api_language(view):
    """The API has one address per answer, outside the language prefixes, so it answers in
    one language whatever the browser asks for (a cached answer must not depend on a header
    that is not in its address)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override(API_LANGUAGE):
            return view(request, *args, **kwargs)

    return wrapped


class OpenDataAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        # "figures", not "api_api_figures": the names the documentation page links to.
        return operation.view_func.__name__

    def _get_urls(self):
        # Ninja's root ("api-root", which it reverses to find its prefix) is a bare 404; here
        # /api/v1/ leads a person to the documentation instead.
        urls = super()._get_urls()
        docs = RedirectView.as_view(pattern_name="api:openapi-view")
        return [*urls[:-1], path("", require_safe(docs), name="api-root")]


api = OpenDataAPI(
    title="NPA International Cooperation open data API",
    version="1",
    description=str(
        _(
            "Read-only figures of the NPA International Cooperation site: training programs "
            "and their yearly participants, disaster relief deployments, expert dispatches, "
            "countries, and the published pages. Free to reuse; no key needed."
        )
    ),
    urls_namespace="api",
    docs=ServerRenderedDocs(),
    docs_url="/docs/",
    # The document and its page answer GET and HEAD only, in the API's language.
    docs_decorator=lambda view: require_safe(in_api_language(view)),
)


api.add_decorator(in_api_language, mode="view")


@api.exception_handler(BadQuery)
def bad_query(request, exc):
    body = {"detail": str(_("The query was not understood.")), "errors": exc.errors}
    return api.create_response(request, body, status=400)


@api.exception_handler(NinjaValidationError)
def bad_path(request, exc):
    # Ninja's own checks (path parameters) answer in the same shape as the forms.
    errors = [
        {"parameter": str(error.get("loc", ["?"])[-1]), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    body = {"detail": str(_("The query was not understood.")), "errors": errors}
    return api.create_response(request, body, status=400)


def _parameters(form_class):
    return {"parameters": form_parameters(form_class)}


def _query(request, form_class):
    form = form_class(request.GET)
    if not form.is_valid():
        raise BadQuery(error_list(form))
    return form


def _listing(request, response, form, rows, count):
    """One page of `rows` (a queryset or a list) with the total, `next` and `previous`.

    The page cache may store the answer only when the address is the canonical one (the form's
    own parameters in field order, no defaults), so invented addresses cannot fill it.
    """
    offset, limit = form.page_start, form.page_size

    def link(new_offset):
        query = form.params(offset=new_offset).urlencode()
        return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))

    if request.META.get("QUERY_STRING", "") == form.params().urlencode():
        patch_cache_control(response, public=True)
    return {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "results": rows[offset : offset + limit],
    }


def _absolute(request, url):
    return request.build_absolute_uri(url)


def _in_both(**texts):
    """{"name_en": ..., "name_ja": ...} for each `name_=function`, the function called once in
    each language (country names and choice labels are translated, not stored)."""
    both = {}
    for prefix, text in texts.items():
        for language in ("en", "ja"):
            with translation.override(language):
                both[f"{prefix}{language}"] = str(text())
    return both


# Programs.


def _scheme(request, scheme):
    return {
        "slug": scheme.slug,
        "name_en": scheme.name_en,
        "name_ja": scheme.name_ja,
        "description_en": scheme.description_en,
        "description_ja": scheme.description_ja,
        "display_order": scheme.display_order,
        "url": _absolute(request, scheme.get_absolute_url()),
    }


@api.get(
    "/schemes",
    response={200: schemas.SchemeList, 400: schemas.BadRequest},
    summary=str(_("Schemes: the tables of training programs")),
    openapi_extra=_parameters(with_paging()),
)
def schemes(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging())
    rows = Scheme.objects.all()
    page = _listing(request, response, form, rows, rows.count())
    page["results"] = [_scheme(request, scheme) for scheme in page["results"]]
    return page


def _program(request, program):
    return {
        "slug": program.slug,
        "name_en": program.name_en,
        "name_ja": program.name_ja,
        "description_en": program.description_en,
        "description_ja": program.description_ja,
        "scheme": program.scheme.slug,
        "first_year": program.first_year,
        "latest_year": program.latest_year,
        "years_run": program.years_run,
        "total_participants": program.total_participants,
        "url": _absolute(request, program.get_absolute_url()),
    }


@api.get(
    "/programs",
    response={200: schemas.ProgramList, 400: schemas.BadRequest},
    summary=str(_("Published training programs, with their totals within the years asked for")),
    openapi_extra=_parameters(with_paging(ProgramFilterForm)),
)
def programs(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging(ProgramFilterForm))
    rows = Program.objects.published().select_related("scheme")
    first, last = form.years
    years = {}
    if first is not None:
        years["figures__year__gte"] = first
    if last is not None:
        years["figures__year__lte"] = last
    # One filter() call, so that the totals below sum the same joined figures it kept.
    rows = rows.filter(**years)
    if form.value("scheme"):
        rows = rows.filter(scheme=form.value("scheme"))
    rows = rows.with_totals().order_by(
        "scheme__display_order", "scheme__name_en", *Program._meta.ordering, "pk"
    )
    page = _listing(request, response, form, rows, rows.count())
    page["results"] = [_program(request, program) for program in page["results"]]
    return page


FIGURE_FIELDS = {
    "program": "program__slug",
    "program_name_en": "program__name_en",
    "program_name_ja": "program__name_ja",
    "scheme": "program__scheme__slug",
    "year": "year",
    "participants": "participants",
    "countries": "countries",
    "note_en": "note_en",
    "note_ja": "note_ja",
    "provisional": "provisional",
}


def _figure_rows(figures):
    """Figures as plain dicts read straight from the database: no model instances."""
    names = list(FIGURE_FIELDS)
    return (
        dict(zip(names, row, strict=True)) for row in figures.values_list(*FIGURE_FIELDS.values())
    )


@api.get(
    "/figures",
    response={200: schemas.FigureList, 400: schemas.BadRequest},
    summary=str(_("Annual figures: participants and countries per program and year")),
    openapi_extra=_parameters(with_paging(FigureFilterForm)),
)
def figures(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging(FigureFilterForm))
    rows = AnnualFigure.objects.published().between(*form.years).with_provisional()
    if form.value("scheme"):
        rows = rows.filter(program__scheme=form.value("scheme"))
    if form.value("program"):
        rows = rows.filter(program=form.value("program"))
    page = _listing(request, response, form, rows.in_table_order(), rows.count())
    page["results"] = list(_figure_rows(page["results"]))
    return page


@api.get(
    "/programs/{slug}",
    response={200: schemas.ProgramDetail, 404: schemas.NotFound},
    summary=str(_("One published program with its figures for every year")),
)
def program_detail(request: HttpRequest, slug: str):
    program = (
        Program.objects.published().select_related("scheme").with_totals().filter(slug=slug).first()
    )
    if program is None:
        raise HttpError(404, str(_("No published program has this slug.")))
    return {
        **_program(request, program),
        "figures": list(_figure_rows(program.figures.with_provisional().in_table_order())),
        "updated_at": program.updated_at,
    }


# Deployments and dispatches.


def _deployment(request, deployment):
    return {
        "id": deployment.pk,
        "year": deployment.year,
        "month": deployment.month,
        "country": deployment.country.code,
        **_in_both(country_name_=lambda: country_name(deployment.country)),
        "place_en": deployment.place_en,
        "place_ja": deployment.place_ja,
        "disaster": deployment.disaster,
        **_in_both(disaster_label_=deployment.get_disaster_display),
        "team": deployment.team,
        **_in_both(team_label_=deployment.get_team_display),
        "persons": deployment.persons,
        "summary_en": deployment.summary_en,
        "summary_ja": deployment.summary_ja,
        "source_url": deployment.source_url,
        "url": _absolute(request, deployment.get_absolute_url()),
        "updated_at": deployment.updated_at,
    }


@api.get(
    "/deployments",
    response={200: schemas.DeploymentList, 400: schemas.BadRequest},
    summary=str(_("Disaster relief deployments, with the filters and sort of their page")),
    openapi_extra=_parameters(with_paging(DisasterReliefFilterForm)),
)
def deployments(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging(DisasterReliefFilterForm))
    # Sorted as the page sorts them (a country by its name, which the database does not know).
    rows = form.sorted_rows(form.filter(DisasterDeployment.objects.all()))
    page = _listing(request, response, form, rows, len(rows))
    page["results"] = [_deployment(request, row) for row in page["results"]]
    return page


def _dispatch(request, dispatch):
    return {
        "id": dispatch.pk,
        "country": dispatch.country.code,
        **_in_both(country_name_=lambda: country_name(dispatch.country)),
        "beneficiary": dispatch.beneficiary.code or "",
        **_in_both(
            beneficiary_name_=lambda: (
                country_name(dispatch.beneficiary) if dispatch.beneficiary else ""
            )
        ),
        "start_year": dispatch.start_year,
        "end_year": dispatch.end_year,
        "field_of_work_en": dispatch.field_of_work_en,
        "field_of_work_ja": dispatch.field_of_work_ja,
        "long_term_experts": dispatch.long_term_experts,
        "short_term_experts": dispatch.short_term_experts,
        "other_experts": dispatch.other_experts,
        "other_experts_role_en": dispatch.other_experts_role_en,
        "other_experts_role_ja": dispatch.other_experts_role_ja,
        "partner_en": dispatch.partner_en,
        "partner_ja": dispatch.partner_ja,
        "description_en": dispatch.description_en,
        "description_ja": dispatch.description_ja,
        "source_url": dispatch.source_url,
        "url": _absolute(request, dispatch.get_absolute_url()),
        "updated_at": dispatch.updated_at,
    }


@api.get(
    "/dispatches",
    response={200: schemas.DispatchList, 400: schemas.BadRequest},
    summary=str(_("Expert dispatches, newest first, with the filters of their page")),
    openapi_extra=_parameters(with_paging(ExpertDispatchFilterForm)),
)
def dispatches(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging(ExpertDispatchFilterForm))
    rows = form.filter(ExpertDispatch.objects.newest_first())
    page = _listing(request, response, form, rows, rows.count())
    page["results"] = [_dispatch(request, row) for row in page["results"]]
    return page


# Countries.


def _country(request, activity):
    return {
        "code": activity.country.code,
        **_in_both(name_=lambda: activity.name),
        "deployments": activity.deployments,
        "persons": activity.persons,
        "dispatches_hosted": activity.dispatches_hosted,
        "dispatches_benefiting": activity.dispatches_benefiting,
        "url": _absolute(request, activity.get_absolute_url()),
    }


@api.get(
    "/countries",
    response={200: schemas.CountryList, 400: schemas.BadRequest},
    summary=str(_("Every country or region with a deployment or a dispatch, with counts")),
    openapi_extra=_parameters(with_paging()),
)
def country_list(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging())
    rows = country_activity()
    page = _listing(request, response, form, rows, len(rows))
    page["results"] = [_country(request, activity) for activity in page["results"]]
    return page


@api.get(
    "/countries/{code}",
    response={200: schemas.CountryDetail, 404: schemas.NotFound},
    summary=str(_("Everything for one country or region, by its ISO 3166 code")),
)
def country_detail(request: HttpRequest, code: str):
    upper = code.upper()
    deployments, hosted, benefiting = ([], [], [])
    if upper in countries:
        deployments, hosted, benefiting = country_record(upper)
    if not (deployments or hosted or benefiting):
        raise HttpError(404, str(_("No activity is recorded for this country or region.")))
    activity = CountryActivity(
        country=Country(upper),
        deployments=len(deployments),
        persons=sum(row.persons for row in deployments),
        dispatches_hosted=len(hosted),
        dispatches_benefiting=len(benefiting),
    )
    return {
        **_country(request, activity),
        "disaster_relief_deployments": [_deployment(request, row) for row in deployments],
        "dispatches_hosted_list": [_dispatch(request, row) for row in hosted],
        "dispatches_benefiting_list": [_dispatch(request, row) for row in benefiting],
    }


# Pages.


@api.get(
    "/pages",
    response={200: schemas.PageList, 400: schemas.BadRequest},
    summary=str(_("Published pages: titles, summaries, addresses and dates")),
    openapi_extra=_parameters(with_paging()),
)
def pages(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging())
    rows = Page.objects.published().order_by("pk")
    page = _listing(request, response, form, rows, rows.count())
    page["results"] = [
        {
            "id": row.pk,
            "title_en": row.title_en,
            "title_ja": row.title_ja,
            "summary_en": row.summary_en,
            "summary_ja": row.summary_ja,
            "path": row.path,
            "parent": row.parent_id,
            "url": _absolute(request, row.get_absolute_url()),
            "created_at": row.created_at,
            "updated_at": row.updated_at,
        }
        for row in page["results"]
    ]
    return page
