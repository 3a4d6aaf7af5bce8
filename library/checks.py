"""What an upload must be, read from its content, never from its name or the browser's word.

An image is opened with Pillow and must be a JPEG, PNG or WebP whose file name says the same;
its size in pixels is read from the header and refused *before* any pixel is decoded, so a
small file that would unpack to gigabytes (a decompression bomb) costs nothing but a message.
SVG is refused outright: it is a document that can carry scripts and links, not a picture.
A document must start as a PDF does (`%PDF-`) and be named `.pdf`.
"""

import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

# Pillow's format name -> the file name endings that may carry it, the first one the one we write.
IMAGE_FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
}
IMAGE_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF_SIGNATURE = b"%PDF-"


def suffix(name):
    return PurePath(name or "").suffix.lower()


def _looks_like_svg(upload):
    upload.seek(0)
    start = upload.read(512).lstrip().lower()
    upload.seek(0)
    return suffix(upload.name) in (".svg", ".svgz") or start.startswith((b"<svg", b"<?xml"))


def _check_bytes(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def inspect_image(upload):
    """Pillow's format name, width and height of a valid upload; ValidationError otherwise.

    Only the header is read (Image.open is lazy); the pixels are decoded when the sizes are
    made, after these checks passed.
    """
    if _looks_like_svg(upload):
        raise ValidationError(
            _(
                "SVG images are not accepted: they can contain scripts. Export the picture "
                "as PNG (drawings, diagrams) or JPEG (photos)."
            ),
            code="svg",
        )
    _check_bytes(upload, settings.LIBRARY_IMAGE_MAX_BYTES)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; both are refused here.
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(upload) as picture:
                kind, width, height = picture.format, picture.width, picture.height
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not an image that can be read: upload a JPEG, PNG or WebP file."),
            code="not_an_image",
        ) from None
    finally:
        upload.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG and WebP images are accepted; this file is %(format)s."),
            code="format",
            params={"format": kind},
        )
    if suffix(upload.name) not in IMAGE_FORMATS[kind]:
        raise ValidationError(
            _(
                "The file name ends in “%(suffix)s” but the file is a %(format)s image. "
                "Rename it to end in “%(expected)s”, or export it again in the format its "
                "name says."
            ),
            code="name_mismatch",
            params={
                "suffix": suffix(upload.name) or "…",
                "format": kind,
                "expected": IMAGE_FORMATS[kind][0],
            },
        )
    if width * height > settings.LIBRARY_IMAGE_MAX_PIXELS:
        raise _too_many_pixels(width, height)
    return kind, width, height


def _too_many_pixels(width=None, height=None):
    limit = settings.LIBRARY_IMAGE_MAX_PIXELS
    if width is None:
        return ValidationError(
            _(
                "This image would be far too large once opened (it may be damaged or built to "
                "exhaust the server). Upload an image of at most %(megapixels)s million pixels."
            ),
            code="bomb",
            params={"megapixels": limit // 1_000_000},
        )
    return ValidationError(
        _(
            "This image is %(width)d × %(height)d pixels; at most %(megapixels)s million pixels "
            "are accepted. Make it smaller (no page shows more than %(widest)d pixels across)."
        ),
        code="too_many_pixels",
        params={
            "width": width,
            "height": height,
            "megapixels": limit // 1_000_000,
            "widest": max(settings.LIBRARY_IMAGE_WIDTHS),
        },
    )


def check_pdf(upload):
    """A PDF named .pdf within the size limit; ValidationError otherwise."""
    _check_bytes(upload, settings.LIBRARY_DOCUMENT_MAX_BYTES)
    upload.seek(0)
    start = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if start != PDF_SIGNATURE:
        raise ValidationError(
            _("This file is not a PDF document (its content does not start as a PDF does)."),
            code="not_a_pdf",
        )
    if suffix(upload.name) != ".pdf":
        raise ValidationError(
            _("A PDF document's file name must end in “.pdf”."), code="name_mismatch"
        )
