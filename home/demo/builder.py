"""Building the demo site: snippets, pages and their versions in every content language.

Everything is written in Serbian Latin. Saving a Latin snippet or publishing a Latin page lets
``panel_event.languages.script_sync`` make the Cyrillic version; the English version is made here through
wagtail-localize, with a hand-written English string for every source segment, the way a
translator would fill in the translation editor.

Every demo object has a fixed key (a translation key from the data file, a slug, a title or a
name), so a second run finds what the first one made and updates it in place.
"""

import datetime
import json
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail import blocks
from wagtail.models import Locale, Page
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import HomePage
from panel_event.models import EventPage, PartnerSnippet, TransliterationRule, Venue

from .images import draw_hero, draw_logo, get_or_create_image

SOURCE_LANGUAGE = "sr-latn"
CYRILLIC = "sr-cyrl"
ENGLISH = "en"


def block_id(namespace, path):
    """A block id that stays the same on every run, so translations keep their segments."""
    return str(uuid.uuid5(namespace, path))


def raw_block_value(block, value, namespace, path, partners):
    """The stored (JSON) form of ``value`` for ``block``, built from the data file's shape.

    Lists and streams get stable ids; partner keys become primary keys. Unknown block types or
    fields are errors: Wagtail drops unknown stream children silently.
    """
    if isinstance(block, blocks.StreamBlock):
        children = []
        for index, child in enumerate(value):
            child_block = block.child_blocks.get(child["type"])
            if child_block is None:
                raise CommandError(f"{path}: unknown block type {child['type']!r}.")
            child_path = f"{path}.{index}"
            children.append(
                {
                    "type": child["type"],
                    "value": raw_block_value(
                        child_block, child["value"], namespace, child_path, partners
                    ),
                    "id": block_id(namespace, child_path),
                }
            )
        return children
    if isinstance(block, blocks.ListBlock):
        return [
            {
                "type": "item",
                "value": raw_block_value(
                    block.child_block, item, namespace, f"{path}.{index}", partners
                ),
                "id": block_id(namespace, f"{path}.{index}"),
            }
            for index, item in enumerate(value)
        ]
    if isinstance(block, blocks.StructBlock):
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise CommandError(f"{path}: unknown fields {sorted(unknown)}.")
        return {
            name: (
                raw_block_value(child, value[name], namespace, f"{path}.{name}", partners)
                if name in value
                else empty_block_value(child)
            )
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, SnippetChooserBlock):
        return partners[value].pk if value else None
    # Through the block and back, so "11:00" is stored as "11:00:00" as the editor stores it.
    return stored_form(block.get_prep_value(block.to_python(value)))


def stored_form(prep_value):
    """A block's prepared value as it reads back from the database's JSON."""
    return json.loads(json.dumps(prep_value, cls=DjangoJSONEncoder))


def empty_block_value(block):
    """What the page editor stores for a field left empty: "" for text, not None."""
    default = block.get_default()
    if default is None and isinstance(block, blocks.FieldBlock):
        default = block.field.to_python(None)
    return block.get_prep_value(default)


def recount_children(page_ids):
    """Store the true number of children of these pages.

    wagtail-localize publishes a translated page when the transaction commits, from the object
    it saved earlier. If children were added to that page in between (the demo adds the events
    under the translated home pages in the same transaction), that publish writes back the old
    ``numchild``, and Wagtail would no longer find the children. Run this after those publishes.
    """
    for page in Page.objects.filter(pk__in=page_ids):
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if page.numchild != children:
            Page.objects.filter(pk=page.pk).update(numchild=children)


