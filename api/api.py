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
from pages.models import Page
from programs.forms import FigureFilterForm, ProgramFilterForm
from programs.models import AnnualFigure, Program, Scheme

from . import schemas, serializers
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


# Programs.


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
    page["results"] = [serializers.scheme(request, scheme) for scheme in page["results"]]
    return page


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
    page["results"] = [serializers.program(request, program) for program in page["results"]]
    return page


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
    page["results"] = list(serializers.figure_rows(page["results"]))
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
        **serializers.program(request, program),
        "figures": list(
            serializers.figure_rows(program.figures.with_provisional().in_table_order())
        ),
        "updated_at": program.updated_at,
    }


# Deployments and dispatches.


@api.get(
    "/deployments",
    response={200: schemas.DeploymentList, 400: schemas.BadRequest},
    summary=str(_("Disaster relief deployments, with the filters and sort of their page")),
    openapi_extra=_parameters(with_paging(DisasterReliefFilterForm)),
)
def deployments(request: HttpRequest, response: HttpResponse):
    form = _query(request, with_paging(DisasterReliefFilterForm))
    # Sorted as the page sorts them, by the database: a page of rows is read, not all of them.
    rows = form.ordered(form.filter(DisasterDeployment.objects.all()))
    page = _listing(request, response, form, rows, rows.count())
    page["results"] = [serializers.deployment(request, row) for row in page["results"]]
    return page


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
    page["results"] = [serializers.dispatch(request, row) for row in page["results"]]
    return page


# Countries.


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
    page["results"] = [serializers.country(request, activity) for activity in page["results"]]
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
        **serializers.country(request, activity),
        "disaster_relief_deployments": [
            serializers.deployment(request, row) for row in deployments
        ],
        "dispatches_hosted_list": [serializers.dispatch(request, row) for row in hosted],
        "dispatches_benefiting_list": [serializers.dispatch(request, row) for row in benefiting],
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
    page["results"] = [serializers.page(request, row) for row in page["results"]]
    return page
