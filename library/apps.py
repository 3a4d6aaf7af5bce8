from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The media library: images and PDF documents that content pages show."""

    name = "library"
    verbose_name = _("Media library")

    def ready(self):
        from django.db.models.signals import pre_delete

        from .usage import refuse_deleting_used_document

        pre_delete.connect(
            refuse_deleting_used_document,
            sender="library.Document",
            dispatch_uid="library-refuse-deleting-used-document",
        )
