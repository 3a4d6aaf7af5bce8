"""Each text a visitor reads gets a column per language: today's column, with its data, becomes
the English one (`name` -> `name_en`); 0007 adds the Japanese ones."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("deployments", "0005_dispatch_counts_may_be_zero")]

    operations = [
        # The constraint names a renamed column; 0007 creates it again with the new name.
        migrations.RemoveConstraint("expertdispatch", "dispatch_unique_country_year_field"),
        migrations.RenameField("disasterdeployment", "place", "place_en"),
        migrations.RenameField("disasterdeployment", "summary", "summary_en"),
        migrations.RenameField("historicaldisasterdeployment", "place", "place_en"),
        migrations.RenameField("historicaldisasterdeployment", "summary", "summary_en"),
        migrations.RenameField("expertdispatch", "other_experts_role", "other_experts_role_en"),
        migrations.RenameField("expertdispatch", "field_of_work", "field_of_work_en"),
        migrations.RenameField("expertdispatch", "partner", "partner_en"),
        migrations.RenameField("expertdispatch", "description", "description_en"),
        migrations.RenameField("historicalexpertdispatch", "other_experts_role", "other_experts_role_en"),
        migrations.RenameField("historicalexpertdispatch", "field_of_work", "field_of_work_en"),
        migrations.RenameField("historicalexpertdispatch", "partner", "partner_en"),
        migrations.RenameField("historicalexpertdispatch", "description", "description_en"),
    ]
