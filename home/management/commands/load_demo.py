from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from wagtail.models import Locale, Page

from home.demo.accounts import ensure_demo_accounts
from home.demo.builder import CYRILLIC, ENGLISH, SOURCE_LANGUAGE, DemoBuilder, recount_children
from home.demo.content import demo_content
from home.site_address import SiteAddressError, set_default_site_address


class Command(BaseCommand):
    help = (
        "Build the demo site: events, partners and venues in Serbian Latin, Serbian Cyrillic "
        "and English, and the demo accounts, and make the default Site name the address "
        "given by --site-url. Safe to run again: only what is missing is created, and the "
        "demo content an editor changed is left as it is. --reset puts the demo's pages, "
        "partners, venues, images and translations back as they were first made."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"),
            help=(
                "Where the site is served, e.g. http://127.0.0.1:8000: the default Site's host "
                "name and port are set from it, so canonical, hreflang, Open Graph, JSON-LD, "
                "calendar and sitemap links name this address. Default: WAGTAILADMIN_BASE_URL."
            ),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Put the demo content back as the data file has it, undoing editors' changes "
                "to the demo's own pages, partners, venues, images and translations. Content "
                "added in the admin is left alone."
            ),
        )

    def handle(self, *args, site_url, reset, **options):
        try:
            site = set_default_site_address(site_url)
        except SiteAddressError as error:
            raise CommandError(f"--site-url: {error}") from error
        with transaction.atomic():
            builder = DemoBuilder(demo_content(), reset=reset)
            home, events = builder.build()
            homes = [home, *(home.get_translations())]
            accounts = ensure_demo_accounts()
            # Registered last, so it runs after the translated pages are published on commit.
            transaction.on_commit(partial(recount_children, [page.pk for page in homes]))
        self.check_versions([page for page in builder.updated if isinstance(page, Page)])
        self.report(builder, events, accounts, site.root_url)

    def check_versions(self, source_pages):
        """Every Latin page built on this run must have its Cyrillic and English versions, live
        once committed. Pages found and kept are the editors' to publish or not.

        Translated pages are published when the transaction commits; inside an outer
        transaction (a test, say) that has not happened yet, so only their existence is checked.
        """
        committed = not connection.in_atomic_block
        problems = []
        for page in source_pages:
            for language_code in (CYRILLIC, ENGLISH):
                version = page.get_translation_or_none(
                    Locale.objects.get(language_code=language_code)
                )
                if version is None:
                    problems.append(f"{page.title!r} has no {language_code} version")
                elif committed and not version.live:
                    problems.append(f"{page.title!r} is not published in {language_code}")
                elif committed and not version.get_parent().get_children().filter(pk=version.pk):
                    problems.append(f"{page.title!r} cannot be found in {language_code}")
        if problems:
            raise CommandError("The demo is incomplete: " + "; ".join(problems))

    def report(self, builder, events, accounts, site_url):
        write = self.stdout.write
        verb = "put back" if builder.reset else "created"
        write(self.style.SUCCESS("Demo content is ready in sr-latn, sr-cyrl and en:"))
        for event in events:
            write(f"  {event.local_start:%Y-%m-%d}  {event.title}")
        write(
            f"  ({len(builder.updated)} pages and snippets {verb}, {builder.images_created} "
            f"images drawn, {len(builder.kept)} found and left as they are)"
        )
        if builder.kept:
            write("  Run `manage.py load_demo --reset` to put the demo content back as it was.")
        panel = events[0]  # the data file lists the panel discussion first
        write("")
        write(f"Site:  {site_url}/")
        write(f"       {site_url}/{SOURCE_LANGUAGE}/{panel.slug}/")
        write(f"Admin: {site_url}/admin/")
        for account in accounts:
            label = f"  {account.username:<10} {account.description}"
            if account.generated_password:
                write(f"{label}, password: {account.generated_password}")
            elif account.password_from:
                write(f"{label}, password from {account.password_from}")
            else:
                write(
                    f"{label}: the account exists and keeps its password; to reset it, run "
                    f"`.venv/bin/python manage.py changepassword {account.username}`"
                )
        write(
            "Two-factor sign-in is optional here (Account > More actions). To require it, as "
            "production does of superusers: ADMIN_2FA_REQUIRED_FOR=superusers make run (or =all)."
        )
        if any(account.generated_password for account in accounts):
            write(
                self.style.WARNING(
                    "Passwords are shown only this once. Set DEMO_ADMIN_PASSWORD, "
                    "DEMO_EDITOR_PASSWORD and DEMO_TRANSLATOR_PASSWORD before running to "
                    "choose them."
                )
            )
