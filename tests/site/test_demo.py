"""The demo site that `make run` shows: `manage.py load_demo` and what it builds.

The demo is built once for this module (then reset, to prove ``--reset`` puts it back in place
without duplicating anything) inside a transaction that is rolled back afterwards, and its pages
are read through the test client. Re-runs that keep the editors' work: test_demo_rerun.py.
"""

import datetime
import html
import re
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale, Page
from wagtail.permissions import policy_registry

from home.demo import images
from home.demo.builder import DemoBuilder, block_id
from home.demo.content import demo_content, seed_announcement
from home.models import HomePage
from panel_event.content.choices import PartnerRole
from panel_event.languages.machine_translation import editor_rules
from panel_event.languages.transliteration import latin_to_cyrillic
from panel_event.models import EventPage, PartnerSnippet, TransliterationRule, Venue

pytestmark = pytest.mark.django_db

CONTENT = demo_content()
ENGLISH = CONTENT["english"]
EVENTS = {event["key"]: event for event in CONTENT["events"]}
PANEL = EVENTS["panel"]
LANGUAGES = ("sr-latn", "sr-cyrl", "en")
PASSWORD_VARIABLES = ("DEMO_ADMIN_PASSWORD", "DEMO_EDITOR_PASSWORD", "DEMO_TRANSLATOR_PASSWORD")
EDITOR_PASSWORD = "known-editor-password-for-the-test"
EDITOR_GROUP = "Communications editors"
TRANSLATOR_GROUP = "Translators"

# The speaker's organisation is the IOM partner, whose name the page prints without the
# announcement's "u Srbiji"; that is the only wording of the announcement the page changes.
PRINTED_SPEAKER_LINES = {
    "Jelena Ribać, koordinatorka projekta, Međunarodna organizacija za migracije u Srbiji": (
        "Jelena Ribać, koordinatorka projekta, Međunarodna organizacija za migracije"
    )
}
# Names that keep their Serbian letters in English.
PROPER_NAMES = ("Jelena Ribać", "Saša Đorđević", "Južno raskršće", "Niš")


def load_demo(*arguments, **environment):
    """Run the command as `make run` does, with the on-commit publishing carried out.

    The pictures are drawn small: making AVIF and WebP renditions of full-size heroes for the
    pages read here would take most of this module's time. Their full size is tested apart.
    """
    output = StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "HERO_SIZE", (320, 180))
        patch.setattr(images, "LOGO_SIZE", (120, 60))
        for name in PASSWORD_VARIABLES:
            patch.delenv(name, raising=False)
        for name, value in environment.items():
            patch.setenv(name, value)
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", *arguments, stdout=output)
    return output.getvalue()


def inventory():
    """How many of everything the demo makes there are."""
    return {
        "pages": Counter(
            (page.specific_class.__name__, page.locale.language_code)
            for page in Page.objects.select_related("locale").exclude(depth=1)
        ),
        "partners": Counter(PartnerSnippet.objects.values_list("locale__language_code", flat=True)),
        "venues": Counter(Venue.objects.values_list("locale__language_code", flat=True)),
        "images": Counter(get_image_model().objects.values_list("title", flat=True)),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "groups": Counter(Group.objects.values_list("name", flat=True)),
        "page permissions": GroupPagePermission.objects.filter(group__name=EDITOR_GROUP).count(),
        "collection permissions": GroupCollectionPermission.objects.filter(
            group__name=EDITOR_GROUP
        ).count(),
        "transliteration rules": TransliterationRule.objects.count(),
    }


@dataclass
class Demo:
    first_output: str
    second_output: str
    after_first_run: dict
    after_second_run: dict
    pages: dict  # (language code, slug or "") -> (status code, HTML)


