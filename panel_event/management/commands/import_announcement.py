import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.urls import reverse
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import Page

from panel_event.importer import AnnouncementParseError, parse_announcement
from panel_event.importer.builder import (
    PART_LABELS,
    AnnouncementImportError,
    Confirmation,
    build_event_draft,
    content_language_choices,
    resolve_import_parent,
    save_event_draft,
)


class Command(BaseCommand):
    help = (
        "Create a draft event page from an announcement in a text file: the same import as the "
        "admin's 'Import announcement', without the browser. Prints what was recognised."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file with the announcement ('-' for stdin).")
        parser.add_argument(
            "--parent",
            required=True,
            help="The page to add the event under: its id, or its path in the page tree "
            "(such as /home/). Its translation is used if the text is in another language.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in content_language_choices()],
            help="The language of the text. Default: detected from the text.",
        )
        parser.add_argument(
            "--create-venue",
            action="store_true",
            help="Create the new venue the report proposes. Without it the event gets no venue "
            "and the venue line stays in the body text.",
        )
        parser.add_argument(
            "--create-partners",
            action="store_true",
            help="Create the new partners the report proposes, named as written. Without it "
            "they are left out of the partners block; their names stay in the body text.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only show what was recognised; save nothing.",
        )

    # The report's own words are English; translated labels would mix two languages in it.
    @no_translations
    def handle(
        self, *args, file, parent, language, create_venue, create_partners, dry_run, **options
    ):
        text = self._read(file)
        chosen_parent = self._find_parent(parent)
        try:
            announcement = parse_announcement(text)
            parent_page = resolve_import_parent(chosen_parent, language or announcement.language)
            draft = build_event_draft(announcement, parent_page)
        except (AnnouncementParseError, AnnouncementImportError) as error:
            raise CommandError(str(error)) from error

        self._report(draft)
        if draft.errors:
            raise CommandError("The draft cannot be created: " + " ".join(draft.errors))
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        # The options are the confirmation that the preview's checkboxes give in the admin.
        new_partner_keys = {proposal.key for proposal in draft.new_partners}
        confirmed = Confirmation(
            venue=create_venue,
            partner_keys=frozenset(new_partner_keys if create_partners else ()),
        )
        page = save_event_draft(draft, confirmed=confirmed)
        edit_url = get_admin_base_url() + reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the draft event “{page.title}” (id {page.pk}) under "
                f"“{parent_page.title}”. Edit it at {edit_url}"
            )
        )

    def _read(self, file):
        try:
            if file == "-":
                return sys.stdin.read()
            return Path(file).read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file} is not UTF-8 text; save it as UTF-8 and try again."
            ) from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error

    def _find_parent(self, reference):
        if reference.isdigit():
            pages = Page.objects.filter(pk=int(reference))
        else:
            path = reference.strip("/")
            pages = Page.objects.filter(url_path=f"/{path}/" if path else "/")
        found = list(pages[:10])
        if not found:
            raise CommandError(f"No page has the id or path '{reference}'.")
        if len(found) > 1:
            ids = ", ".join(str(page.pk) for page in found)
            raise CommandError(
                f"Several pages have the path '{reference}' (ids {ids}); give an id."
            )
        return found[0]

    def _report(self, draft):
        write = self.stdout.write
        page = draft.page
        label_width = max(len(str(label)) for label in PART_LABELS.values())
        write("Recognised lines:")
        for line in draft.lines:
            write(f"  {line.number:>4}  {line.label!s:<{label_width}}  {line.text.strip()}")

        write("\nEvent:")
        for label, value in [
            ("Title", page.title),
            ("Event type", page.get_event_type_display()),
            ("Language", draft.language_name),
            ("Created under", f"{draft.parent.title} (id {draft.parent.pk})"),
            ("Starts", f"{page.local_start:%Y-%m-%d %H:%M} {page.time_zone}"),
            ("Ends", f"{page.local_end:%Y-%m-%d %H:%M}"),
            ("Venue", _describe_venue(draft.venue)),
            ("Image credit", page.hero_credit or "—"),
            ("Summary", page.intro),
            ("Objective", draft.objective_text or "—"),
        ]:
            write(f"  {label}: {value}")

        write("\nAgenda:" if draft.agenda else "\nAgenda: none found.")
        for row in draft.agenda:
            guessed = " (end guessed)" if row.end_guessed else ""
            write(
                f"  {row.start:%H:%M}–{row.end:%H:%M}{guessed}  [{row.kind_label}]  {row.item.title}"
            )
            for plan in row.speakers:
                speaker = plan.speaker
                summary = ", ".join(
                    part for part in (speaker.name, speaker.role, speaker.organisation) if part
                )
                partner = plan.organisation.partner
                match = f"partner found: {partner}" if partner else "organisation kept as typed"
                write(f"      {summary}" + (f"  ({match})" if speaker.organisation else ""))
            if row.item.group_speakers:
                write(f"      {row.item.group_speakers}")

        write("\nPartners:" if draft.partners else "\nPartners: none named.")
        for plan in draft.partners:
            mention = plan.mention
            written = f"{mention.name} ({mention.acronym})" if mention.acronym else mention.name
            if plan.match.partner is not None:
                status = f"found: {plan.match.partner}"
            elif plan.match.is_ambiguous:
                names = ", ".join(str(candidate) for candidate in plan.match.candidates)
                status = f"several match ({names}): add the right one by hand"
            else:
                status = "not found: a new partner, created with --create-partners"
            write(f"  {plan.role_label}: {written} → {status}")

        for heading, messages in [
            ("Filled in by the importer (check these values):", draft.assumptions),
            ("Problems (the draft can still be created):", draft.problems),
            ("Errors:", draft.errors),
        ]:
            if messages:
                write(f"\n{heading}")
                for message in messages:
                    write(f"  - {message}")
        write("")


def _describe_venue(venue):
    if venue is None:
        return "none found"
    if venue.is_ambiguous:
        names = "; ".join(str(candidate) for candidate in venue.candidates)
        return f"several match ({names}): choose one in the page editor"
    if not venue.is_new:
        return f"existing venue {venue.existing}"
    city = "recognised" if venue.city_recognised else "not recognised, the name stands in"
    street = venue.street_address or "no street"
    return f"new venue “{venue.name}”, {street}, city {venue.city} ({city}), created with --create-venue"
