"""The generated Cyrillic copy follows its Latin source through every admin action an editor
takes (unpublish, privacy, move, delete, scheduling), and the human translations are offered the
same action on the confirmation screens. Outcomes are read as an anonymous reader."""

import datetime
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page, PageLogEntry, PageViewRestriction, ReferenceIndex

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, ensure_role_groups
from panel_event.models import EventIndexPage, EventPage, PartnerSnippet, Venue
from tests.conftest import CommittingClient, prefer_english_admin
from tests.event_form_data import event_form_data, partners
from tests.public_fixtures import (
    SEED_SLUG,
    create_event,
    locale,
    seed_partners,
    seed_venue,
    translate_event,
)

SITEMAP = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
CARD_LINK = re.compile(r'<h3 class="event-card__title"><a href="([^"]+)">')


@pytest.fixture
def editor(home_pages, django_capture_on_commit_callbacks):
    groups = ensure_role_groups()
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(groups[COMMUNICATIONS_EDITORS])
    prefer_english_admin(user)
    client = CommittingClient(django_capture_on_commit_callbacks)
    client.force_login(user)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a function and then the work it deferred to the commit."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def latin_event(home_pages, committed):
    return committed(create_event, home_pages["sr-latn"])


def copy_of(page):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code="sr-cyrl")


def event_url(language_code, slug=SEED_SLUG):
    return f"/{language_code}/{slug}/"


def public_outputs(path):
    """What an anonymous reader gets for the event at ``path``: the page's and its calendar
    file's status codes, and whether the listing above it and the sitemap name it."""
    from urllib.parse import unquote

    reader = Client()
    listing_path = path.rstrip("/").rpartition("/")[0] + "/"
    page = reader.get(path)
    calendar = reader.get(f"{path}calendar.ics")
    listing = reader.get(listing_path)
    sitemap = ElementTree.fromstring(reader.get("/sitemap.xml").content)
    located = {urlsplit(url.findtext("sitemap:loc", namespaces=SITEMAP)).path for url in sitemap}
    return {
        "page": page.status_code,
        "calendar": calendar.status_code,
        "listed": path in CARD_LINK.findall(listing.content.decode()),
        "in_sitemap": path in located or unquote(path) in located,
    }


PUBLIC = {"page": 200, "calendar": 200, "listed": True, "in_sitemap": True}
HIDDEN = {"page": 302, "calendar": 302, "listed": False, "in_sitemap": False}
GONE = {"page": 404, "calendar": 404, "listed": False, "in_sitemap": False}


# --- Unpublishing --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unpublishing_the_source_takes_the_copy_down_even_from_a_warm_cache(editor, latin_event):
    assert public_outputs(event_url("sr-cyrl")) == PUBLIC  # the cache is warm now

    response = editor.post(reverse("wagtailadmin_pages:unpublish", args=(latin_event.pk,)))

    assert response.status_code == 302
    assert public_outputs(event_url("sr-latn")) == GONE
    assert public_outputs(event_url("sr-cyrl")) == GONE
    assert copy_of(latin_event).live is False


# --- Privacy -------------------------------------------------------------------------------------


def set_privacy(editor, page, **data):
    response = editor.post(reverse("wagtailadmin_pages:set_privacy", args=(page.pk,)), data)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


def restriction_of(page):
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        return None
    groups = sorted(restriction.groups.values_list("name", flat=True))
    return (restriction.restriction_type, restriction.password, groups)


@pytest.mark.django_db
def test_a_login_restriction_hides_the_copy_everywhere_and_lifting_it_brings_it_back(
    editor, latin_event
):
    assert public_outputs(event_url("sr-cyrl")) == PUBLIC

    set_privacy(editor, latin_event, restriction_type="login")

    assert public_outputs(event_url("sr-latn")) == HIDDEN
    assert public_outputs(event_url("sr-cyrl")) == HIDDEN

    set_privacy(editor, latin_event, restriction_type="none")

    assert public_outputs(event_url("sr-cyrl")) == PUBLIC
    assert restriction_of(copy_of(latin_event)) is None


@pytest.mark.django_db
def test_the_copy_gets_the_same_password_and_groups_as_its_source(editor, latin_event):
    set_privacy(editor, latin_event, restriction_type="password", password="tajna")
    assert restriction_of(copy_of(latin_event)) == ("password", "tajna", [])
    wrong = Client().post(
        reverse(
            "wagtailcore_authenticate_with_password",
            args=(
                PageViewRestriction.objects.get(page=copy_of(latin_event)).pk,
                copy_of(latin_event).pk,
            ),
        ),
        {"password": "pogrešna", "return_url": event_url("sr-cyrl")},
    )
    assert wrong.status_code == 200  # the password form again

    editors = ensure_role_groups()[COMMUNICATIONS_EDITORS]
    set_privacy(editor, latin_event, restriction_type="groups", groups=[editors.pk])
    assert restriction_of(copy_of(latin_event)) == ("groups", "", [COMMUNICATIONS_EDITORS])