def page_key(language_code, slug=""):
    return (language_code, slug)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media_root)),
        transaction.atomic(),
    ):
        first_output = load_demo()
        after_first_run = inventory()
        # What a day later looks like to a reset, and an edit the reset should put back.
        workshop = EventPage.objects.get(
            translation_key=EVENTS["workshop"]["uuid"], locale__language_code="sr-latn"
        )
        EventPage.objects.filter(pk=workshop.pk).update(
            starts_at=workshop.starts_at - datetime.timedelta(days=1),
            ends_at=workshop.ends_at - datetime.timedelta(days=1),
        )
        PartnerSnippet.objects.filter(
            translation_key=CONTENT["partners"]["iom"]["uuid"], locale__language_code="sr-latn"
        ).update(name="IOM (izmenjeno)")

        second_output = load_demo("--reset", DEMO_EDITOR_PASSWORD=EDITOR_PASSWORD)
        after_second_run = inventory()

        client = Client()
        pages = {}
        for language_code in LANGUAGES:
            for slug in ["", *(event["slug"] for event in CONTENT["events"])]:
                path = f"/{language_code}/{slug}/" if slug else f"/{language_code}/"
                response = client.get(path)
                pages[page_key(language_code, slug)] = (
                    response.status_code,
                    response.content.decode(),
                )
        yield Demo(first_output, second_output, after_first_run, after_second_run, pages)
        transaction.set_rollback(True)
    # Rendered pages and site root paths were cached while the demo existed.
    cache.clear()


# Reading pages -----------------------------------------------------------------------------

BLOCK_TAGS = (
    "address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|"
    "hr|img|li|main|nav|ol|p|picture|section|source|table|td|th|tr|ul"
)


def text_of(fragment):
    """The text a reader sees: tags stripped (block tags as spaces), whitespace normalised."""
    fragment = re.sub(r"<(script|style|template)\b.*?</\1>", " ", fragment, flags=re.S)
    fragment = re.sub(rf"</?(?:{BLOCK_TAGS})\b[^>]*>", " ", fragment)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    return " ".join(html.unescape(fragment).split())


def main_text(page_html):
    return text_of(re.search(r"<main\b[^>]*>(.*)</main>", page_html, re.S).group(1))


def heading_1(page_html):
    return text_of(re.search(r"<h1\b[^>]*>(.*?)</h1>", page_html, re.S).group(1))


def page_html(demo, language_code, slug=""):
    status_code, content = demo.pages[page_key(language_code, slug)]
    assert status_code == 200, (language_code, slug)
    return content


def assert_in_order(text, expected):
    """Every piece of ``expected`` is in ``text``, in that order."""
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} is missing after {text[position : position + 80]!r}"
        position = found + len(piece)


def to_cyrillic(text):
    exceptions, keep_latin = editor_rules()
    return latin_to_cyrillic(text, exceptions=exceptions, keep_latin=keep_latin)


def blocks_of(event, block_type):
    return [block["value"] for block in event["body"] if block["type"] == block_type]


def content_strings(event):
    """Every piece of text the demo data puts on an event page, in Serbian Latin."""
    strings = [event["title"], event["intro"], event.get("hero_caption"), event.get("hero_credit")]
    strings += [event.get("objective")]
    for block in event["body"]:
        value = block["value"]
        if block["type"] == "text":
            strings += re.findall(r"<p>(.*?)</p>", value)
        elif block["type"] == "heading":
            strings.append(value["text"])
        elif block["type"] == "key_figures":
            strings.append(value["title"])
            strings += [f"{item['figure']} {item['label']}" for item in value["figures"]]
        elif block["type"] == "agenda":
            strings.append(value["title"])
            for item in value["items"]:
                strings += [item["title"], item.get("group_speakers")]
                for speaker in item.get("speakers", []):
                    strings += [speaker["name"], speaker["role"], speaker.get("organisation_text")]
        elif block["type"] == "partners":
            strings.append(value["title"])
            strings += [
                CONTENT["partners"][entry["partner"]]["name"] for entry in value["partners"]
            ]
    return [text_of(string) for string in strings if string]


def english(latin):
    """The English the demo gives a Latin string (a key figure is two: figure and label)."""
    if latin in ENGLISH:
        return text_of(ENGLISH[latin])
    for figure in blocks_of(PANEL, "key_figures")[0]["figures"]:
        if latin == f"{figure['figure']} {figure['label']}":
            return f"{ENGLISH[figure['figure']]} {ENGLISH[figure['label']]}"
    paragraph = next(key for key in ENGLISH if text_of(key) == latin)
    return text_of(ENGLISH[paragraph])


# The seed announcement ---------------------------------------------------------------------


@dataclass
class Announcement:
    event_type: str
    title: str
    credit: str
    weekday: str
    date: str
    hour: str
    venue: str
    paragraphs: list
    agenda_heading: str
    agenda: list  # [(start, end, title, [bullet, ...]), ...]


