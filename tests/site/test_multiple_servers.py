"""Two app servers behind one address share everything a visitor or an editor can tell apart.

Two gunicorn servers (A and B) run the production settings on ports of their own. They share one
PostgreSQL database, one Redis server and one S3-compatible object store (moto's server mode),
all on the loopback interface and started for this module (tests/site/app_servers.py). The
deployment is prepared as docs/deployment.md says: migrate, collectstatic, configure_site and an
administrator account. Requests carry X-Forwarded-Proto: https, as the proxy in front would.

Shown: each server serves the static files itself; a login made on A is valid on B; an image
uploaded through A's admin is served through B, its files from the object store; a document
uploaded through A downloads through B and is not public in the bucket; a page published through
A shows at once through B, even where B had stored the old page, and so does a change made by a
third process, on both; with A stopped, B keeps serving. The tests run in this order and the
last one stops A.
"""

import io
import re
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests
from PIL import Image

from tests.event_form_data import event_form_data
from tests.site.app_servers import (
    AppServer,
    Visitor,
    add_authenticator,
    manage,
    production_environment,
    sign_in_with_authenticator,
)
from tests.site.app_servers import shared_services as start_shared_services

ADMIN = {"username": "admin", "password": "admin-password-for-the-servers-test"}
IMAGE_SIZE = (800, 450)


class Deployment:
    """The shared services, the environment every process gets, and servers A and B."""

    def __init__(self, database_url, redis, object_store, environment, servers):
        self.database_url = database_url
        self.redis = redis
        self.object_store = object_store
        self.environment = environment
        self.a, self.b = servers

    def query_one(self, sql, *parameters):
        """Looks up an id the admin gave something; what is shown is checked over HTTP."""
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, parameters).fetchone()

    def latin_home_page_id(self):
        return self.query_one(
            "SELECT page.id FROM wagtailcore_page page JOIN wagtailcore_locale locale "
            "ON locale.id = page.locale_id WHERE page.depth = 2 AND locale.language_code = %s",
            "sr-latn",
        )[0]


def in_parallel(*calls):
    with ThreadPoolExecutor(len(calls)) as pool:
        for future in [pool.submit(call) for call in calls]:
            future.result()


def prepare(environment):
    """What a deployment runs before starting its app servers (docs/deployment.md)."""
    in_parallel(
        lambda: manage(environment, "migrate", "--noinput"),
        lambda: manage(environment, "collectstatic", "--noinput"),
    )
    account = {
        **environment,
        "DJANGO_SUPERUSER_USERNAME": ADMIN["username"],
        "DJANGO_SUPERUSER_PASSWORD": ADMIN["password"],
        "DJANGO_SUPERUSER_EMAIL": "admin@example.org",
    }
    in_parallel(
        lambda: manage(environment, "configure_site"),
        lambda: manage(account, "createsuperuser", "--noinput"),
    )
    add_authenticator(environment, ADMIN["username"])


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    started = time.monotonic()
    directory = tmp_path_factory.mktemp("servers")
    with start_shared_services(directory) as (database_url, redis, object_store):
        environment = production_environment(
            database_url, redis.url, object_store, directory / "static"
        )
        prepare(environment)
        servers = [AppServer(name, environment, directory) for name in ("A", "B")]
        try:
            in_parallel(*(server.start for server in servers))
            print(f"\nTwo app servers ready in {time.monotonic() - started:.1f} s")
            yield Deployment(database_url, redis, object_store, environment, servers)
        finally:
            for server in servers:
                server.stop()


