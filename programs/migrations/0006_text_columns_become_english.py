"""Each text a visitor reads gets a column per language: today's column, with its data, becomes
the English one (`name` -> `name_en`); 0007 adds the Japanese ones."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programs", "0005_timestamps_one_wording")]

    operations = [
        migrations.RenameField("scheme", "name", "name_en"),
        migrations.RenameField("scheme", "description", "description_en"),
        migrations.RenameField("historicalscheme", "name", "name_en"),
        migrations.RenameField("historicalscheme", "description", "description_en"),
        migrations.RenameField("program", "name", "name_en"),
        migrations.RenameField("program", "description", "description_en"),
        migrations.RenameField("historicalprogram", "name", "name_en"),
        migrations.RenameField("historicalprogram", "description", "description_en"),
        migrations.RenameField("annualfigure", "note", "note_en"),
        migrations.RenameField("historicalannualfigure", "note", "note_en"),
    ]
