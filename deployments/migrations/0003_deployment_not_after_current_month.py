"""Database rule: a deployment cannot be later than the current month.

A CHECK constraint cannot say this (it must give the same answer forever, and "now" moves), so
a trigger checks each row as it is written, on SQLite and PostgreSQL (core/triggers.py).
The database clock runs in UTC while the site's forms use Tokyo time, so the trigger allows the
month of *tomorrow* in UTC: it never refuses a row the form accepted, and still refuses
anything later.

SQLite drops a table's triggers when Django rebuilds the table (some AlterField/AddField
operations): a later migration of DisasterDeployment must create this trigger again.
tests/test_deployments_models.py fails if it is missing.
"""

from django.db import migrations

from core.triggers import refuse_rows_where


class Migration(migrations.Migration):
    dependencies = [
        ("deployments", "0002_help_text_on_every_field"),
    ]

    operations = [
        refuse_rows_where(
            "deployment_not_after_current_month",
            "deployments_disasterdeployment",
            ["year", "month"],
            postgresql=(
                "NEW.year::integer * 12 + NEW.month::integer > "
                "EXTRACT(YEAR FROM CURRENT_DATE + 1)::integer * 12 "
                "+ EXTRACT(MONTH FROM CURRENT_DATE + 1)::integer"
            ),
            sqlite=(
                "NEW.year * 12 + NEW.month > "
                "CAST(strftime('%Y', 'now', '+1 day') AS INTEGER) * 12 "
                "+ CAST(strftime('%m', 'now', '+1 day') AS INTEGER)"
            ),
            detail="A deployment cannot be later than the current month.",
        ),
    ]