def read_announcement():
    lines = [line.strip() for line in seed_announcement().splitlines() if line.strip()]
    event_type, title = lines[0].split(": ", 1)
    credit = next(line for line in lines if line.startswith("Izvor:"))
    date_index, date_match = next(
        (index, match)
        for index, line in enumerate(lines)
        if (match := re.fullmatch(r"(\w+), (\d+\. \w+ \d{4})\. godine, (\d+) časova", line))
    )
    agenda = []
    paragraphs = []
    for line in lines[date_index + 2 :]:
        if item := re.fullmatch(r"(\d\d\.\d\d) – (\d\d\.\d\d) – (.+)", line):
            agenda.append((*item.groups(), []))
        elif line.startswith("•"):
            agenda[-1][3].append(line.lstrip("• "))
        elif line != "Agenda":
            paragraphs.append(line)
    return Announcement(
        event_type=event_type,
        title=title,
        credit=credit,
        weekday=date_match.group(1),
        date=date_match.group(2),
        hour=date_match.group(3),
        venue=lines[date_index + 1],
        paragraphs=paragraphs,
        agenda_heading="Agenda",
        agenda=agenda,
    )


# Tests -------------------------------------------------------------------------------------


def test_running_the_command_again_creates_nothing_new(demo):
    assert demo.after_second_run == demo.after_first_run
    assert demo.after_first_run["pages"] == Counter(
        {
            **{("HomePage", code): 1 for code in LANGUAGES},
            **{("EventPage", code): 3 for code in LANGUAGES},
        }
    )
    assert demo.after_first_run["partners"] == Counter(dict.fromkeys(LANGUAGES, 5))
    assert demo.after_first_run["venues"] == Counter(dict.fromkeys(LANGUAGES, 3))
    assert sum(demo.after_first_run["images"].values()) == 8
    assert set(demo.after_first_run["images"].values()) == {1}
    assert demo.after_first_run["users"] == ["admin", "editor", "translator"]
    assert demo.after_first_run["groups"][EDITOR_GROUP] == 1
    assert demo.after_first_run["groups"][TRANSLATOR_GROUP] == 1
    # add, change and publish on the home page of each of the three languages
    assert demo.after_first_run["page permissions"] == 9
    # add, change and choose, for images and for documents
    assert demo.after_first_run["collection permissions"] == 6


def test_a_reset_puts_the_demo_back_in_place(demo):
    workshop = EVENTS["workshop"]
    today = timezone.localdate()
    versions = EventPage.objects.filter(translation_key=workshop["uuid"])
    assert versions.count() == 3
    for version in versions:
        start = version.local_start
        assert (start.date() - today).days == workshop["days_from_today"], version.locale
        assert start.strftime("%H:%M") == workshop["starts"]
    iom = PartnerSnippet.objects.filter(translation_key=CONTENT["partners"]["iom"]["uuid"])
    assert {partner.locale.language_code: partner.name for partner in iom} == {
        "sr-latn": "Međunarodna organizacija za migracije",
        "sr-cyrl": "Међународна организација за миграције",
        "en": "International Organization for Migration",
    }


def test_block_ids_are_stable_so_translations_keep_their_segments(demo):
    panel = EventPage.objects.get(translation_key=PANEL["uuid"], locale__language_code="sr-latn")
    assert [block.id for block in panel.body] == [
        block_id(panel.translation_key, f"body.{index}") for index in range(len(PANEL["body"]))
    ]


def test_accounts_get_a_password_once_or_from_the_environment(demo):
    generated = dict(
        re.findall(r"^\s+(admin|editor|translator)\b.*password: (\S+)$", demo.first_output, re.M)
    )
    assert set(generated) == {"admin", "editor", "translator"}
    users = get_user_model().objects
    admin, editor = users.get(username="admin"), users.get(username="editor")
    assert admin.check_password(generated["admin"])
    assert editor.check_password(EDITOR_PASSWORD)
    assert (admin.is_superuser, editor.is_superuser, editor.is_staff) == (True, False, False)

    assert generated["admin"] not in demo.second_output
    assert "manage.py changepassword admin" in demo.second_output
    assert re.search(r"^\s+editor\b.*password from DEMO_EDITOR_PASSWORD$", demo.second_output, re.M)
    assert EDITOR_PASSWORD not in demo.second_output
    for output in (demo.first_output, demo.second_output):
        assert "http://testserver/admin/" in output
        assert f"http://testserver/sr-latn/{PANEL['slug']}/" in output


