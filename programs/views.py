from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.tables import database_cells, download_links, download_response
from npa_portal.page_cache import canonical_query
from opendata.datasets import figures_coverage

from .charts import participants_charts, program_chart
from .forms import FigureYearsForm
from .models import AnnualFigure, Program, Scheme
from .tables import FIGURE_COLUMNS, PROGRAM_YEAR_COLUMNS, WideTable, YearRow, pivot, scheme_tables


def _figures(first, last):
    """Published figures in the year range, ordered as the tables list them: one query."""
    return (
        AnnualFigure.objects.published()
        .between(first, last)
        .select_related("program__scheme")
        .in_table_order()
    )


def scheme_tables_context(params, scheme=None):
    """Context for `programs/includes/scheme_tables.html`: one table per scheme, or just `scheme`.

    `params` are the query parameters (`request.GET`); `scheme` may be a Scheme or a slug.
    Honours the `?from=&to=` filter; when the filter is
    invalid the tables are shown unfiltered and `form.errors` says why. Three queries in all,
    however many programs and years.
    """
    form = FigureYearsForm(params)
    first, last = form.years
    figures = _figures(first, last)
    totals = AnnualFigure.objects.published().between(first, last)
    if scheme is None:
        schemes = list(Scheme.objects.all())
    else:
        if isinstance(scheme, str):
            # An unknown slug in an embedding page shows no table rather than failing the page.
            scheme = Scheme.objects.filter(slug=scheme).first()
        schemes = [scheme] if scheme else []
        figures = figures.filter(program__scheme=scheme)
        totals = totals.filter(program__scheme=scheme)
    query = form.query_string
    suffix = f"?{query}" if query else ""
    tables = scheme_tables(schemes, figures.light_rows(), totals.participants_by_scheme_and_year())
    return {
        "form": form,
        "filter_errors": [error for errors in form.errors.values() for error in errors],
        "year_from": first,
        "year_to": last,
        "tables": tables,
        # The notes and downloads describe tables; with no row in any (a year range with no
        # figures) there is nothing for them to describe.
        "any_rows": any(table.rows for table in tables),
        "any_provisional": any(table.any_provisional for table in tables),
        "figures_csv_url": reverse("programs:figures_csv") + suffix,
        "figures_json_url": reverse("api:figures") + suffix,
        "figures_downloads": download_links(
            "programs:figures_csv", "programs:figures_xlsx", "programs:figures_columns", query
        ),
        "table_downloads": download_links(
            "programs:table_csv", "programs:table_xlsx", "programs:table_columns", query
        ),
    }


def participants_charts_context(params, id_prefix=""):
    """The scheme tables' context plus their charts, with no further query.

    The total per year is the sum of the schemes' totals rows, which the tables already hold
    (every scheme has a table here, so the sum covers every published program).
    """
    context = scheme_tables_context(params)
    by_year = {}
    for table in context["tables"]:
        for year, participants in table.totals.items():
            by_year[year] = by_year.get(year, 0) + participants
    context["charts"] = participants_charts(context["tables"], by_year, id_prefix)
    return context


@canonical_query(FigureYearsForm)
@require_safe
def index(request):
    context = participants_charts_context(request.GET)
    stats = Program.objects.published().span_and_stamps()
    context["last_updated"] = stats["last_updated"]
    context["dataset_coverage"] = figures_coverage(stats)
    # A filter that cannot be understood is the client's error; the page still explains it.
    status = 400 if context["form"].errors else 200
    return render(request, "programs/program_list.html", context, status=status)


@require_safe
def detail(request, slug):
    program = get_object_or_404(Program.objects.published().select_related("scheme"), slug=slug)
    figures = {
        figure.year: figure for figure in program.figures.with_provisional().order_by("year")
    }
    totals = program.figures.totals()
    rows = []
    first = last = None
    if figures:
        # Every year of the scheme's published figures (and the program's own), so a year
        # the program was not held reads as "not held", on the chart and in the table.
        scheme = AnnualFigure.objects.published().filter(program__scheme=program.scheme_id)
        scheme_totals = scheme.totals()
        first, last = scheme_totals["first_year"], scheme_totals["latest_year"]
        for year in range(first, last + 1):
            figure = figures.get(year)
            rows.append(YearRow.from_figure(figure) if figure else YearRow(year))
    columns = PROGRAM_YEAR_COLUMNS
    if not any(row.note for row in rows):
        columns = [column for column in columns if column.key != "note"]
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "columns": columns,
            "rows": [(row, [column.text(row) for column in columns[1:]]) for row in rows],
            "totals": totals,
            "span": {"first": first, "last": last, "years": len(rows)},
            "any_provisional": any(row.provisional for row in rows),
            "chart": program_chart(program, rows),
            "last_updated": max(
                [program.updated_at, *(figure.updated_at for figure in figures.values())]
            ),
        },
    )


def _bad_filter(form):
    messages = [error for errors in form.errors.values() for error in errors]
    return HttpResponseBadRequest(
        _("The year filter was not understood: %(errors)s") % {"errors": " ".join(messages)},
        content_type="text/plain; charset=utf-8",
    )


def _filename(stem, first, last):
    if first is not None or last is not None:
        stem += f"-{first or 'start'}-{last or 'end'}"
    return stem


@canonical_query(FigureYearsForm)
@require_safe
def figures_csv(request, workbook=False):
    """Tidy download: one row per program and year (CSV, or Excel with `workbook`)."""
    form = FigureYearsForm(request.GET)
    if not form.is_valid():
        return _bad_filter(form)
    first, last = form.years
    cells = database_cells(FIGURE_COLUMNS, _figures(first, last).with_provisional())
    filename = _filename("training-program-figures", first, last)
    return download_response(request, filename, FIGURE_COLUMNS, cells, True, workbook)


@canonical_query(FigureYearsForm)
@require_safe
def table_csv(request, workbook=False):
    """Wide download, as on screen: a row per program, two columns per year."""
    form = FigureYearsForm(request.GET)
    if not form.is_valid():
        return _bad_filter(form)
    first, last = form.years
    # Every scheme's programs in one table: a year is marked when any of its figures is.
    table = WideTable(rows=pivot(_figures(first, last).light_rows()))
    filename = _filename("training-programs-table", first, last)
    return download_response(request, filename, table.columns, table.rows, workbook=workbook)
