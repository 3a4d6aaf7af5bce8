"""Each text a visitor reads gets a column per language: today's column, with its data, becomes
the English one (`name` -> `name_en`); 0007 adds the Japanese ones."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_page_menu_label_and_footer")]

    operations = [
        # The constraint names a renamed column; 0007 creates it again with the new name.
        migrations.RemoveConstraint("section", "pages_section_not_empty"),
        migrations.RenameField("page", "title", "title_en"),
        migrations.RenameField("page", "summary", "summary_en"),
        migrations.RenameField("page", "menu_label", "menu_label_en"),
        migrations.RenameField("historicalpage", "title", "title_en"),
        migrations.RenameField("historicalpage", "summary", "summary_en"),
        migrations.RenameField("historicalpage", "menu_label", "menu_label_en"),
        migrations.RenameField("section", "heading", "heading_en"),
        migrations.RenameField("section", "body", "body_en"),
        migrations.RenameField("historicalsection", "heading", "heading_en"),
        migrations.RenameField("historicalsection", "body", "body_en"),
    ]
