"""Library files on content pages: a section's image with srcset, width and height, caption
and credit; its documents with type and size; files served with their type, nosniff and the
CSP; a file a page uses cannot be deleted; history kept as for every edited model."""

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.figures import LiveFigures
from library.models import Document, Image
from pages.models import Section
from pages.rendering import render_markdown

from .builders import make_page, make_section
from .library_builders import (
    PDF,
    make_document,
    make_image,
    media_root,  # noqa: F401 (autouse fixture)
    read_elements,
)

pytestmark = pytest.mark.django_db


def page_with_media(**section_fields):
    page = make_page("Training abroad")
    image = make_image()
    document = make_document()
    section = make_section(
        page,
        image=image,
        image_caption_en="Officers practising first aid",
        image_caption_ja="応急手当の訓練",
        image_credit_en="National Police Agency",
        **section_fields,
    )
    section.documents.add(document)
    return page, image, document


def test_section_image_has_srcset_sizes_width_and_height(client):
    page, image, _document = page_with_media()
    html = client.get(page.get_absolute_url()).content.decode()
    (img,) = read_elements(html).images
    assert img["width"] == "1600" and img["height"] == "1000"
    assert img["alt"] == "Three bars"
    widths = [entry.split()[1] for entry in img["srcset"].split(", ")]
    assert widths == ["480w", "960w", "1440w", "1600w"]
    assert img["sizes"] == Image.sizes
    assert img["src"].endswith("-960w.jpg")
    assert "Officers practising first aid" in html
    assert "Credit: National Police Agency" in html


def test_japanese_page_shows_japanese_alt_and_caption_and_marks_untranslated_credit(client):
    page, _image, _document = page_with_media()
    html = client.get(page.get_absolute_url().replace("/en/", "/ja/", 1)).content.decode()
    page_elements = read_elements(html)
    assert page_elements.images[0]["alt"] == "三本の棒グラフ"
    (figure,) = page_elements.figures
    assert figure == "応急手当の訓練 提供：National Police Agency （未翻訳）"
    assert '<span lang="en">National Police Agency</span>' in html


def test_decorative_image_has_empty_alt(client):
    page = make_page("Rules")
    make_section(page, image=make_image(decorative=True))
    (img,) = read_elements(client.get(page.get_absolute_url()).content.decode()).images
    assert img["alt"] == ""


def test_documents_show_type_and_size_in_both_languages(client):
    page = make_page("Reports")
    section = make_section(page)
    big = make_document("Big report", data=PDF + b"0" * 1_300_000)
    section.documents.add(big, make_document("Small report"))
    html = client.get(page.get_absolute_url()).content.decode()
    items = read_elements(html).items
    assert "Big report (PDF, 1.2 MB)" in items and "Small report (PDF, 1 KB)" in items
    assert f'<a href="{big.file.url}" type="application/pdf">Big report</a>' in html
    japanese = client.get(page.get_absolute_url().replace("/en/", "/ja/", 1)).content.decode()
    assert "年次報告書2024（PDF、1.2MB）" in read_elements(japanese).items