@pytest.mark.django_db
def add_index(parent):
    index = parent.add_child(instance=EventIndexPage(title="Arhiva", slug="arhiva"))
    index.save_revision().publish()
    return index


@pytest.mark.django_db
def test_a_restriction_on_an_ancestor_reaches_the_copies_below_it(editor, home_pages, committed):
    index = committed(add_index, home_pages["sr-latn"])
    event = committed(create_event, index)
    copy_url = copy_of(event).url
    # The copy of the index keeps the address in ASCII Latin, as every language version does.
    assert copy_url.startswith("/sr-cyrl/arhiva/")
    assert public_outputs(copy_url) == PUBLIC

    set_privacy(editor, index, restriction_type="login")

    assert public_outputs(copy_url) == HIDDEN


@pytest.mark.django_db
def test_a_copy_first_generated_under_a_restriction_is_born_private(editor, home_pages):
    draft = save_event(editor, home_pages["sr-latn"], "skriveni", publish=False)
    set_privacy(editor, draft, restriction_type="login")

    save_event(editor, home_pages["sr-latn"], "skriveni")

    assert public_outputs(event_url("sr-cyrl", "skriveni")) == HIDDEN


def save_event(editor, parent, slug, publish=True, **fields):
    """Create or edit an event through the page editor, as a draft or published."""
    existing = EventPage.objects.filter(slug=slug, locale__language_code="sr-latn").first()
    if existing is None:
        url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", parent.pk))
    else:
        url = reverse("wagtailadmin_pages:edit", args=(existing.pk,))
    data = event_form_data(slug=slug, **fields)
    if publish:
        data["action-publish"] = "action-publish"
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(slug=slug, locale__language_code="sr-latn")


def form_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# --- Moving --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_moving_the_source_moves_the_copy_under_the_matching_parent(
    editor, home_pages, latin_event, committed
):
    index = committed(add_index, home_pages["sr-latn"])

    response = editor.post(
        reverse("wagtailadmin_pages:move_confirm", args=(latin_event.pk, index.pk))
    )

    assert response.status_code == 302
    assert copy_of(latin_event).get_parent() == copy_of(index)
    moved_url = copy_of(latin_event).url
    assert public_outputs(moved_url) == PUBLIC
    # Wagtail's automatic redirect takes readers of the old address to the new one.
    old_address = Client().get(event_url("sr-cyrl"))
    assert (old_address.status_code, old_address["Location"]) == (301, moved_url)


# --- Deleting ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_deleting_the_source_leaves_no_copy(editor, latin_event):
    assert public_outputs(event_url("sr-cyrl")) == PUBLIC
    copy_pk = copy_of(latin_event).pk

    response = editor.post(reverse("wagtailadmin_pages:delete", args=(latin_event.pk,)))

    assert response.status_code == 302
    assert not Page.objects.filter(pk__in=[latin_event.pk, copy_pk]).exists()
    assert public_outputs(event_url("sr-cyrl")) == GONE


@pytest.mark.django_db
def test_the_delete_confirmation_names_the_copy_going_with_the_page(editor, latin_event):
    response = editor.get(reverse("wagtailadmin_pages:delete", args=(latin_event.pk,)))

    assert response.status_code == 200
    assert [page.pk for page in response.context["pages_going_with_it"]] == [
        copy_of(latin_event).pk
    ]
    assert copy_of(latin_event).title in response.content.decode()


# --- Scheduling ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_expiry_takes_the_copy_down_with_its_source(editor, latin_event, monkeypatch, committed):
    later = timezone.now() + datetime.timedelta(hours=1)
    save_event(editor, None, SEED_SLUG, expire_at=form_time(later))
    assert public_outputs(event_url("sr-cyrl")) == PUBLIC

    after_expiry = later + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_expiry)
    committed(call_command, "publish_scheduled")

    assert public_outputs(event_url("sr-latn")) == GONE
    assert public_outputs(event_url("sr-cyrl")) == GONE
    assert copy_of(latin_event).specific.expired is True


@pytest.mark.django_db
def test_scheduled_go_live_publishes_the_copy_only_when_the_source_goes_live(
    editor, home_pages, monkeypatch, committed
):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    save_event(editor, home_pages["sr-latn"], "zakazani", go_live_at=form_time(go_live))
    assert EventPage.objects.get(slug="zakazani", locale__language_code="sr-latn").live is False
    assert Client().get(event_url("sr-cyrl", "zakazani")).status_code == 404

    after_go_live = go_live + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_go_live)
    committed(call_command, "publish_scheduled")

    assert Client().get(event_url("sr-cyrl", "zakazani")).status_code == 200