def test_the_demo_editors_read_the_admin_in_serbian_latin(demo, client):
    users = get_user_model().objects.filter(username__in=["admin", "editor", "translator"])
    assert sorted(user.get_full_name() for user in users) == [
        "Ana Jovanović",
        "Jelena Marković",
        "Nikola Petrović",
    ]
    client.force_login(users.get(username="editor"))
    dashboard = client.get("/admin/").content.decode()
    title = re.search(r"<title>\s*([^<]*?)\s*</title>", dashboard).group(1)
    assert title.startswith("Kontrolna tabla"), title


def test_the_editor_can_publish_events_but_not_manage_users_or_settings(demo, client):
    editor = get_user_model().objects.get(username="editor")
    for home in HomePage.objects.all():
        permissions = home.permissions_for_user(editor)
        assert permissions.can_add_subpage(), home.locale
        assert permissions.can_publish_subpage(), home.locale
    for event in EventPage.objects.all():
        permissions = event.permissions_for_user(editor)
        assert (permissions.can_edit(), permissions.can_publish(), permissions.can_delete()) == (
            True,
            True,
            True,
        )
    for model in ("partnersnippet", "venue", "transliterationrule"):
        for action in ("add", "change", "delete"):
            assert editor.has_perm(f"panel_event.{action}_{model}")
    assert editor.has_perm("wagtail_localize.submit_translation")
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "change", "choose"):
            assert policy.user_has_permission(editor, action), (model, action)
    for permission in (
        "auth.add_user",
        "auth.change_user",
        "auth.change_group",
        "wagtailcore.change_site",
        "wagtailcore.add_locale",
        "wagtailcore.add_page",  # only through the page tree, never globally
    ):
        assert not editor.has_perm(permission)

    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    latin_home = HomePage.objects.get(locale__language_code="sr-latn")
    add_event = f"/admin/pages/add/panel_event/eventpage/{latin_home.pk}/"
    assert client.get(add_event).status_code == 200
    for forbidden in ("/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/locales/"):
        assert client.get(forbidden).status_code == 302, forbidden


def test_the_translator_works_on_translations_only(demo, client):
    translator = get_user_model().objects.get(username="translator")
    assert list(translator.groups.values_list("name", flat=True)) == [TRANSLATOR_GROUP]
    for event in EventPage.objects.select_related("locale"):
        permissions = event.permissions_for_user(translator)
        in_source_language = event.locale.language_code == "sr-latn"
        assert permissions.can_edit() is not in_source_language, event.locale
        assert permissions.can_publish() is not in_source_language, event.locale
        # Translators never delete events, not even in the languages they translate into.
        assert not permissions.can_delete(), event.locale
    for home in HomePage.objects.all():
        assert not home.permissions_for_user(translator).can_add_subpage(), home.locale
    assert translator.has_perm("wagtail_localize.submit_translation")
    # Partners and venues: read in every language, changed only in the translator's own
    # (translation_hooks narrows "change"); transliteration rules stay the editors'.
    assert {
        model: translator.has_perm(f"panel_event.change_{model}")
        for model in ("partnersnippet", "venue", "transliterationrule")
    } == {"partnersnippet": True, "venue": True, "transliterationrule": False}
    assert not translator.has_perm("panel_event.add_partnersnippet")
    assert not translator.has_perm("panel_event.delete_venue")

    client.force_login(translator)
    english_event = EventPage.objects.get(translation_key=PANEL["uuid"], locale__language_code="en")
    latin_event = EventPage.objects.get(
        translation_key=PANEL["uuid"], locale__language_code="sr-latn"
    )
    assert client.get(f"/admin/pages/{english_event.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{latin_event.pk}/edit/").status_code == 302
    latin_partner = latin_event.body[-1].value["partners"][0]["partner"]
    english_partner = latin_partner.get_translation(english_event.locale)
    partner_edit = "wagtailsnippets_panel_event_partnersnippet:edit"
    assert client.get(reverse(partner_edit, args=[english_partner.pk])).status_code == 200
    assert client.get(reverse(partner_edit, args=[latin_partner.pk]))["Location"] == reverse(
        "wagtailsnippets_panel_event_partnersnippet:inspect", args=[latin_partner.pk]
    )