def test_media_files_are_served_with_their_type_nosniff_and_the_csp(client):
    _page, image, document = page_with_media()
    for url, content_type in (
        (image.file.url, "image/jpeg"),
        (image.srcset.split()[0], "image/jpeg"),
        (document.file.url, "application/pdf"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert b"".join(response.streaming_content)[:4] in (b"\xff\xd8\xff\xe0", b"%PDF")
    assert client.get("/media/library/../../npa_portal/settings.py").status_code == 404
    assert client.get("/media/library/nothing-here.jpg").status_code == 404


def test_markdown_still_strips_raw_images():
    html = render_markdown(
        'Text <img src="https://example.org/x.png" onerror="alert(1)"> and '
        "![tracking pixel](https://example.org/pixel.gif)",
        LiveFigures(),
    )
    assert "<img" not in html and "onerror" not in html


def test_deleting_an_image_a_page_uses_is_refused_with_the_pages(staff_client):
    page, image, _document = page_with_media()
    url = reverse("admin:library_image_delete", args=[image.pk])
    response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Used on the page" in html and "Training abroad" in html
    assert reverse("admin:pages_page_change", args=[page.pk]) in html
    assert Image.objects.filter(pk=image.pk).exists()
    with pytest.raises(ProtectedError):
        image.delete()


def test_deleting_a_document_a_page_uses_is_refused_with_the_pages(staff_client):
    page, _image, document = page_with_media()
    response = staff_client.post(
        reverse("admin:library_document_delete", args=[document.pk]), {"post": "yes"}
    )
    assert "Training abroad" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    # Every other path too: the link table would otherwise lose it silently.
    with pytest.raises(ProtectedError), transaction.atomic():
        Document.objects.filter(pk=document.pk).delete()
    assert Section.objects.get(page=page).documents.get() == document


def test_an_unused_file_can_be_deleted(staff_client):
    image, document = make_image(), make_document()
    staff_client.post(reverse("admin:library_image_delete", args=[image.pk]), {"post": "yes"})
    staff_client.post(reverse("admin:library_document_delete", args=[document.pk]), {"post": "yes"})
    assert not Image.objects.exists() and not Document.objects.exists()


def test_library_edits_are_kept_in_history(staff_client):
    image = make_image()
    url = reverse("admin:library_image_change", args=[image.pk])
    response = staff_client.post(
        url,
        {
            "name": "Diagram",
            "alt_en": "Three coloured bars",
            "alt_ja": "三本の棒グラフ",
            "change_reason": "clearer description",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = image.history.first()
    assert latest.alt_en == "Three coloured bars"
    assert latest.history_change_reason == "clearer description"
    assert image.history.count() == 2


def test_caption_needs_an_image():
    page = make_page("Reports")
    section = Section(page=page, order=1, heading_en="Reports", image_caption_en="A caption")
    with pytest.raises(Exception) as refused:
        section.full_clean()
    assert "image" in refused.value.message_dict


def test_page_with_images_and_documents_costs_no_more_queries_per_section(
    client, django_assert_num_queries
):
    one, _image, _document = page_with_media()
    ten = make_page("Ten sections")
    for number in range(10):
        section = make_section(ten, image=make_image(), order=number)
        section.documents.add(make_document(f"Report {number}"))
    client.get(one.get_absolute_url())
    with CaptureQueriesContext(connection) as with_one:
        client.get(one.get_absolute_url())
    with django_assert_num_queries(len(with_one)):
        assert client.get(ten.get_absolute_url()).status_code == 200


def test_a_bad_image_or_document_choice_is_a_form_error_not_a_server_error(staff_client):
    page = make_page("Reports")
    section = make_section(page, heading="Reports")
    response = staff_client.post(
        reverse("admin:pages_section_change", args=[section.pk]),
        {
            "page": page.pk,
            "order": 1,
            "heading_en": "Reports",
            "image": "abc",
            "documents": ["[]", "abc"],
        },
    )
    assert response.status_code == 200
    assert {"image", "documents"} <= set(response.context["adminform"].form.errors)


def test_a_deleted_image_is_restored_with_its_files(staff_client):
    image = make_image()
    names, pk = image.stored_names(), image.pk
    staff_client.post(reverse("admin:library_image_delete", args=[pk]), {"post": "yes"})
    assert not Image.objects.exists()
    deletion = Image.history.get(id=pk, history_type="-")
    response = staff_client.post(reverse("admin:library_image_restore", args=[deletion.history_id]))
    assert response.status_code == 302
    restored = Image.objects.get(pk=pk)
    assert restored.stored_names() == names
    assert all(
        staff_client.get(restored_url).status_code == 200
        for restored_url in (restored.file.url, restored.src)
    )
