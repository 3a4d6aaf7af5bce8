"""The sizes of an image that pages use, made once when it is uploaded.

Pillow decodes the upload, turns it upright (the camera's orientation tag), and writes the
original again and one copy per width of LIBRARY_IMAGE_WIDTHS narrower than it, each in the
original's format and without any metadata: EXIF (camera, time, GPS location), XMP and text
chunks are left behind because nothing but the pixels (and the colour profile) is passed to
the encoder. Every file goes through the default storage, so the same code writes to local
disk or to S3.
"""

import io
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageOps

from .checks import IMAGE_FORMATS

ENCODER_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 82, "method": 4},
}


def folder_for(name, kind):
    """A new folder per upload: `library/images/3f9a…/team-at-work`, so names never clash and
    an address cannot be guessed from another one."""
    stem = slugify(PurePath(name).stem)[:60] or kind
    return f"library/{kind}s/{secrets.token_hex(8)}/{stem}"


def _clean_copy(picture):
    """Only the pixels (and the colour profile): no EXIF, XMP or comments."""
    upright = ImageOps.exif_transpose(picture)
    if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    # The palette's transparent colour is part of the picture; everything else in info goes.
    upright.info = {k: v for k, v in upright.info.items() if k == "transparency"}
    return upright


def _encode(picture, kind, icc_profile):
    buffer = io.BytesIO()
    options = dict(ENCODER_OPTIONS[kind])
    if icc_profile:
        options["icc_profile"] = icc_profile
    if kind == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    picture.save(buffer, format=kind, **options)
    return buffer.getvalue()


def make_renditions(upload, kind):
    """Write the clean original and its narrower sizes; return (original name, width, height,
    bytes, [{"width", "height", "name"}...] narrowest first)."""
    upload.seek(0)
    with PillowImage.open(upload) as source:
        source.load()
        icc_profile = source.info.get("icc_profile")
        picture = _clean_copy(source)
    base = folder_for(upload.name, "image")
    extension = IMAGE_FORMATS[kind][0]
    width, height = picture.size
    data = _encode(picture, kind, icc_profile)
    original = default_storage.save(f"{base}{extension}", ContentFile(data))
    sizes = []
    for target in sorted(settings.LIBRARY_IMAGE_WIDTHS):
        if target >= width:
            break
        scaled = picture.resize(
            (target, max(1, round(height * target / width))), PillowImage.Resampling.LANCZOS
        )
        name = default_storage.save(
            f"{base}-{target}w{extension}", ContentFile(_encode(scaled, kind, icc_profile))
        )
        sizes.append({"width": scaled.width, "height": scaled.height, "name": name})
    return original, width, height, len(data), sizes
