"""CSV downloads stream: rows are pulled from the database as they are sent, not all at once."""

import pytest
from django.test import Client

from core.tables import CSV_CHUNK_BYTES, Column, csv_response
from programs.models import AnnualFigure

from .builders import make_many

pytestmark = pytest.mark.django_db


def test_csv_response_pulls_rows_only_as_they_are_sent(rf):
    pulled = []

    def rows():
        for number in range(100_000):
            pulled.append(number)
            yield {"n": number}

    columns = [Column("n", "N", lambda row: row["n"], numeric=True)]
    response = csv_response(rf.get("/en/"), "n.csv", columns, rows())
    assert response.streaming
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first.startswith(b"n\r\n0\r\n1\r\n")
    # One piece of about 64 KB pulled only the rows it holds, not the 100,000.
    assert len(pulled) < 20_000
    assert len(first) >= CSV_CHUNK_BYTES
    assert b"".join(chunks).endswith(b"99999\r\n")
    assert len(pulled) == 100_000


def test_figures_csv_reads_the_queryset_in_chunks(monkeypatch):
    make_many(programs=5, years=4)
    sizes = []
    real = AnnualFigure.objects.none().iterator.__func__

    def spy(self, chunk_size=None):
        sizes.append(chunk_size)
        return real(self, chunk_size=chunk_size)

    monkeypatch.setattr(type(AnnualFigure.objects.none()), "iterator", spy)
    response = Client().get("/en/programs/figures.csv")
    assert response.streaming
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1 + 5 * 4
    assert sizes and all(size and size <= 5000 for size in sizes)
