"""Request bodies are capped before Django reads them; only the import upload may be larger."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editorial.imports import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db


class Unread(io.BytesIO):
    """A request body that records whether anyone read it."""

    touched = False

    def read(self, *args):
        Unread.touched = True
        return super().read(*args)

    readline = read


def test_a_huge_post_to_the_sign_in_page_is_refused_unread(client, settings):
    Unread.touched = False
    response = client.generic(
        "POST",
        reverse("admin:login"),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
        **{"wsgi.input": Unread(b"--x--")},
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not Unread.touched


def test_a_body_over_the_cap_is_refused_on_a_public_page(client, settings):
    body = b"q=" + b"x" * (settings.REQUEST_BODY_MAX_BYTES + 1)
    response = client.generic("POST", "/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_a_normal_admin_form_passes(staff_client):
    response = staff_client.post(
        reverse("admin:programs_scheme_add"), {"name": "Scheme", "description": "x" * 10_000}
    )
    assert response.status_code in (200, 302)


def test_the_import_upload_has_its_own_larger_limit(staff_client, settings):
    content = b"program,year\r\n" + b"x" * (settings.REQUEST_BODY_MAX_BYTES + 10)
    upload = SimpleUploadedFile("figures.csv", content)
    response = staff_client.post(
        reverse("admin:programs_annualfigure_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    assert response.status_code == 200  # the import's own message, not a 413


def test_an_import_upload_far_over_its_limit_is_refused_unread(staff_client):
    Unread.touched = False
    response = staff_client.generic(
        "POST",
        reverse("admin:programs_annualfigure_import"),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(4 * MAX_UPLOAD_BYTES),
        **{"wsgi.input": Unread(b"--x--")},
    )
    assert response.status_code == 413
    assert not Unread.touched


def test_a_malformed_content_length_is_a_bad_request(client):
    response = client.generic("POST", reverse("admin:login"), b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400


def test_a_length_that_is_not_a_number_is_refused_in_the_visitors_language(client):
    english = client.generic("POST", "/en/programs/", CONTENT_LENGTH="abc")
    assert english.status_code == 400
    assert "is not a number" in english.content.decode()
    japanese = client.generic("POST", "/ja/programs/", CONTENT_LENGTH="abc")
    assert japanese.status_code == 400
    assert "リクエストの長さ（Content-Lengthヘッダー）が数値ではありません。" in (
        japanese.content.decode()
    )


def test_a_body_too_large_is_refused_in_the_visitors_language(client):
    response = client.generic(
        "POST", "/ja/programs/", CONTENT_LENGTH=str(100 * 1024 * 1024), data=b""
    )
    assert response.status_code == 413
    assert "リクエストが大きすぎます" in response.content.decode()
