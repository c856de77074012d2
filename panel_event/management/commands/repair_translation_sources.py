"""Merge duplicate translation sources into one per object, keeping every translated string."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from panel_event.languages.translation_sources import (
    human_translation_of,
    merge_duplicate_sources,
    untranslated_segments,
)


class Command(BaseCommand):
    help = (
        "Merge translation sources recorded against a generated copy or a second locale into "
        "the object's original source, keeping the translated text, and unpublish any human "
        "translation left live with nothing translated."
    )

    def handle(self, *args, **options):
        merged = merge_duplicate_sources()
        for extra, kept in merged:
            self.stdout.write(
                f"Merged the {extra.locale.language_code} source of “{kept.object_repr}” into "
                f"its {kept.locale.language_code} source."
            )
        unpublished = unpublish_untranslated_pages()
        for page in unpublished:
            self.stdout.write(
                f"Unpublished “{page.title}” ({page.locale.language_code}): nothing in it was "
                "translated."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(merged)} duplicate sources merged, {len(unpublished)} untranslated "
                "pages unpublished."
            )
        )


def unpublish_untranslated_pages():
    """Live human translations whose every segment is still the source's text."""
    unpublished = []
    for page in Page.objects.live().exclude(depth__lte=2).specific():
        translation = human_translation_of(page)
        if translation is None:
            continue
        total, _translated = translation.get_progress()
        if total and untranslated_segments(translation) == total:
            page.unpublish(log_action="wagtail.unpublish")
            unpublished.append(page)
    return unpublished
