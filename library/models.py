"""The media library: images and PDF documents that content pages show.

An image is processed once, when it is uploaded (library.renditions): the original is written
again without its metadata, with one copy per page width, so a page only ever reads files that
already exist. Its text alternative is required in both languages unless staff mark it
decorative, the rule kept in clean() and by a database constraint. A file a page uses cannot be
deleted: the section's link to an image is PROTECT, and the admin refuses to delete a document
that sections list, naming the pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedText
from core.models import TimeStampedModel

from .checks import IMAGE_CONTENT_TYPES, check_pdf, inspect_image
from .renditions import folder_for, make_renditions
from .sizes import MB, size_label


def _new_upload(value):
    """The uploaded file behind a FieldFile not yet saved to storage, else None."""
    return None if getattr(value, "_committed", True) else value.file


def validate_image_upload(value):
    upload = _new_upload(value)
    if upload is not None:
        inspect_image(upload)


def validate_pdf_upload(value):
    upload = _new_upload(value)
    if upload is not None:
        check_pdf(upload)


def document_path(document, filename):
    return f"{folder_for(filename, 'document')}.pdf"


class Image(TimeStampedModel):
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "For staff, to find the image in the library, e.g. “Training in Jakarta, 2019”. "
            "Visitors never see it."
        ),
    )
    file = models.FileField(
        _("image file"),
        max_length=255,
        validators=[validate_image_upload],
        help_text=format_lazy(
            _(
                "JPEG (photos), PNG (drawings, diagrams) or WebP, at most {megabytes} MB and "
                "{megapixels} million pixels. The sizes the pages use are made when you save, "
                "and the camera's data (place, time, device) is removed."
            ),
            megabytes=settings.LIBRARY_IMAGE_MAX_BYTES // MB,
            megapixels=settings.LIBRARY_IMAGE_MAX_PIXELS // 1_000_000,
        ),
    )
    alt = TranslatedText(
        models.CharField(
            _("text alternative"),
            max_length=250,
            blank=True,
            help_text=_(
                "What the image shows, for people who cannot see it, in a sentence: "
                "“Officers from five countries practising first aid”. Required in both "
                "languages unless the image is decorative."
            ),
        )
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only when the image adds nothing the text does not already say: screen "
            "readers then skip it. Leave both text alternatives empty."
        ),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    format = models.CharField(_("format"), max_length=10, editable=False, blank=True)
    bytes = models.PositiveBigIntegerField(_("file size"), editable=False, default=0)
    # [{"width", "height", "name"}...], narrowest first: the smaller copies made at upload.
    renditions = models.JSONField(_("sizes"), editable=False, default=list, blank=True)

    history = HistoricalRecords()

    # How wide the image is shown (for <img sizes>): the figure's CSS width (site.css), or the
    # screen less the page's margins on a narrow screen.
    sizes = "(min-width: 50rem) 48rem, calc(100vw - 2rem)"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=True, alt_en="", alt_ja="")
                | (Q(decorative=False) & ~Q(alt_en="") & ~Q(alt_ja="")),
                name="library_image_alt_or_decorative",
                violation_error_message=_(
                    "Give the text alternative in both languages, or mark the image decorative "
                    "(and leave both empty)."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.decorative:
            for column in ("alt_en", "alt_ja"):
                if getattr(self, column):
                    errors[column] = _(
                        "A decorative image has no text alternative: empty this field, or "
                        "untick “decorative”."
                    )
        else:
            for column in ("alt_en", "alt_ja"):
                if not getattr(self, column).strip():
                    errors[column] = _(
                        "Describe the image for people who cannot see it, or tick "
                        "“decorative” if it adds nothing to the text."
                    )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        upload = _new_upload(self.file)
        if upload is not None:
            kind, _width, _height = inspect_image(upload)
            name, self.width, self.height, self.bytes, self.renditions = make_renditions(
                upload, kind
            )
            self.format = kind
            # The cleaned original replaces the upload: its name is already in storage.
            self.file.name = name
            self.file._committed = True
        super().save(*args, **kwargs)

    @property
    def content_type(self):
        return IMAGE_CONTENT_TYPES.get(self.format, "")

    @property
    def srcset(self):
        """Every size with its width, the original last: for <img srcset>."""
        entries = [(default_storage.url(size["name"]), size["width"]) for size in self.renditions]
        entries.append((self.file.url, self.width))
        return ", ".join(f"{url} {width}w" for url, width in entries)

    @property
    def src(self):
        """The size closest to a page's column (the fallback of browsers without srcset)."""
        for size in reversed(self.renditions):
            if size["width"] <= settings.LIBRARY_IMAGE_FALLBACK_WIDTH:
                return default_storage.url(size["name"])
        return self.file.url

    def stored_names(self):
        return [self.file.name, *(size["name"] for size in self.renditions)]


class Document(TimeStampedModel):
    title = TranslatedText(
        models.CharField(
            _("title"),
            max_length=200,
            help_text=_(
                "The link text on the pages, e.g. “Annual report 2024”. The type and size are "
                "added after it."
            ),
        )
    )
    file = models.FileField(
        _("PDF file"),
        max_length=255,
        upload_to=document_path,
        validators=[validate_pdf_upload],
        help_text=format_lazy(
            _("A PDF document of at most {megabytes} MB."),
            megabytes=settings.LIBRARY_DOCUMENT_MAX_BYTES // MB,
        ),
    )
    bytes = models.PositiveBigIntegerField(_("file size"), editable=False, default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        upload = _new_upload(self.file)
        if upload is not None:
            check_pdf(upload)
            self.bytes = upload.size
        super().save(*args, **kwargs)

    content_type = "application/pdf"

    @property
    def kind(self):
        return "PDF"

    @property
    def size(self):
        return size_label(self.bytes)


class WithMedia(models.Model):
    """An image with its caption and credit, and a list of documents: the fields a content
    page's section uses to show library files. The model lists `caption_needs_image()` in
    its constraints."""

    image = models.ForeignKey(
        Image,
        verbose_name=_("image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
        help_text=_("Optional: an image from the media library, shown after the text."),
    )
    image_caption = TranslatedText(
        models.CharField(
            _("caption"),
            max_length=300,
            blank=True,
            help_text=_("Optional: a sentence under the image, such as what it shows and where."),
        )
    )
    image_credit = TranslatedText(
        models.CharField(
            _("credit"),
            max_length=200,
            blank=True,
            help_text=_("Optional: who took or made the image, e.g. “National Police Agency”."),
        )
    )
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("documents"),
        blank=True,
        related_name="sections",
        help_text=_(
            "Optional: PDF documents from the media library, listed as links after the text "
            "with their type and size."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id is None and (self.image_caption or self.image_credit):
            raise ValidationError(
                {"image": _("Choose the image that the caption or credit is for.")}
            )


def caption_needs_image():
    return models.CheckConstraint(
        condition=Q(image__isnull=False)
        | Q(image_caption_en="", image_caption_ja="", image_credit_en="", image_credit_ja=""),
        name="%(app_label)s_%(class)s_caption_only_with_image",
        violation_error_message=_("A caption or credit needs an image."),
    )
