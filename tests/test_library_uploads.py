"""The media library refuses what is not a JPEG, PNG, WebP or PDF by reading the content, keeps
within its limits, makes the page sizes at upload and removes EXIF from every file it keeps."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image as PillowImage

from library.models import Document, Image

from .library_builders import (
    GPS_IFD,
    MAKER,
    PDF,
    bomb_png,
    make_document,
    make_image,
    media_root,  # noqa: F401 (autouse fixture)
    picture_bytes,
    picture_upload,
    upload,
)

pytestmark = pytest.mark.django_db

ADD_IMAGE = reverse("admin:library_image_add")
ADD_DOCUMENT = reverse("admin:library_document_add")


def image_form(file, **values):
    return {
        "name": "Diagram",
        "file": file,
        "alt_en": "Three bars",
        "alt_ja": "三本の棒グラフ",
        **values,
    }


def file_errors(response):
    assert response.status_code == 200, response.status_code  # the form again, not a 500
    return " ".join(response.context["adminform"].form.errors.get("file", []))


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_each_accepted_type_is_stored_with_its_sizes(staff_client, kind):
    response = staff_client.post(ADD_IMAGE, image_form(picture_upload(kind)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert (image.format, image.width, image.height) == (kind, 1600, 1000)
    assert image.content_type == f"image/{kind.lower()}"
    assert [size["width"] for size in image.renditions] == [480, 960, 1440]
    for name in image.stored_names():
        with default_storage.open(name) as stored, PillowImage.open(stored) as picture:
            assert picture.format == kind
    assert image.bytes == default_storage.size(image.file.name)


def test_exif_is_gone_from_the_original_and_every_size():
    source = PillowImage.open(io.BytesIO(picture_bytes("JPEG")))
    assert source.getexif()[MAKER] == "Test camera"  # the upload carries it
    assert source.getexif().get_ifd(GPS_IFD)
    for kind in ("JPEG", "PNG", "WEBP"):
        image = make_image(kind)
        for name in image.stored_names():
            with default_storage.open(name) as stored, PillowImage.open(stored) as picture:
                assert not picture.getexif(), (kind, name)
                assert "exif" not in picture.info, (kind, name)


def test_a_small_image_gets_no_larger_sizes():
    image = Image(
        name="Icon", decorative=True, file=upload("icon.png", picture_bytes("PNG", (400, 300)))
    )
    image.full_clean()
    image.save()
    assert (image.width, image.renditions) == (400, [])
    assert image.srcset == f"{image.file.url} 400w"


def test_svg_is_refused(staff_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = staff_client.post(ADD_IMAGE, image_form(upload("logo.svg", svg, "image/svg+xml")))
    assert "SVG images are not accepted" in file_errors(response)
    # Named .png, it is still an SVG.
    response = staff_client.post(ADD_IMAGE, image_form(upload("logo.png", svg, "image/png")))
    assert "SVG images are not accepted" in file_errors(response)
    assert not Image.objects.exists()


def test_a_file_that_lies_about_its_type_is_refused(staff_client):
    html = upload("photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    assert "not an image that can be read" in file_errors(
        staff_client.post(ADD_IMAGE, image_form(html))
    )
    png_named_jpeg = upload("photo.jpg", picture_bytes("PNG"), "image/jpeg")
    errors = file_errors(staff_client.post(ADD_IMAGE, image_form(png_named_jpeg)))
    assert "ends in “.jpg” but the file is a PNG image" in errors
    gif = io.BytesIO()
    PillowImage.new("RGB", (10, 10)).save(gif, format="GIF")
    errors = file_errors(staff_client.post(ADD_IMAGE, image_form(upload("a.gif", gif.getvalue()))))
    assert "Only JPEG, PNG and WebP images are accepted; this file is GIF." in errors
    assert not Image.objects.exists()
    assert not list(media_root_files())


def media_root_files():
    root = default_storage.location
    import os

    for folder, _dirs, files in os.walk(root):
        yield from (os.path.join(folder, name) for name in files)


def test_an_image_over_the_byte_limit_is_refused(staff_client, settings):
    settings.LIBRARY_IMAGE_MAX_BYTES = 2048
    errors = file_errors(staff_client.post(ADD_IMAGE, image_form(picture_upload("JPEG"))))
    assert "the largest accepted is 2.0\xa0KB" in errors


def test_an_image_with_too_many_pixels_is_refused_before_decoding(staff_client):
    # 8,000 × 6,000 claimed by a file of a few kilobytes: only the header is read.
    errors = file_errors(
        staff_client.post(ADD_IMAGE, image_form(upload("big.png", bomb_png(8000, 6000))))
    )
    assert "This image is 8000 × 6000 pixels; at most 40 million pixels are accepted." in errors


@pytest.mark.parametrize("size", [(100_000, 100_000), (10_000, 10_000)])
def test_a_decompression_bomb_is_refused_with_a_form_error(staff_client, size):
    data = bomb_png(*size)
    assert len(data) < 20_000
    errors = file_errors(staff_client.post(ADD_IMAGE, image_form(upload("bomb.png", data))))
    assert "This image would be far too large once opened" in errors
    assert not Image.objects.exists()


def test_text_alternative_is_required_in_both_languages_unless_decorative(staff_client):
    response = staff_client.post(ADD_IMAGE, image_form(picture_upload("PNG"), alt_ja=""))
    errors = response.context["adminform"].form.errors
    assert "Describe the image for people who cannot see it" in errors["alt_ja"][0]
    response = staff_client.post(
        ADD_IMAGE, image_form(picture_upload("PNG"), decorative="on", alt_en="", alt_ja="")
    )
    assert response.status_code == 302
    assert Image.objects.get().decorative


def test_decorative_image_has_no_text_alternative():
    image = Image(name="Rule", decorative=True, alt_en="A line", file=picture_upload("PNG"))
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "alt_en" in refused.value.message_dict


@pytest.mark.parametrize(
    "columns",
    [
        {"decorative": False, "alt_en": "", "alt_ja": ""},
        {"decorative": False, "alt_en": "Three bars", "alt_ja": ""},
        {"decorative": True, "alt_en": "Three bars", "alt_ja": "三本の棒グラフ"},
    ],
)
def test_the_database_refuses_an_image_without_text_alternative(columns):
    image = make_image()
    with pytest.raises(IntegrityError), transaction.atomic():
        Image.objects.filter(pk=image.pk).update(**columns)


def test_a_pdf_is_stored_with_its_size(staff_client):
    response = staff_client.post(
        ADD_DOCUMENT,
        {"title_en": "Annual report", "title_ja": "年次報告書", "file": upload("report.pdf", PDF)},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.bytes == len(PDF)
    assert document.file.name.startswith("library/documents/")
    assert document.file.name.endswith("/report.pdf")


def test_a_file_that_is_not_a_pdf_is_refused_even_named_pdf(staff_client):
    for file in (
        upload("report.pdf", b"<html>not a pdf</html>", "application/pdf"),
        upload("report.pdf", picture_bytes("PNG"), "application/pdf"),
    ):
        response = staff_client.post(ADD_DOCUMENT, {"title_en": "Report", "file": file})
        assert "not a PDF document" in file_errors(response)
    response = staff_client.post(
        ADD_DOCUMENT, {"title_en": "Report", "file": upload("report.exe", PDF)}
    )
    assert "must end in “.pdf”" in file_errors(response)
    assert not Document.objects.exists()


def test_a_pdf_over_the_limit_is_refused(settings):
    settings.LIBRARY_DOCUMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError) as refused:
        make_document()
    assert "the largest accepted is 50\xa0bytes" in refused.value.message_dict["file"][0]


def test_the_upload_forms_accept_a_body_over_the_site_wide_limit(staff_client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    response = staff_client.post(ADD_IMAGE, image_form(picture_upload("PNG")))
    assert response.status_code == 302
    assert staff_client.post(reverse("admin:pages_page_add"), {"x": "y" * 2000}).status_code == 413