# --- Snippets ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_deleting_a_latin_partner_deletes_its_copy(editor, home_pages):
    partner = PartnerSnippet.objects.create(
        name="Crveni krst", acronym="CK", locale=locale("sr-latn")
    )
    copy = PartnerSnippet.objects.get(
        translation_key=partner.translation_key, locale=locale("sr-cyrl")
    )

    response = editor.post(
        reverse("wagtailsnippets_panel_event_partnersnippet:delete", args=(partner.pk,))
    )

    assert response.status_code == 302
    assert not PartnerSnippet.objects.filter(pk__in=[partner.pk, copy.pk]).exists()


@pytest.mark.django_db
def test_deleting_a_latin_partner_lists_the_pages_using_its_copy(editor, home_pages, committed):
    partner = seed_partners()["IOM"]
    event = save_event(
        editor, home_pages["sr-latn"], SEED_SLUG, body=[partners([(partner.pk, "organiser")])]
    )
    url = reverse("wagtailsnippets_panel_event_partnersnippet:delete", args=(partner.pk,))

    confirmation = editor.get(url)

    assert confirmation.status_code == 200
    assert [source.pk for source, _refs in confirmation.context["copy_usage"]] == [
        copy_of(event).pk
    ]
    assert confirmation.context["copy_is_protected"] is False
    assert editor.post(url).status_code == 302
    assert not PartnerSnippet.objects.filter(translation_key=partner.translation_key).exists()


@pytest.mark.django_db
def test_a_venue_whose_copy_is_still_used_is_not_deleted_and_its_users_are_listed(
    editor, home_pages, committed
):
    venue = seed_venue()
    event = committed(create_event, home_pages["sr-latn"], venue=venue)
    cyrillic_venue = Venue.objects.get(
        translation_key=venue.translation_key, locale=locale("sr-cyrl")
    )
    # The Latin event no longer names the venue; its copy, not regenerated since, still does.
    EventPage.objects.filter(pk=event.pk).update(venue=None)
    ReferenceIndex.create_or_update_for_object(EventPage.objects.get(pk=event.pk))
    url = reverse("wagtailsnippets_panel_event_venue:delete", args=(venue.pk,))

    confirmation = editor.get(url)

    assert confirmation.status_code == 200
    assert confirmation.context["is_protected"] is False  # the Latin venue itself is unused
    assert [source.pk for source, _refs in confirmation.context["copy_usage"]] == [
        copy_of(event).pk
    ]
    assert confirmation.context["copy_is_protected"] is True
    assert 'class="button serious"' not in confirmation.content.decode()
    refused = editor.post(url)
    assert (refused.status_code, refused["Location"]) == (302, url)
    assert Venue.objects.filter(pk__in=[venue.pk, cyrillic_venue.pk]).count() == 2


# --- The CDN -------------------------------------------------------------------------------------


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": f"{RecordingBackend.__module__}.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    return RecordingBackend.purged


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action",
    [
        ("wagtailadmin_pages:unpublish", {}),
        ("wagtailadmin_pages:set_privacy", {"restriction_type": "login"}),
        ("wagtailadmin_pages:delete", {}),
    ],
    ids=["unpublish", "privacy", "delete"],
)
def test_the_cdn_forgets_the_copy_and_its_listing_at_once(
    editor, latin_event, frontend_cache, action
):
    url_name, data = action
    frontend_cache.clear()

    editor.post(reverse(url_name, args=(latin_event.pk,)), data)

    assert {
        f"http://localhost{event_url('sr-cyrl')}",
        "http://localhost/sr-cyrl/",
    } <= set(frontend_cache)


# --- Translations --------------------------------------------------------------------------------

TICKED = re.compile(r'<input type="checkbox" name="apply_to_translations" value="(\d+)" checked>')


@pytest.fixture
def english(latin_event, committed):
    return committed(translate_event, latin_event, "en", title="Support for migrants")


def offered(response_html):
    """The translations the confirmation offers, as the ids of the ticked checkboxes."""
    return [int(pk) for pk in TICKED.findall(response_html)]


def answer(action, *ticked):
    """The form fields a browser sends with the boxes ``ticked`` left ticked."""
    return {"translation_choices_shown": action, "apply_to_translations": [t.pk for t in ticked]}


def recorded_choices(page):
    return [
        entry.data
        for entry in PageLogEntry.objects.filter(
            page_id=page.pk, action="panel_event.translations_choice"
        ).order_by("pk")
    ]


def described(page):
    return {"id": page.pk, "title": page.title, "language": page.locale.language_code}


