"""Views every data app shares: the data dictionary of a downloadable table."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .tables import csv_columns


@require_safe
def column_dictionary(request, *, title, columns, table_url_name):
    """Every downloaded column of one table: its name, meaning, type and unit.

    Read from the table's own `Column` list (the one the page, the CSV and the workbook use),
    so it cannot drift from the downloads. The app's urls.py passes the list and titles.
    """
    context = {
        "title": title,
        "columns": csv_columns(columns),
        "table_url": reverse(table_url_name),
    }
    return render(request, "core/column_dictionary.html", context)
