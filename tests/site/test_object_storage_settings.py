"""Which storage production gives uploads, and which host its Content-Security-Policy allows
images from, for each way of naming an object store (cms_site/settings/object_storage.py).

The store itself is exercised end to end by tests/site/test_multiple_servers.py.
"""

import pytest

from cms_site.settings.object_storage import media_origin, media_storage

ALWAYS = {
    "querystring_auth": False,
    "file_overwrite": False,
    "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
}


def test_without_a_bucket_uploads_stay_on_the_file_system():
    assert media_storage({}) is None
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "", "AWS_S3_REGION_NAME": "eu-west-1"}) is None


def test_a_bucket_on_amazon_s3():
    storage = media_storage(
        {"AWS_STORAGE_BUCKET_NAME": "events-media", "AWS_S3_REGION_NAME": "eu-central-1"}
    )

    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**ALWAYS, "bucket_name": "events-media", "region_name": "eu-central-1"},
    }
    assert media_origin(storage) == "https://events-media.s3.amazonaws.com"


@pytest.mark.parametrize(
    ("environment", "origin"),
    [
        ({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}, "http://127.0.0.1:9000"),
        (
            {
                "AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
                "AWS_S3_ADDRESSING_STYLE": "virtual",
            },
            "https://events-media.s3.fr-par.scw.cloud",
        ),
        (
            {
                "AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
                "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
            },
            "https://media.example.org",
        ),
        (
            {"AWS_S3_CUSTOM_DOMAIN": "cdn.example.org/events", "AWS_S3_URL_PROTOCOL": "http:"},
            "http://cdn.example.org",
        ),
    ],
)
def test_images_are_allowed_from_the_host_their_urls_name(environment, origin):
    storage = media_storage({"AWS_STORAGE_BUCKET_NAME": "events-media", **environment})

    assert media_origin(storage) == origin


def test_every_option_comes_through_under_django_storages_names():
    storage = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "events-media",
            "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
            "AWS_S3_REGION_NAME": "nbg1",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
            "AWS_LOCATION": "media",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_DEFAULT_ACL": "public-read",
            "AWS_S3_URL_PROTOCOL": "https:",
            # Credentials are read by django-storages and boto3 themselves, never copied.
            "AWS_ACCESS_KEY_ID": "key",
            "AWS_SECRET_ACCESS_KEY": "secret",
        }
    )

    assert storage["OPTIONS"] == {
        **ALWAYS,
        "bucket_name": "events-media",
        "endpoint_url": "https://s3.example.net",
        "region_name": "nbg1",
        "custom_domain": "media.example.org",
        "location": "media",
        "addressing_style": "path",
        "default_acl": "public-read",
        "url_protocol": "https:",
    }