def test_every_fact_of_the_announcement_is_on_the_latin_page(demo):
    announcement = read_announcement()
    page = page_html(demo, "sr-latn", PANEL["slug"])
    text = main_text(page)

    assert heading_1(page) == announcement.title
    assert announcement.event_type in text
    assert announcement.credit in text
    assert f"{announcement.weekday}, {announcement.date}".lower() in text.lower()
    end_of_programme = announcement.agenda[-1][1]
    assert f"{int(announcement.hour):02d}.00–{end_of_programme}" in text
    assert announcement.venue in text
    assert len(announcement.paragraphs) == 6
    for paragraph in announcement.paragraphs:
        assert paragraph in text
    assert announcement.paragraphs[0].startswith("Cilj diskusije")
    agenda = text[text.index(announcement.agenda_heading) :]
    expected = []
    for start, end, title, bullets in announcement.agenda:
        expected += [start, end, title]
        expected += [PRINTED_SPEAKER_LINES.get(bullet, bullet) for bullet in bullets]
    assert_in_order(agenda, expected)
    assert len(announcement.agenda) == 4


def test_the_panel_discussion_keeps_the_announced_time_place_and_type(demo):
    panel = EventPage.objects.select_related("venue").get(
        translation_key=PANEL["uuid"], locale__language_code="sr-latn"
    )
    belgrade = zoneinfo.ZoneInfo("Europe/Belgrade")
    assert panel.event_type == "panel_discussion"
    assert panel.time_zone == "Europe/Belgrade"
    assert panel.starts_at == datetime.datetime(2019, 6, 20, 11, 0, tzinfo=belgrade)
    assert panel.ends_at == datetime.datetime(2019, 6, 20, 13, 0, tzinfo=belgrade)
    venue = panel.venue
    assert (venue.name, venue.street_address, venue.city, venue.country, venue.country_code) == (
        "Media i reform centar Niš",
        "",
        "Niš",
        "Srbija",
        "RS",
    )


def test_a_string_without_english_stops_the_command():
    venue = Venue.objects.create(
        name="Sala bez prevoda", city="Niš", locale=Locale.objects.get(language_code="sr-latn")
    )
    builder = DemoBuilder({**CONTENT, "english": {"Niš": "Niš", "Srbija": "Serbia"}})

    with pytest.raises(CommandError, match="'Sala bez prevoda'"):
        builder.translate_to_english(venue)
    assert venue.get_translation_or_none(Locale.objects.get(language_code="en")) is None


def test_the_key_figures_and_the_partners_in_their_roles_are_on_the_latin_page(demo):
    text = main_text(page_html(demo, "sr-latn", PANEL["slug"]))
    seed = seed_announcement()

    (key_figures,) = blocks_of(PANEL, "key_figures")
    assert_in_order(
        text,
        [key_figures["title"]]
        + [f"{item['figure']} {item['label']}" for item in key_figures["figures"]],
    )
    for item in key_figures["figures"]:
        for number in re.findall(r"\d+%?", item["figure"]):
            assert number in seed

    assert "Unapređenje socijalne zaštite migranata u ranjivom položaju u Srbiji" in text
    (partners,) = blocks_of(PANEL, "partners")
    assert {entry["role"] for entry in partners["partners"]} == {
        "organiser",
        "implementing_partner",
        "funder",
        "cooperation",
        "coordination",
    }
    expected = [partners["title"]]
    with translation.override("sr-latn"):
        for role in PartnerRole:
            names = [
                CONTENT["partners"][entry["partner"]]["name"]
                for entry in partners["partners"]
                if entry["role"] == role
            ]
            if names:
                expected += [str(role.label), *names]
    assert_in_order(text, expected)
    acronyms = {CONTENT["partners"][entry["partner"]]["acronym"] for entry in partners["partners"]}
    assert {f"({acronym})" for acronym in acronyms if acronym} == set(
        re.findall(r"\([A-Z]+\)", seed)
    )


