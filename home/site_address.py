"""The address the site is served at, kept in the default Wagtail ``Site``.

Every absolute link the site writes (canonical and hreflang links, ``og:url``, JSON-LD, calendar
files, the sitemap, robots.txt, the feeds) is made from a page's ``get_full_url()``, that is
from the ``Site`` record's host name and port. Setting that record is therefore all it takes to
make every link name the right address: ``load_demo --site-url`` does it for the demo, and
``manage.py configure_site`` at each deployment.
"""

import re
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}
# Host names that only ever reach the machine itself: a public site must not name them.
# A DNS name or an IPv4 address (IPv6 addresses cannot be written back by Wagtail's root_url).
HOSTNAME = re.compile(
    r"(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
)
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"}


class SiteAddressError(ValueError):
    """The address cannot be written into a Wagtail Site."""


def parse_site_url(url):
    """``(hostname, port)`` for an address such as ``https://events.example.org``.

    Wagtail rebuilds the address from host name and port alone (port 443 is https, any other
    is http), so an address Wagtail could not give back is refused rather than stored wrong.
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        parts = port = None
    if (
        parts is None
        or parts.scheme not in DEFAULT_PORTS
        or not HOSTNAME.fullmatch(parts.hostname or "")
    ):
        raise SiteAddressError(
            f"{url[:100]!r} is not an address such as https://events.example.org or "
            "http://127.0.0.1:8000."
        )
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        raise SiteAddressError(f"{url[:100]!r}: the site is served at the root of its host name.")
    port = port or DEFAULT_PORTS[parts.scheme]
    if (parts.scheme == "https") != (port == 443):
        raise SiteAddressError(
            f"{url[:100]!r}: Wagtail writes links as https only on port 443 and as http on any "
            "other."
        )
    return parts.hostname, port


def set_default_site_address(url):
    """Give the default Site the host name and port of ``url``; returns the Site."""
    hostname, port = parse_site_url(url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise SiteAddressError("there is no default Site; run `manage.py migrate` first.")
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        try:
            with transaction.atomic():
                site.save()  # the page cache and Wagtail's site cache are cleared on save
        except IntegrityError as error:
            raise SiteAddressError(f"another Site already has {hostname}:{port}.") from error
    return site


def names_a_local_host(site):
    return site.hostname.lower() in LOCAL_HOSTNAMES
