"""The site's address: every absolute link names the address being served.

``load_demo --site-url`` (what ``make run`` passes) and ``configure_site`` (run at each
deployment) write it into the default Site; a system check warns while a site with DEBUG off
still says localhost.
"""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, override_settings
from wagtail.models import Site

from tests.site.test_demo import CONTENT, EVENTS, LANGUAGES, load_demo

pytestmark = pytest.mark.django_db

SERVED_AT = "http://127.0.0.1:8765"
HOST = "127.0.0.1:8765"
PANEL = EVENTS["panel"]
BASE_DIR = Path(__file__).resolve().parents[2]

ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>\\)]+""")
# Addresses of other sites the demo links to on purpose: the partners' websites, Google
# Calendar's "add" link, and the vocabularies and namespaces the markup and feeds name.
OTHER_SITES = {
    *(
        re.sub(r"^https?://", "", partner["website"]).split("/")[0]
        for partner in CONTENT["partners"].values()
    ),
    "calendar.google.com",
    "schema.org",
    "www.w3.org",
    "www.sitemaps.org",
    "www.google.com",
    "purl.org",  # the RSS event module's namespace
}


FEED_LINK = re.compile(
    r'<link rel="alternate" type="application/(?:rss|atom)\+xml"[^>]* href="([^"]+)"'
)


def hosts_named(text):
    return {re.sub(r"^https?://", "", url).split("/")[0] for url in ABSOLUTE_URL.findall(text)}


def site_links(text):
    return sorted(url for url in ABSOLUTE_URL.findall(text) if f"//{HOST}" in url)


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded with ``--site-url``, and what a browser gets from that address."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("address-media"))),
        transaction.atomic(),
    ):
        output = load_demo("--site-url", SERVED_AT)
        client = Client(HTTP_HOST=HOST)
        responses = {"load_demo": output}
        for language_code in LANGUAGES:
            responses[f"/{language_code}/"] = client.get(f"/{language_code}/")
            event = f"/{language_code}/{PANEL['slug']}/"
            responses[event] = client.get(event)
            responses[event + "calendar.ics"] = client.get(event + "calendar/")
        responses["/sitemap.xml"] = client.get("/sitemap.xml")
        responses["/robots.txt"] = client.get("/robots.txt")
        responses["/api/v2/events/"] = client.get("/api/v2/events/", {"locale": "en"})
        # The feeds, wherever the home pages say they are.
        for language_code in LANGUAGES:
            home_page = responses[f"/{language_code}/"].content.decode()
            for feed in FEED_LINK.findall(home_page):
                path = feed.removeprefix(SERVED_AT)
                responses[path] = client.get(path)
        responses = {
            path: response
            if isinstance(response, str)
            else (response.status_code, response.content.decode())
            for path, response in responses.items()
        }
        site = Site.objects.get(is_default_site=True)
        yield {"responses": responses, "site": (site.hostname, site.port, site.root_url)}
        transaction.set_rollback(True)
    cache.clear()


def test_load_demo_names_the_served_address_in_the_default_site(served):
    assert served["site"] == ("127.0.0.1", 8765, SERVED_AT)
    assert f"Site:  {SERVED_AT}/\n" in served["responses"]["load_demo"]
    assert f"Admin: {SERVED_AT}/admin/\n" in served["responses"]["load_demo"]


def test_every_absolute_link_names_the_served_address(served):
    for path, response in served["responses"].items():
        if path == "load_demo":
            continue
        status, text = response
        assert status == 200, path
        assert hosts_named(text) - OTHER_SITES == {HOST}, path
        assert "localhost" not in text and "testserver" not in text, path


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_the_event_page_links_name_the_served_address(served, language_code):
    _status, text = served["responses"][f"/{language_code}/{PANEL['slug']}/"]
    own = f"{SERVED_AT}/{language_code}/{PANEL['slug']}/"
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', text)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', text))
    og_url = re.findall(r'<meta property="og:url" content="([^"]+)"', text)
    json_ld = [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', text, re.S
        )
    ]
    event = next(item for item in json_ld if item.get("@type") in ("Event", "EducationEvent"))

    assert canonical == [own]
    assert alternates == {
        "sr-Latn": f"{SERVED_AT}/sr-latn/{PANEL['slug']}/",
        "sr-Cyrl": f"{SERVED_AT}/sr-cyrl/{PANEL['slug']}/",
        "en": f"{SERVED_AT}/en/{PANEL['slug']}/",
        "x-default": f"{SERVED_AT}/sr-latn/{PANEL['slug']}/",
    }
    assert og_url == [own]
    assert event["url"] == own
    assert all(image.startswith(f"{SERVED_AT}/") for image in event["image"])


def test_the_feeds_and_the_api_name_the_served_address(served):
    feeds = [
        path
        for path in served["responses"]
        if path.endswith(("rss/", "atom/", ".xml")) and "sitemap" not in path
    ]
    # An RSS and an Atom feed of the home page in each language, read above with every link.
    assert len(feeds) == 2 * len(LANGUAGES), sorted(served["responses"])
    for path in feeds:
        _status, feed = served["responses"][path]
        assert f"<link>{SERVED_AT}/" in feed or f'href="{SERVED_AT}/' in feed, path
    _status, api = served["responses"]["/api/v2/events/"]
    items = json.loads(api)["items"]
    assert len(items) == len(EVENTS)
    assert all(item["meta"]["html_url"].startswith(f"{SERVED_AT}/en/") for item in items)


def test_the_calendar_file_and_the_sitemap_name_the_served_address(served):
    _status, calendar = served["responses"][f"/en/{PANEL['slug']}/calendar.ics"]
    _status, sitemap = served["responses"]["/sitemap.xml"]
    _status, robots = served["responses"]["/robots.txt"]
    unfolded = calendar.replace("\r\n ", "")
    assert re.findall(r"^URL[^:]*:(.*)\r$", unfolded, re.M) == [f"{SERVED_AT}/en/{PANEL['slug']}/"]
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) == 12  # the home page and three events, in three languages
    assert all(location.startswith(f"{SERVED_AT}/") for location in locations)
    assert f"Sitemap: {SERVED_AT}/sitemap.xml" in robots


# configure_site --------------------------------------------------------------------------


def configure_site(*arguments):
    output = StringIO()
    call_command("configure_site", *arguments, stdout=output, stderr=StringIO())
    site = Site.objects.get(is_default_site=True)
    return output.getvalue(), (site.hostname, site.port, site.root_url)


def test_configure_site_sets_the_public_address():
    assert configure_site("https://events.example.org") == (
        "The default Site is https://events.example.org/\n",
        ("events.example.org", 443, "https://events.example.org"),
    )
    assert configure_site("http://events.example.org:8080/") == (
        "The default Site is http://events.example.org:8080/\n",
        ("events.example.org", 8080, "http://events.example.org:8080"),
    )


def test_configure_site_reads_site_url_then_the_admin_address(monkeypatch, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cms.example.org"
    monkeypatch.setenv("SITE_URL", "https://events.example.org")
    assert configure_site()[1] == ("events.example.org", 443, "https://events.example.org")
    monkeypatch.delenv("SITE_URL")
    assert configure_site()[1] == ("cms.example.org", 443, "https://cms.example.org")


@pytest.mark.parametrize(
    "address",
    [
        "events.example.org",  # no scheme
        "ftp://events.example.org",
        "https://events.example.org:8443",  # Wagtail would write http://…:8443
        "http://events.example.org:443",
        "https://events.example.org/events/",  # the site is served at the root
        "https://events.example.org/?next=<script>",
        "https://user@events.example.org",
        "http://",
        "https://events.example.org:99999",
        "https://events.example.org\x00.evil",
        "https://" + "a" * 3000 + ".org:80:80",
        '"><script>alert(1)</script>',
    ],
)
def test_configure_site_refuses_an_address_wagtail_cannot_give_back(address):
    before = Site.objects.values_list("hostname", "port").get(is_default_site=True)
    with pytest.raises(CommandError):
        configure_site(address)
    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == before


def test_load_demo_refuses_a_bad_site_url_before_building_anything():
    before = Site.objects.values_list("hostname", "port").get(is_default_site=True)
    with pytest.raises(CommandError, match="--site-url"):
        call_command(
            "load_demo", "--site-url", "https://events.example.org:8443", stdout=StringIO()
        )
    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == before


# The system check -------------------------------------------------------------------------


def check_output(settings, debug):
    settings.DEBUG = debug
    errors = StringIO()
    call_command(
        "check", "--database", "default", "--tag", "sites", stdout=StringIO(), stderr=errors
    )
    return errors.getvalue()


def test_the_check_warns_while_a_public_site_says_localhost(settings):
    configure_site("http://localhost")  # as the migrations leave it
    warning = check_output(settings, debug=False)
    assert "home.W001" in warning
    assert "http://localhost" in warning
    assert "manage.py configure_site" in warning
    # Development serves on localhost on purpose.
    assert check_output(settings, debug=True) == ""

    configure_site("https://events.example.org")
    assert check_output(settings, debug=False) == ""


def test_the_check_does_not_read_the_database_unless_asked(settings, django_assert_num_queries):
    settings.DEBUG = False
    with django_assert_num_queries(0):
        call_command("check", "--tag", "sites", stdout=StringIO(), stderr=StringIO())


def manage(*arguments, database):
    """``manage.py`` with the production settings, as a deployment runs it."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "SECRET_KEY": "production-settings-check-not-a-secret",
        "ALLOWED_HOSTS": "events.example.org",
        "WAGTAILADMIN_BASE_URL": "https://events.example.org",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    environment.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def test_a_deployment_is_warned_until_it_sets_the_site_address(tmp_path):
    database = tmp_path / "production.sqlite3"
    manage("migrate", "--noinput", database=database)
    # migrate checks before it migrates; from then on the migrated Site says localhost.
    warned = manage("check", "--database", "default", database=database)
    assert "(home.W001) The default Site's address is http://localhost," in warned.stderr

    configured = manage("configure_site", database=database)
    assert configured.stdout == "The default Site is https://events.example.org/\n"

    checked = manage("check", "--database", "default", database=database)
    assert "home.W001" not in checked.stderr
