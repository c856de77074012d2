"""Building the demo site: snippets, pages and their versions in every content language.

Everything is written in Serbian Latin. Saving a Latin snippet or publishing a Latin page lets
``panel_event.languages.script_sync`` make the Cyrillic version; the English version is made here through
wagtail-localize, with a hand-written English string for every source segment, the way a
translator would fill in the translation editor.

Every demo object has a fixed key (a translation key from the data file, a title or a file
name), so a second run finds what the first one made: it leaves it as the editors left it, or
puts it back when the demo is reset (``load_demo --reset``).
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
from wagtail.coreutils import find_available_slug
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

from .images import create_demo_image, draw_hero, draw_logo, find_demo_image, restore_demo_image

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


# Page fields an editor sets on the Promote tab; a reset empties them like the model's own fields.
PROMOTE_FIELDS = ("seo_title", "search_description")


def field_defaults(model, extra=()):
    """``{attribute: default}`` for the fields an editor can set on ``model`` itself, so that a
    reset also empties what the data file leaves unset (a partner's description, say)."""
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in ("translation_key", "locale")
    ]
    fields += [model._meta.get_field(name) for name in extra]
    return {field.attname: field.get_default() for field in fields}


class DemoBuilder:
    """Builds the demo content and says what it created, put back and left alone.

    By default it only creates what is missing: a demo object that exists (in Serbian Latin)
    is left as the editors left it, with its Cyrillic and English versions, so a re-run never
    undoes or trips over their work. With ``reset`` every demo object, its versions and its
    translations are put back as the data file has them; content editors added is untouched.
    """

    def __init__(self, content, today=None, reset=False):
        self.content = content
        self.english = content["english"]
        self.today = today or timezone.localdate()
        self.reset = reset
        self.locales = {
            code: Locale.objects.get(language_code=code)
            for code in (SOURCE_LANGUAGE, CYRILLIC, ENGLISH)
        }
        self.images_created = 0
        self.updated = []  # created, or put back by a reset
        self.kept = []  # found and left alone
        self._images = {}

    def build(self):
        """Build everything; returns the Latin home page and the Latin event pages."""
        # Rules first: the Cyrillic versions are written when the Latin ones are saved.
        self.build_transliteration_rules()
        partners = self.build_partners()
        venues = self.build_venues()
        home = self.build_home_page()
        events = [self.build_event(data, home, partners, venues) for data in self.content["events"]]
        return home, events

    def _keep(self, instance):
        """True (and noted) when ``instance`` exists and this run leaves it alone."""
        if instance.pk is None or self.reset:
            return False
        self.kept.append(instance)
        return True

    # Snippets and images

    def build_transliteration_rules(self):
        for data in self.content["transliteration_rules"]:
            rule = TransliterationRule.objects.filter(latin=data["latin"]).first()
            if rule is None:
                rule = TransliterationRule(latin=data["latin"])
            if self._keep(rule):
                continue
            if assign(rule, {"cyrillic": data["cyrillic"], "note": data["note"]}) or not rule.pk:
                rule.save()

    def _image(self, title, filename, draw):
        """The demo image, drawn if it is missing; asked for only by what is being built, so
        an image left in use elsewhere, or deleted, is not drawn again for nothing."""
        if filename not in self._images:
            image = find_demo_image(title, filename)
            if image is None:
                image = create_demo_image(title, filename, draw)
                self.images_created += 1
            elif self.reset:
                restore_demo_image(image, title, filename, draw)
            self._images[filename] = image
        return self._images[filename]

    def hero_image(self, key):
        data = self.content["hero_images"][key]
        return self._image(
            data["title"],
            f"demo-hero-{key}.jpg",
            lambda: draw_hero(data["background"], data["shapes"]),
        )

    def logo_image(self, key):
        logo = self.content["partners"][key]["logo"]
        return self._image(
            f"Demo: logo {logo['text']}",
            f"demo-logo-{key}.png",
            lambda: draw_logo(logo["text"], logo["colour"]),
        )

    def _latin_snippet(self, model, translation_key):
        instance = model.objects.filter(
            translation_key=translation_key, locale=self.locales[SOURCE_LANGUAGE]
        ).first()
        return instance or model(
            translation_key=translation_key, locale=self.locales[SOURCE_LANGUAGE]
        )

    def _save_snippet(self, snippet, values):
        if self._keep(snippet):
            return snippet
        assign(snippet, {**field_defaults(type(snippet)), **values()})
        snippet.full_clean()
        self.forget_hand_transliterations(snippet)
        snippet.save()  # saving a Latin snippet writes its Cyrillic version
        self.updated.append(snippet)
        self.translate_to_english(snippet)
        return snippet

    def build_partners(self):
        partners = {}
        for key, data in self.content["partners"].items():
            partners[key] = self._save_snippet(
                self._latin_snippet(PartnerSnippet, uuid.UUID(data["uuid"])),
                lambda key=key, data=data: {
                    "name": data["name"],
                    "acronym": data["acronym"],
                    "kind": data["kind"],
                    "website": data["website"],
                    "logo_id": self.logo_image(key).pk,
                },
            )
        return partners

    def build_venues(self):
        fields = ("name", "street_address", "postal_code", "city", "country", "country_code")
        return {
            key: self._save_snippet(
                self._latin_snippet(Venue, uuid.UUID(data["uuid"])),
                lambda data=data: {field: data[field] for field in fields},
            )
            for key, data in self.content["venues"].items()
        }

    # Pages

    def _publish(self, page):
        self.forget_hand_transliterations(page)
        # Publishing in Latin writes the Cyrillic version and publishes it on commit.
        page.save_revision().publish()
        self.updated.append(page)
        self.translate_to_english(page)

    def build_home_page(self):
        home = HomePage.objects.get(locale=self.locales[SOURCE_LANGUAGE], depth=2)
        # The migrations make the home page without a revision; once it has one, it has been
        # published by an earlier run or edited, and is kept unless the demo is reset.
        if home.latest_revision_id is not None and self._keep(home):
            return home
        home_page = self.content["home"]
        assign(
            home,
            {
                **field_defaults(HomePage, PROMOTE_FIELDS),
                "title": home_page["title"],
                "intro": home_page["intro"],
            },
        )
        self._publish(home)
        return home

    def event_times(self, data):
        time_zone = zoneinfo.ZoneInfo(data["time_zone"])
        if "date" in data:
            day = datetime.date.fromisoformat(data["date"])
        else:
            # Relative dates make one event upcoming and one past on the day the demo is made.
            day = self.today + datetime.timedelta(days=data["days_from_today"])

        def at(clock):
            return datetime.datetime.combine(
                day, datetime.time.fromisoformat(clock), tzinfo=time_zone
            )

        return at(data["starts"]), at(data["ends"])

    def build_event(self, data, home, partners, venues):
        translation_key = uuid.UUID(data["uuid"])
        source_locale = self.locales[SOURCE_LANGUAGE]
        page = EventPage.objects.filter(
            translation_key=translation_key, locale=source_locale
        ).first()
        if page is not None and self._keep(page):
            return page
        created = page is None
        if created:
            page = EventPage(translation_key=translation_key, locale=source_locale)
        starts_at, ends_at = self.event_times(data)
        deadline = None
        if "registration_deadline_days_before" in data:
            deadline = starts_at - datetime.timedelta(
                days=data["registration_deadline_days_before"]
            )
        assign(
            page,
            {
                **field_defaults(EventPage, PROMOTE_FIELDS),
                "title": data["title"],
                # A page an editor made may hold the demo's address by now; take the next one.
                "slug": find_available_slug(
                    home if created else page.get_parent(), data["slug"], ignore_page_id=page.pk
                ),
                "event_type": data["event_type"],
                "starts_at": starts_at,
                "ends_at": ends_at,
                "time_zone": data["time_zone"],
                "venue_id": venues[data["venue"]].pk,
                "room": data.get("room", ""),
                "intro": data["intro"],
                "hero_image_id": self.hero_image(data["hero_image"]).pk,
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
        page.body = body
        if created:
            home.add_child(instance=page)
        self._publish(page)
        return page

    # Cyrillic and English, through wagtail-localize

    def forget_hand_transliterations(self, instance):
        """On a reset, drop the Cyrillic segments corrected by hand, so that saving the Latin
        original writes its transliteration afresh."""
        if self.reset and instance.pk is not None:
            StringTranslation.objects.filter(
                locale=self.locales[CYRILLIC], context__object_id=instance.translation_key
            ).delete()

    def translate_to_english(self, instance):
        """Translate ``instance`` into English from the dictionary, as a translator would, and
        publish the English version; an earlier English translation is replaced.

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
        missing = [
            segment.string.data for segment in segments if segment.string.data not in self.english
        ]
        if missing:
            listed = "\n".join(f"  {text!r}" for text in missing)
            raise CommandError(
                f"No English for these strings of {instance!r}; add them to the 'english' "
                f"dictionary in home/demo/demo_content.json:\n{listed}"
            )
        for segment in segments:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=english,
                context=segment.context,
                defaults={
                    "data": self.english[segment.string.data],
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "",
                    "last_translated_by": None,
                    "has_error": False,
                    "field_error": "",
                },
            )
        translation.save_target(publish=True)
