import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.site_address import SiteAddressError, names_a_local_host, set_default_site_address


def public_address_from_environment():
    """SITE_URL, or else the admin's address, which is the public one on most sites."""
    return os.environ.get("SITE_URL") or getattr(settings, "WAGTAILADMIN_BASE_URL", "")


class Command(BaseCommand):
    help = (
        "Set the default Site's host name and port from the site's public address, so that "
        "every absolute link (canonical, hreflang, Open Graph, JSON-LD, calendar files, the "
        "sitemap, the feeds) names it. The address is the argument, else the SITE_URL "
        "environment variable, else WAGTAILADMIN_BASE_URL. Run it after `migrate` on every "
        "deployment; it changes nothing when the Site already says so."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="The public address, e.g. https://events.example.org"
        )

    def handle(self, *args, url=None, **options):
        url = url or public_address_from_environment()
        if not url:
            raise CommandError("Give the address, or set SITE_URL or WAGTAILADMIN_BASE_URL.")
        try:
            site = set_default_site_address(url)
        except SiteAddressError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"The default Site is {site.root_url}/")
        if names_a_local_host(site) and not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING(f"{site.root_url} can be reached from this machine only.")
            )
