"""robots.txt and the favicon: the addresses crawlers and browsers ask for unprompted."""

from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from PIL import Image
from wagtail.models import Site

from tests.public_fixtures import seed_event_in_three_languages, seed_partners, seed_venue

HOSTILE_QUERY_STRINGS = [
    "?q=<script>alert(1)</script>",
    "?q=%22%27%3E%3Csvg%20onload%3Dalert(1)%3E",
    "?q=%00%00",
    "?q=" + "x" * 3000,
]


@pytest.fixture
def public_site(home_pages):
    site = Site.objects.get(is_default_site=True)
    site.hostname = "events.example.org"
    site.port = 443
    site.save()
    return site


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client, public_site):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        "",
        "Sitemap: https://events.example.org/sitemap.xml",
    ]


def test_the_sitemap_robots_txt_names_is_served(client, public_site, home_pages):
    seed_event_in_three_languages(home_pages, seed_partners(), seed_venue())
    sitemap_line = client.get("/robots.txt").content.decode().splitlines()[-1]
    sitemap_path = sitemap_line.removeprefix("Sitemap: https://events.example.org")

    response = client.get(sitemap_path)

    assert response.status_code == 200
    assert b"https://events.example.org/sr-latn/" in response.content


def test_robots_txt_answers_a_conditional_request_with_304(client, public_site):
    first = client.get("/robots.txt")

    again = client.get("/robots.txt", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] == "public, max-age=86400"
    assert again.status_code == 304
    assert again.content == b""


def test_robots_txt_changes_with_the_site_address(client, public_site):
    before = client.get("/robots.txt")
    public_site.hostname = "dogadjaji.example.rs"
    public_site.save()

    after = client.get("/robots.txt", HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after.content.decode().splitlines()[-1] == (
        "Sitemap: https://dogadjaji.example.rs/sitemap.xml"
    )


def test_robots_txt_takes_a_fixed_number_of_queries(client, public_site, django_assert_num_queries):
    # The page cache's generation number (read for every GET it might answer) and the Site.
    with django_assert_num_queries(2):
        client.get("/robots.txt")


@pytest.mark.parametrize("query_string", HOSTILE_QUERY_STRINGS)
def test_hostile_query_strings_do_not_change_robots_txt(client, public_site, query_string):
    plain = client.get("/robots.txt")

    response = client.get("/robots.txt" + query_string)

    assert response.status_code == 200
    assert response.content == plain.content


def test_robots_txt_refuses_writes(client, public_site):
    assert client.post("/robots.txt").status_code == 405


def test_favicon_ico_sends_browsers_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == staticfiles_storage.url("favicon.ico")
    assert response["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize("name, sizes", [("favicon.ico", {(16, 16), (32, 32), (48, 48)})])
def test_the_static_favicon_is_an_icon_with_the_sizes_browsers_use(name, sizes):
    icon = Image.open(BytesIO(Path(finders.find(name)).read_bytes()))

    assert icon.format == "ICO"
    assert set(icon.info["sizes"]) == sizes


def test_public_pages_link_both_icons(client, home_pages):
    response = client.get("/sr-latn/")

    html = response.content.decode()
    for name in ("favicon.svg", "favicon.ico"):
        assert f'href="{staticfiles_storage.url(name)}"' in html
        assert finders.find(name) is not None