def assign(instance, values):
    """Set ``values`` on ``instance``; True if any of them differed from what it had."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


class DemoBuilder:
    """Builds the demo content and reports how much of it changed.

    Unchanged objects are left alone, so running the command again adds no revisions; an
    object whose data changed (the relative dates move every day) is saved or published again,
    and its Cyrillic and English versions follow.
    """

    def __init__(self, content, today=None):
        self.content = content
        self.english = content["english"]
        self.today = today or timezone.localdate()
        self.locales = {
            code: Locale.objects.get(language_code=code)
            for code in (SOURCE_LANGUAGE, CYRILLIC, ENGLISH)
        }
        self.images_created = 0
        self.updated = []
        # A changed transliteration rule must reach every Cyrillic version.
        self.refresh_all = False

    def build(self):
        """Build everything; returns the Latin home page and the Latin event pages."""
        # Rules first: the Cyrillic versions are written when the Latin ones are saved.
        self.refresh_all = self.build_transliteration_rules()
        heroes = self.build_hero_images()
        partners = self.build_partners()
        venues = self.build_venues()
        home = self.build_home_page()
        events = [
            self.build_event(data, home, partners, venues, heroes)
            for data in self.content["events"]
        ]
        return home, events

    def _versions_missing(self, instance):
        """True unless the Cyrillic and English versions exist (and, for pages, are live)."""
        for language_code in (CYRILLIC, ENGLISH):
            version = instance.get_translation_or_none(self.locales[language_code])
            if version is None or not getattr(version, "live", True):
                return True
        return False

    def _needs_saving(self, instance, changed):
        return (
            changed or self.refresh_all or instance.pk is None or self._versions_missing(instance)
        )

    # Snippets and images

    def build_transliteration_rules(self):
        changed = False
        for data in self.content["transliteration_rules"]:
            rule = TransliterationRule.objects.filter(latin=data["latin"]).first()
            if rule is None:
                rule = TransliterationRule(latin=data["latin"])
            if assign(rule, {"cyrillic": data["cyrillic"], "note": data["note"]}) or not rule.pk:
                rule.save()
                changed = True
        return changed

    def _image(self, title, filename, draw):
        image, created = get_or_create_image(title, filename, draw)
        self.images_created += created
        return image

    def build_hero_images(self):
        return {
            key: self._image(
                data["title"],
                f"demo-hero-{key}.jpg",
                lambda data=data: draw_hero(data["background"], data["shapes"]),
            )
            for key, data in self.content["hero_images"].items()
        }

    def _latin_snippet(self, model, translation_key):
        instance = model.objects.filter(
            translation_key=translation_key, locale=self.locales[SOURCE_LANGUAGE]
        ).first()
        return instance or model(
            translation_key=translation_key, locale=self.locales[SOURCE_LANGUAGE]
        )

    def _save_snippet(self, snippet, values):
        changed = assign(snippet, values)
        if self._needs_saving(snippet, changed):
            snippet.full_clean()
            snippet.save()  # saving a Latin snippet writes its Cyrillic version
            self.updated.append(snippet)
        self.translate_to_english(snippet, source_changed=changed)
        return snippet

    def build_partners(self):
        partners = {}
        for key, data in self.content["partners"].items():
            logo = data["logo"]
            image = self._image(
                f"Demo: logo {logo['text']}",
                f"demo-logo-{key}.png",
                lambda logo=logo: draw_logo(logo["text"], logo["colour"]),
            )
            partners[key] = self._save_snippet(
                self._latin_snippet(PartnerSnippet, uuid.UUID(data["uuid"])),
                {
                    "name": data["name"],
                    "acronym": data["acronym"],
                    "kind": data["kind"],
                    "website": data["website"],
                    "logo_id": image.pk,
                },
            )
        return partners

    def build_venues(self):
        fields = ("name", "street_address", "postal_code", "city", "country", "country_code")
        return {
            key: self._save_snippet(
                self._latin_snippet(Venue, uuid.UUID(data["uuid"])),
                {field: data[field] for field in fields},
            )
            for key, data in self.content["venues"].items()
        }

    # Pages

    def _publish(self, page, changed):
        if self._needs_saving(page, changed):
            # Publishing in Latin writes the Cyrillic version and publishes it on commit.
            page.save_revision().publish()
            self.updated.append(page)
        self.translate_to_english(page, source_changed=changed)

    def build_home_page(self):
        home = HomePage.objects.get(locale=self.locales[SOURCE_LANGUAGE], depth=2)
        changed = assign(
            home, {"title": self.content["home"]["title"], "intro": self.content["home"]["intro"]}
        )
        self._publish(home, changed)
        return home

    def event_times(self, data):
        time_zone = zoneinfo.ZoneInfo(data["time_zone"])
        if "date" in data:
            day = datetime.date.fromisoformat(data["date"])
        else:
            # Relative dates keep one event upcoming and one past whenever the demo is loaded.
            day = self.today + datetime.timedelta(days=data["days_from_today"])

        def at(clock):
            return datetime.datetime.combine(
                day, datetime.time.fromisoformat(clock), tzinfo=time_zone
            )

        return at(data["starts"]), at(data["ends"])

    def build_event(self, data, home, partners, venues, heroes):
        translation_key = uuid.UUID(data["uuid"])
        source_locale = self.locales[SOURCE_LANGUAGE]
        page = EventPage.objects.filter(
            translation_key=translation_key, locale=source_locale
        ).first()
        created = page is None
        if created:
            page = EventPage(translation_key=translation_key, locale=source_locale)
        starts_at, ends_at = self.event_times(data)
        deadline = None
        if "registration_deadline_days_before" in data:
            deadline = starts_at - datetime.timedelta(
                days=data["registration_deadline_days_before"]
            )
        changed = assign(
            page,
            {
                "title": data["title"],
                "slug": data["slug"],
                "event_type": data["event_type"],
                "starts_at": starts_at,
                "ends_at": ends_at,
                "time_zone": data["time_zone"],
                "venue_id": venues[data["venue"]].pk,
                "room": data.get("room", ""),
                "intro": data["intro"],
                "hero_image_id": heroes[data["hero_image"]].pk,
                "hero_alt_text": data["hero_alt_text"],
                "hero_caption": data.get("hero_caption", ""),
                "hero_credit": data.get("hero_credit", ""),
                "objective": data.get("objective", ""),
                "capacity_note": data.get("capacity_note", ""),
                "registration_email": data.get("registration_email", ""),
                "registration_deadline": deadline,
            },
        )
        stream_block = EventPage.body.field.stream_block
        body = stream_block.to_python(
            raw_block_value(stream_block, data["body"], translation_key, "body", partners)
        )
        try:
            # The block validation an editor's form would run: agenda order, speakers, ...
            stream_block.clean(body)
        except ValidationError as error:
            raise CommandError(f"Demo event {data['key']!r} does not validate: {error}") from error
        if created or stored_form(stream_block.get_prep_value(page.body)) != stored_form(
            stream_block.get_prep_value(body)
        ):
            page.body = body
            changed = True
        if created:
            home.add_child(instance=page)
        self._publish(page, changed)
        return page

    # English, through wagtail-localize

    def translate_to_english(self, instance, source_changed=True):
        """Translate ``instance`` into English from the dictionary, as a translator would.

        Every source segment must have its English in the data file; a missing one stops the
        command, so nothing reaches the English site untranslated.
        """
        english = self.locales[ENGLISH]
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=english, defaults={"enabled": True}
        )
        if not translation.enabled:
            translation.enabled = True
            translation.save(update_fields=["enabled"])
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        existing = {
            (item.translation_of_id, item.context_id): item
            for item in StringTranslation.objects.filter(
                locale=english, translation_of__in=[segment.string for segment in segments]
            )
        }
        missing = []
        changed = source_changed
        for segment in segments:
            latin = segment.string.data
            if latin not in self.english:
                missing.append(latin)
                continue
            current = existing.get((segment.string_id, segment.context_id))
            wanted = {
                "data": self.english[latin],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "",
                "has_error": False,
                "field_error": "",
            }
            if current is None:
                StringTranslation.objects.create(
                    translation_of=segment.string, locale=english, context=segment.context, **wanted
                )
                changed = True
            elif assign(current, wanted):
                current.save()
                changed = True
        if missing:
            listed = "\n".join(f"  {text!r}" for text in missing)
            raise CommandError(
                f"No English for these strings of {instance!r}; add them to the 'english' "
                f"dictionary in home/demo/demo_content.json:\n{listed}"
            )
        english_version = instance.get_translation_or_none(english)
        if changed or english_version is None or not getattr(english_version, "live", True):
            translation.save_target(publish=True)