@pytest.mark.django_db
def test_unpublishing_offers_the_translations_and_takes_them_down_by_default(
    editor, latin_event, english
):
    url = reverse("wagtailadmin_pages:unpublish", args=(latin_event.pk,))
    confirmation = editor.get(url)
    assert offered(confirmation.content.decode()) == [english.pk]
    assert [page.pk for page in confirmation.context["pages_going_with_it"]] == [
        copy_of(latin_event).pk
    ]

    editor.post(url, answer("unpublish", english))

    assert public_outputs(event_url("en")) == GONE
    assert public_outputs(event_url("sr-cyrl")) == GONE
    assert recorded_choices(latin_event) == [
        {"action": "unpublish", "applied": [described(english)], "left": []}
    ]
    history = editor.get(reverse("wagtailadmin_pages:history", args=(latin_event.pk,)))
    assert (
        "Same action (unpublish) taken on the translations: Support for migrants. "
        "Left as they were: —."
    ) in history.content.decode()


@pytest.mark.django_db
def test_an_unticked_translation_stays_published_and_the_choice_is_recorded(
    editor, latin_event, english
):
    editor.post(
        reverse("wagtailadmin_pages:unpublish", args=(latin_event.pk,)), answer("unpublish")
    )

    assert public_outputs(event_url("sr-cyrl")) == GONE
    assert public_outputs(event_url("en")) == PUBLIC
    assert recorded_choices(latin_event) == [
        {"action": "unpublish", "applied": [], "left": [described(english)]}
    ]


@pytest.mark.django_db
def test_a_request_without_the_choice_gets_the_default_and_it_is_recorded(
    editor, latin_event, english
):
    editor.post(reverse("wagtailadmin_pages:unpublish", args=(latin_event.pk,)))

    assert public_outputs(event_url("en")) == GONE
    assert recorded_choices(latin_event) == [
        {"action": "unpublish", "applied": [described(english)], "left": []}
    ]


@pytest.mark.django_db
def test_deleting_offers_the_translations_and_honours_the_choice(editor, latin_event, english):
    url = reverse("wagtailadmin_pages:delete", args=(latin_event.pk,))
    assert offered(editor.get(url).content.decode()) == [english.pk]

    response = editor.post(url, answer("delete", english))

    assert response.status_code == 302
    assert Page.objects.filter(translation_key=latin_event.translation_key).count() == 0
    assert public_outputs(event_url("en")) == GONE
    assert recorded_choices(latin_event) == [
        {"action": "delete", "applied": [described(english)], "left": []}
    ]


@pytest.mark.django_db
def test_deleting_keeps_an_unticked_translation(editor, latin_event, english):
    editor.post(reverse("wagtailadmin_pages:delete", args=(latin_event.pk,)), answer("delete"))

    assert list(Page.objects.filter(translation_key=latin_event.translation_key)) == [
        Page.objects.get(pk=english.pk)
    ]
    assert public_outputs(event_url("en")) == PUBLIC


@pytest.mark.django_db
def test_the_privacy_dialog_offers_the_translations_the_same_privacy(editor, latin_event, english):
    dialog = editor.get(reverse("wagtailadmin_pages:set_privacy", args=(latin_event.pk,)))
    html = dialog.json()["html"]
    assert offered(html) == [english.pk]
    privacy_url = reverse("panel_event_set_privacy", args=(latin_event.pk,))
    assert f'action="{privacy_url}"' in html

    saved = editor.post(privacy_url, {"restriction_type": "login", **answer("privacy", english)})

    assert saved.json()["step"] == "set_privacy_done"
    assert public_outputs(event_url("en")) == HIDDEN
    assert public_outputs(event_url("sr-cyrl")) == HIDDEN
    assert restriction_of(english) == ("login", "", [])

    editor.post(privacy_url, {"restriction_type": "none", **answer("privacy", english)})

    assert public_outputs(event_url("en")) == PUBLIC
    assert public_outputs(event_url("sr-cyrl")) == PUBLIC
    assert (
        recorded_choices(latin_event)
        == [{"action": "privacy", "applied": [described(english)], "left": []}] * 2
    )


@pytest.mark.django_db
def test_privacy_posted_without_the_dialogs_choice_gives_the_translations_the_default(
    editor, latin_event, english
):
    wagtail_privacy_url = reverse("wagtailadmin_pages:set_privacy", args=(latin_event.pk,))

    editor.post(wagtail_privacy_url, {"restriction_type": "login"})

    assert public_outputs(event_url("en")) == HIDDEN
    assert public_outputs(event_url("sr-cyrl")) == HIDDEN
    assert restriction_of(english) == ("login", "", [])

    editor.post(wagtail_privacy_url, {"restriction_type": "none"})

    assert public_outputs(event_url("en")) == PUBLIC
    assert public_outputs(event_url("sr-cyrl")) == PUBLIC
    assert (
        recorded_choices(latin_event)
        == [{"action": "privacy", "applied": [described(english)], "left": []}] * 2
    )
