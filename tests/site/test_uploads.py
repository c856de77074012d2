"""Uploads through the admin: raster images only, within size limits; documents served through
Django with headers that keep a browser from running them."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes(size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(client, name, content, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def file_errors(response):
    assert response.status_code == 200, "a refused upload re-renders the form"
    with override("en"):
        return [str(error) for error in response.context["form"].errors["file"]]


@pytest.mark.django_db
def test_a_raster_image_is_accepted(admin_client):
    response = upload_image(admin_client, "logo.png", png_bytes())

    assert response.status_code == 302
    assert get_image_model().objects.get().title == "logo.png"


@pytest.mark.django_db
def test_an_svg_is_refused_with_the_formats_that_are_accepted(admin_client):
    response = upload_image(admin_client, "logo.svg", SVG, content_type="image/svg+xml")

    assert file_errors(response) == [
        "Not a supported image format. Supported formats: GIF, JPG, JPEG, PNG, WEBP, AVIF."
    ]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_svg_renamed_to_png_is_refused(admin_client):
    response = upload_image(admin_client, "logo.png", SVG)

    assert file_errors(response)
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_over_the_size_limit_is_refused(admin_client):
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    content = png_bytes()
    # A valid PNG padded past the limit: the size is checked before the picture is decoded.
    oversize = content + b"\0" * (limit + 1 - len(content))

    response = upload_image(admin_client, "poster.png", oversize)

    assert file_errors(response) == [
        "This file is too big (10.0\xa0MB). Maximum filesize 10.0\xa0MB."
    ]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_with_too_many_pixels_is_refused(admin_client):
    # 60 megapixels in a few kilobytes: small to upload, about 240 MB to decode.
    content = png_bytes(size=(10_000, 6_000), mode="1")
    assert len(content) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE

    response = upload_image(admin_client, "bomb.png", content)

    assert file_errors(response) == [
        "This file has too many pixels (60000000). Maximum pixels 50000000."
    ]
    assert not get_image_model().objects.exists()


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["program.html", "logo.svg", "macro.js"])
def test_documents_that_a_browser_would_run_are_refused(admin_client, name):
    response = upload_document(admin_client, name, b"<script>alert(1)</script>")

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_documents_are_served_by_django_with_protective_headers(admin_client):
    response = upload_document(admin_client, "program.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302
    document = get_document_model().objects.get()

    served = Client().get(document.url)

    # Through the serve view, so collection privacy applies, never straight from /media/.
    assert document.url.startswith("/documents/")
    assert served.status_code == 200
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == b"%PDF-1.4\n%%EOF\n"
