from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from editorial.admin import HistoryAdmin

from .models import Document, Image
from .usage import page_links, pages_using


class UsableValuesOnly:
    """Django's autocomplete widgets look up the values sent back with a form to show them
    again; a value that cannot be an id ("abc") is left out there, so a bad form is shown with
    its error instead of failing with a 500."""

    def optgroups(self, name, value, attr=None):
        pk = self.field.remote_field.model._meta.pk
        usable = []
        for each in value:
            try:
                pk.to_python(each)
            except ValidationError:
                continue
            usable.append(each)
        return super().optgroups(name, usable, attr)


class ImageChoice(UsableValuesOnly, AutocompleteSelect):
    pass


class DocumentChoices(UsableValuesOnly, AutocompleteSelectMultiple):
    pass


class ChosenDocuments:
    """For the admins whose model has `image` and `documents` (library.models.WithMedia)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "image":
            kwargs["widget"] = ImageChoice(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "documents":
            kwargs["widget"] = DocumentChoices(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class UsedFileAdmin(HistoryAdmin):
    """A file that a page uses cannot be deleted: the refusal lists those pages."""

    usage_key = "images"

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        pages = pages_using(**{self.usage_key: objs})
        if pages:
            # The pages instead of the sections Django would name: staff edit pages.
            protected = page_links(pages)
        return deleted, counts, perms_needed, protected

    @admin.display(description=_("used on"))
    def used_on(self, obj):
        if obj.pk is None:
            return "-"
        pages = pages_using(**{self.usage_key: [obj]})
        return format_html_join(", ", "{}", ((page.title,) for page in pages)) or _("no page")


@admin.register(Image)
class ImageAdmin(UsedFileAdmin):
    list_display = ["thumbnail", "name", "dimensions", "decorative", "created_at"]
    list_display_links = ["thumbnail", "name"]
    list_filter = ["decorative", "format"]
    search_fields = ["name", "alt_en", "alt_ja"]
    readonly_fields = ["thumbnail", "dimensions", "used_on", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "file", "thumbnail", "dimensions"]}),
        (
            _("Text alternative"),
            {"fields": [("alt_en", "alt_ja"), "decorative"]},
        ),
        (_("Use"), {"fields": ["used_on", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("preview"))
    def thumbnail(self, image):
        if image.pk is None or not image.width:
            return "-"
        smallest = (image.renditions or [{"name": image.file.name, "width": image.width}])[0]
        return format_html(
            '<img src="{}" alt="" width="120" height="{}" class="library-thumbnail">',
            default_storage.url(smallest["name"]),
            round(120 * image.height / image.width),
        )

    @admin.display(description=_("size"))
    def dimensions(self, image):
        if not image.pk:
            return "-"
        return _("%(width)d × %(height)d pixels, %(format)s, %(size)s") % {
            "width": image.width,
            "height": image.height,
            "format": image.format,
            "size": filesizeformat(image.bytes),
        }


@admin.register(Document)
class DocumentAdmin(UsedFileAdmin):
    usage_key = "documents"
    list_display = ["title_en", "title_ja", "file_size", "created_at"]
    search_fields = ["title_en", "title_ja"]
    readonly_fields = ["file_size", "used_on", "created_at", "updated_at"]
    fields = [("title_en", "title_ja"), "file", "file_size", "used_on", "created_at", "updated_at"]

    @admin.display(description=_("size"))
    def file_size(self, document):
        return document.size if document.pk else "-"