@pytest.fixture(scope="module")
def admin_on_a(deployment):
    """The administrator, logged in through server A's login form."""
    visitor = Visitor(deployment.a)
    response = sign_in_with_authenticator(visitor, ADMIN)
    assert (response.status_code, response.headers["Location"]) == (302, "/admin/")
    return visitor


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", IMAGE_SIZE, (180, 40, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def publish_event(admin, deployment, title, slug, **fields):
    """Publish a new Serbian Latin event under the home page through the admin's page editor."""
    data = event_form_data(
        title=title,
        slug=slug,
        attendance_mode="online",
        online_url="https://meet.example.org/okrugli-sto",
        **fields,
    )
    data["action-publish"] = "action-publish"
    home_id = deployment.latin_home_page_id()
    response = admin.post_form(f"/admin/pages/add/panel_event/eventpage/{home_id}/", data)
    assert response.status_code == 302, response.text[-2000:]
    return f"/sr-latn/{slug}/"


def image_sources(html):
    """Every URL an <img> or <source> of the page names (src and each srcset candidate)."""
    urls = re.findall(r'<img[^>]* src="([^"]+)"', html)
    for srcset in re.findall(r'<(?:img|source)[^>]* srcset="([^"]+)"', html):
        urls += [candidate.strip().split(" ")[0] for candidate in srcset.split(",")]
    return sorted(set(urls))


def csp_directives(header):
    """{"directive": ["source", ...]} from a Content-Security-Policy header."""
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


def test_each_server_answers_its_health_check(deployment):
    for server in (deployment.a, deployment.b):
        response = requests.get(f"{server.url}/health/", timeout=10)
        assert (response.status_code, response.json()) == (200, {"cache": "ok", "database": "ok"})


def test_each_server_serves_static_files_itself(deployment):
    for server in (deployment.a, deployment.b):
        page = Visitor(server).get("/sr-latn/")
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text).group(1)

        response = Visitor(server).get(stylesheet, headers={"Accept-Encoding": "gzip"})

        assert response.status_code == 200
        # Hashed names never change content, so browsers and CDNs keep them for good.
        assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "body" in response.text


def test_a_login_made_on_one_server_is_valid_on_the_other(deployment, admin_on_a):
    on_b = admin_on_a.through(deployment.b)
    stranger_on_b = Visitor(deployment.b)

    dashboard = on_b.get("/admin/")
    refused = stranger_on_b.get("/admin/")

    assert dashboard.status_code == 200
    # The dashboard's account summary names the user the session belongs to.
    assert '<h2 class="w-label-1 w-mt-0 w-mb-1">admin</h2>' in dashboard.text
    assert (refused.status_code, refused.headers["Location"]) == (302, "/admin/login/?next=/admin/")


def test_an_image_uploaded_through_one_server_is_served_through_the_other(deployment, admin_on_a):
    original = png_bytes()
    upload = admin_on_a.post_form(
        "/admin/images/add/",
        {"title": "Sala za okrugli sto", "description": "", "tags": ""},
        files={"file": ("sala-za-okrugli-sto.png", original, "image/png")},
    )
    assert (upload.status_code, upload.headers["Location"]) == (302, "/admin/images/")
    image_id, file_name = deployment.query_one(
        "SELECT id, file FROM wagtailimages_image WHERE title = %s", "Sala za okrugli sto"
    )
    path = publish_event(
        admin_on_a,
        deployment,
        "Okrugli sto o lokalnim uslugama",
        "okrugli-sto-o-lokalnim-uslugama",
        hero_image=str(image_id),
        hero_alt_text="Sala sa okruglim stolom",
    )

    page = Visitor(deployment.b).get(path)

    assert page.status_code == 200
    store = deployment.object_store
    media = f"{store.endpoint_url}/{store.bucket}/"
    sources = image_sources(page.text)
    assert sources, "the event page shows its image"
    # Every size and format B's page offers comes from the object store, never from B's disk.
    assert [url for url in sources if not url.startswith(media)] == []
    # Browsers may load them: the page's policy names the object store.
    assert csp_directives(page.headers["Content-Security-Policy"])["img-src"] == [
        "'self'",
        store.endpoint_url,
    ]
    for url in sources:
        rendition = requests.get(url, timeout=10)
        assert rendition.status_code == 200, url
        picture = Image.open(io.BytesIO(rendition.content))
        assert picture.width in (480, 800)
        assert picture.height == picture.width * IMAGE_SIZE[1] // IMAGE_SIZE[0]
    # The original, byte for byte, is the file the editor uploaded through A.
    assert file_name.startswith("original_images/")
    assert requests.get(media + file_name, timeout=10).content == original