def test_the_cyrillic_page_is_the_transliteration_of_the_latin_page(demo):
    latin_page = page_html(demo, "sr-latn", PANEL["slug"])
    cyrillic_page = page_html(demo, "sr-cyrl", PANEL["slug"])
    latin, cyrillic = main_text(latin_page), main_text(cyrillic_page)

    assert '<html lang="sr-Cyrl">' in cyrillic_page
    assert heading_1(cyrillic_page) == to_cyrillic(heading_1(latin_page))
    assert to_cyrillic(PANEL["intro"]) in cyrillic
    # The agenda and the partners, each from its title to the end of the section.
    block_types = [block["type"] for block in PANEL["body"]]
    agenda_title = PANEL["body"][block_types.index("agenda")]["value"]["title"]
    next_heading = PANEL["body"][block_types.index("agenda") + 1]["value"]["text"]
    partners_title = PANEL["body"][block_types.index("partners")]["value"]["title"]
    for start, end in ((agenda_title, next_heading), (partners_title, None)):
        latin_part = latin[latin.index(start) : latin.index(end) if end else None]
        cyrillic_part = cyrillic[
            cyrillic.index(to_cyrillic(start)) : cyrillic.index(to_cyrillic(end)) if end else None
        ]
        assert cyrillic_part == to_cyrillic(latin_part)
    for string in content_strings(PANEL):
        assert string in latin
        assert to_cyrillic(string) in cyrillic
    # The editor rules from the demo apply: a brand stays Latin, a name gets its own spelling.
    assert "Извор: Printscreen из филма" in cyrillic
    assert "Медија и реформ центар Ниш" in cyrillic


@pytest.mark.parametrize("key", EVENTS)
def test_every_event_page_exists_in_english_and_reads_in_english(demo, key):
    event = EVENTS[key]
    page = page_html(demo, "en", event["slug"])
    text = main_text(page)

    assert '<html lang="en">' in page
    assert heading_1(page) == ENGLISH[event["title"]]
    for string in content_strings(event):
        assert english(string) in text
        if english(string) != string and len(string) > 3:
            assert not re.search(rf"(?<!\w){re.escape(string)}(?!\w)", text), string
    names = PROPER_NAMES + tuple(
        speaker["name"]
        for agenda in blocks_of(event, "agenda")
        for item in agenda["items"]
        for speaker in item.get("speakers", [])
    )
    for name in names:
        text = text.replace(name, "")
    assert re.findall(r"\w*[čćžšđ]\w*", text, re.I) == []


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_the_home_page_lists_upcoming_then_past_events(demo, language_code):
    text = main_text(page_html(demo, language_code))
    translate = {
        "sr-latn": lambda title: title,
        "sr-cyrl": to_cyrillic,
        "en": lambda title: ENGLISH[title],
    }[language_code]
    # The workshop is upcoming, the round table a year ago, the panel discussion in 2019.
    assert_in_order(
        text,
        [translate(EVENTS[key]["title"]) for key in ("workshop", "round-table", "panel")],
    )


def test_all_event_pages_answer_in_every_language(demo):
    assert {key: status for key, (status, _html) in demo.pages.items()} == dict.fromkeys(
        demo.pages, 200
    )


def test_the_demo_draws_its_own_images(demo):
    panel = EventPage.objects.get(translation_key=PANEL["uuid"], locale__language_code="sr-latn")
    assert panel.hero_image.title == CONTENT["hero_images"][PANEL["hero_image"]]["title"]
    assert panel.hero_alt_text == PANEL["hero_alt_text"]
    assert panel.hero_credit == read_announcement().credit
    logos = {partner.logo.title for partner in PartnerSnippet.objects.select_related("logo")}
    assert logos == {
        f"Demo: logo {partner['logo']['text']}" for partner in CONTENT["partners"].values()
    }


def test_the_hero_and_the_logos_are_drawn_at_full_size():
    palette = CONTENT["hero_images"]["calm-blue"]
    hero = PILImage.open(images.draw_hero(palette["background"], palette["shapes"]))
    logo = PILImage.open(images.draw_logo("MINRSZ", "#2e5e4e"))
    assert (hero.format, hero.size) == ("JPEG", (1600, 900))
    assert (logo.format, logo.size, logo.mode) == ("PNG", (480, 240), "RGBA")
