"""Database rule: an annual figure's year is at most next year.

The CHECK constraint programs_annualfigure_year_in_range keeps the fixed bounds (1950-2100); a
CHECK cannot hold "next year", which moves, so a trigger checks each row as it is written, on
SQLite and PostgreSQL (core/triggers.py). The database clock runs in UTC while the forms
use Tokyo time, so the trigger reckons "this year" from *tomorrow* in UTC: it never refuses a
row the form accepted.

SQLite drops a table's triggers when Django rebuilds the table (some AlterField/AddField
operations): a later migration of AnnualFigure must create this trigger again.
tests/test_programs_models.py fails if it is missing.
"""

from django.db import migrations

from core.triggers import refuse_rows_where


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_program_publish_permission"),
    ]

    operations = [
        refuse_rows_where(
            "programs_annualfigure_not_after_next_year",
            "programs_annualfigure",
            ["year"],
            postgresql="NEW.year::integer > EXTRACT(YEAR FROM CURRENT_DATE + 1)::integer + 1",
            sqlite="NEW.year > CAST(strftime('%Y', 'now', '+1 day') AS INTEGER) + 1",
            detail="Figures can be entered up to next year.",
        ),
    ]
