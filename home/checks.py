"""System checks of the site's own setup (run by ``migrate`` and ``check --database default``)."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site

from .site_address import names_a_local_host


@checks.register(checks.Tags.sites, checks.Tags.database)
def check_default_site_address(app_configs, databases=None, **kwargs):
    # Reading the database is for the checks run with one (migrate does), and the address only
    # matters where the site is public: with DEBUG off.
    if not databases or settings.DEBUG:
        return []
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # Not migrated yet.
    if site is None or not names_a_local_host(site):
        return []
    return [
        checks.Warning(
            f"The default Site's address is {site.root_url}, so every absolute link of the "
            "site (canonical, hreflang, sitemap, calendar files, feeds) leads nowhere.",
            hint="Run `manage.py configure_site` (it reads SITE_URL, else "
            "WAGTAILADMIN_BASE_URL) after `migrate` on every deployment.",
            obj=site,
            id="home.W001",
        )
    ]
