"""Files for the media library's tests, all made here: pictures drawn with Pillow (a simple
diagram, no photograph), EXIF with a GPS position, a decompression bomb, PDFs and impostors."""

import io
import struct
import zlib
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from PIL import ImageDraw

from library.models import Document, Image

GPS_IFD = 0x8825
# A position in Tokyo, as a phone writes it: degrees, minutes, seconds.
GPS_POSITION = {1: "N", 2: (35.0, 40.0, 36.0), 3: "E", 4: (139.0, 45.0, 0.0)}
MAKER = 0x010F
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SUFFIX = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test writes its uploads into a folder of its own, removed after it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def exif_with_location():
    exif = PillowImage.Exif()
    exif[MAKER] = "Test camera"
    exif.get_ifd(GPS_IFD).update(GPS_POSITION)
    return exif


def picture_bytes(kind="JPEG", size=(1600, 1000), exif=True):
    """A diagram: three bars on a light background, with GPS EXIF unless told not to."""
    picture = PillowImage.new("RGB", size, (245, 247, 250))
    draw = ImageDraw.Draw(picture)
    width, height = size
    for index, colour in enumerate([(0, 65, 145), (0, 120, 80), (200, 90, 0)]):
        left = width // 8 + index * width // 4
        draw.rectangle([left, height // (index + 2), left + width // 6, height - 10], fill=colour)
    buffer = io.BytesIO()
    options = {"exif": exif_with_location().tobytes()} if exif else {}
    picture.save(buffer, format=kind, **options)
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def picture_upload(kind="JPEG", name=None, **options):
    return upload(name or f"diagram.{SUFFIX[kind]}", picture_bytes(kind, **options))


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def bomb_png(width=100_000, height=100_000):
    """A PNG of a few hundred bytes that claims width × height pixels (black and white): opened
    naively it would need over a gigabyte of memory."""
    rows = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (width // 8)
    data = b"".join(rows.compress(row) for _ in range(10)) + rows.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def make_image(kind="JPEG", decorative=False, size=(1600, 1000), **fields):
    alt = {} if decorative else {"alt_en": "Three bars", "alt_ja": "三本の棒グラフ"}
    image = Image(
        name=fields.pop("name", "Diagram"),
        file=picture_upload(kind, size=size),
        decorative=decorative,
        **{**alt, **fields},
    )
    image.full_clean()
    image.save()
    return image


def make_document(title="Annual report 2024", data=PDF, name="report.pdf"):
    document = Document(title_en=title, title_ja="年次報告書2024", file=upload(name, data))
    document.full_clean()
    document.save()
    return document


class _ElementReader(HTMLParser):
    """The attributes of every <img>, and the text of every <li> and <figure>, in order."""

    def __init__(self):
        super().__init__()
        self.images, self.items, self.figures, self._open = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag in ("li", "figure"):
            self._open.append((tag, dict(attrs), []))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            _tag, _attrs, text = self._open.pop()
            joined = " ".join("".join(text).split())
            (self.items if tag == "li" else self.figures).append(joined)
            if self._open:
                self._open[-1][2].append("".join(text))

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def read_elements(html):
    reader = _ElementReader()
    reader.feed(html)
    return reader