def test_a_document_uploaded_through_one_server_is_downloaded_through_the_other(
    deployment, admin_on_a
):
    content = b"Zapisnik sa okruglog stola.\n"
    upload = admin_on_a.post_form(
        "/admin/documents/add/",
        {"title": "Zapisnik", "tags": ""},
        files={"file": ("zapisnik.txt", content, "text/plain")},
    )
    assert (upload.status_code, upload.headers["Location"]) == (302, "/admin/documents/")
    document_id, file_name = deployment.query_one(
        "SELECT id, file FROM wagtaildocs_document WHERE title = %s", "Zapisnik"
    )

    download = Visitor(deployment.b).get(f"/documents/{document_id}/zapisnik.txt")
    store = deployment.object_store
    direct = requests.get(f"{store.endpoint_url}/{store.bucket}/{file_name}", timeout=10)

    assert (download.status_code, download.content) == (200, content)
    # Documents reach readers only through the site, which checks their collection's privacy.
    assert file_name.startswith("documents/")
    assert direct.status_code == 403


def test_a_change_published_through_one_server_shows_at_once_through_the_other(
    deployment, admin_on_a
):
    visitor_on_b = Visitor(deployment.b)
    title = "Javna rasprava o budžetu za mlade"
    # B renders the home page and, being anonymous, keeps it in the shared page cache.
    before = [visitor_on_b.get("/sr-latn/") for _ in range(2)]

    path = publish_event(admin_on_a, deployment, title, "javna-rasprava-o-budzetu")
    after = visitor_on_b.get("/sr-latn/")
    event_on_b = visitor_on_b.get(path)

    assert [response.status_code for response in before] == [200, 200]
    assert [title in response.text for response in before] == [False, False]
    assert after.status_code == 200
    assert f'<a href="{path}">{title}</a>' in after.text
    assert event_on_b.status_code == 200
    assert f'<h1 class="event-header__title">{title}</h1>' in event_on_b.text


CHANGE_IN_A_THIRD_PROCESS = """
from wagtail.models import Locale
from home.models import HomePage

home = HomePage.objects.get(locale=Locale.objects.get(language_code="sr-latn"))
home.intro = "<p>Dobrodošli na sajt događaja.</p>"
home.save_revision().publish()
"""


def test_a_change_made_by_a_third_process_shows_at_once_on_both_servers(deployment):
    """Neither server takes part: a shell on another machine publishes, as a script would."""
    visitors = [Visitor(deployment.a), Visitor(deployment.b)]
    intro = '<div class="page-header__intro"><p>Dobrodošli na sajt događaja.</p></div>'
    before = [visitor.get("/sr-latn/") for visitor in visitors for _ in range(2)]

    manage(deployment.environment, "shell", "--command", CHANGE_IN_A_THIRD_PROCESS)
    after = [visitor.get("/sr-latn/") for visitor in visitors]

    assert [(response.status_code, intro in response.text) for response in before] == [
        (200, False)
    ] * 4
    assert [(response.status_code, intro in response.text) for response in after] == [
        (200, True)
    ] * 2


def test_with_one_server_stopped_the_other_keeps_serving(deployment, admin_on_a):
    deployment.a.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{deployment.a.url}/health/", timeout=5)

    health = requests.get(f"{deployment.b.url}/health/", timeout=10)
    home = Visitor(deployment.b).get("/sr-latn/")
    event = Visitor(deployment.b).get("/sr-latn/javna-rasprava-o-budzetu/")
    admin = admin_on_a.through(deployment.b).get("/admin/pages/")

    assert (health.status_code, health.json()) == (200, {"cache": "ok", "database": "ok"})
    assert home.status_code == 200
    assert "Javna rasprava o budžetu za mlade" in home.text
    assert event.status_code == 200
    assert admin.status_code == 200
