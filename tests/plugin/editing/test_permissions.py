"""Who may do what: the role groups from ``panel_event.editing.roles`` against the admin's real views,
and what anonymous readers can never reach (drafts, previews, private pages, unpublished
translations)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageViewRestriction

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS, ensure_role_groups
from panel_event.models import EventPage, PartnerSnippet
from tests.event_form_data import event_form_data
from tests.public_fixtures import (
    SEED_END,
    SEED_SLUG,
    SEED_START,
    create_event,
    locale,
    translate_event,
)

ROLES = ["anonymous", "translator", "editor", "superuser"]
LOGIN = "login"
DENIED = "denied"
ALLOWED = "allowed"


def outcome(response):
    """What the visitor got: the login page, Wagtail's "no permission" bounce, or the view."""
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return LOGIN
    if response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ):
        return DENIED
    return ALLOWED


@pytest.fixture
def groups(home_pages):
    return ensure_role_groups()


@pytest.fixture
def clients(groups, admin_user):
    users = {"superuser": admin_user}
    for role, group_name in (("translator", TRANSLATORS), ("editor", COMMUNICATIONS_EDITORS)):
        user = get_user_model().objects.create_user(role, f"{role}@example.org", "pw")
        user.groups.add(groups[group_name])
        users[role] = user
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


@pytest.fixture
def events(home_pages):
    """A published Serbian Latin event and its published English translation."""
    latin = create_event(home_pages["sr-latn"])
    english = translate_event(latin, "en", title="Support for migrants")
    return {"sr-latn": latin, "en": english}


@pytest.mark.django_db
def test_role_groups_are_created_once_and_restored_when_changed(groups):
    editors = groups[COMMUNICATIONS_EDITORS]
    grants = set(GroupPagePermission.objects.filter(group=editors).values_list("pk", flat=True))
    # Someone widens the translators' rights by hand; the next run takes that back.
    translators = groups[TRANSLATORS]
    GroupPagePermission.objects.create(
        group=translators,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="bulk_delete_page"),
    )

    again = ensure_role_groups()

    assert Group.objects.filter(name__in=[COMMUNICATIONS_EDITORS, TRANSLATORS]).count() == 2
    assert again[COMMUNICATIONS_EDITORS].pk == editors.pk
    assert set(GroupPagePermission.objects.filter(group=editors).values_list("pk", flat=True)) == (
        grants
    )
    translator_grants = GroupPagePermission.objects.filter(group=translators)
    assert sorted(
        (grant.page.locale.language_code, grant.permission.codename) for grant in translator_grants
    ) == [
        ("en", "change_page"),
        ("en", "publish_page"),
        ("sr-cyrl", "change_page"),
        ("sr-cyrl", "publish_page"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("view", "expected"),
    [
        # The admin's preview of the current draft.
        (
            "preview_source",
            {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED, "superuser": ALLOWED},
        ),
        (
            "edit_source",
            {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED, "superuser": ALLOWED},
        ),
        (
            "edit_translation",
            {"anonymous": LOGIN, "translator": ALLOWED, "editor": ALLOWED, "superuser": ALLOWED},
        ),
        (
            "add_event",
            {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED, "superuser": ALLOWED},
        ),
        (
            "snippets",
            {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED, "superuser": ALLOWED},
        ),
        (
            "users",
            {"anonymous": LOGIN, "translator": DENIED, "editor": DENIED, "superuser": ALLOWED},
        ),
    ],
)
def test_who_may_open_which_admin_view(clients, events, home_pages, view, expected):
    urls = {
        "preview_source": reverse("wagtailadmin_pages:view_draft", args=(events["sr-latn"].pk,)),
        "edit_source": reverse("wagtailadmin_pages:edit", args=(events["sr-latn"].pk,)),
        "edit_translation": reverse("wagtailadmin_pages:edit", args=(events["en"].pk,)),
        "add_event": reverse(
            "wagtailadmin_pages:add",
            args=("panel_event", "eventpage", home_pages["sr-latn"].pk),
        ),
        "snippets": reverse("wagtailsnippets_panel_event_partnersnippet:add"),
        "users": reverse("wagtailusers_users:index"),
    }

    got = {role: outcome(clients[role].get(urls[view])) for role in ROLES}

    assert got == expected


def publish_data(event, title):
    data = event_form_data(
        title=title,
        slug=event.slug,
        intro=event.intro,
        starts_at="2019-06-20 11:00",
        ends_at="2019-06-20 13:00",
    )
    data["action-publish"] = "action-publish"
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("sr-latn", {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED}),
        ("en", {"anonymous": LOGIN, "translator": ALLOWED, "editor": ALLOWED}),
    ],
)
def test_who_may_publish(
    clients, events, django_capture_on_commit_callbacks, language_code, expected
):
    event = events[language_code]
    got = {}
    for role in expected:
        title = f"Published by {role}"
        with django_capture_on_commit_callbacks(execute=True):
            response = clients[role].post(
                reverse("wagtailadmin_pages:edit", args=(event.pk,)), publish_data(event, title)
            )
        event.refresh_from_db()
        published = event.live and event.title == title
        got[role] = ALLOWED if published else outcome(response)

    assert got == expected


# Deleting an event takes "Can delete event page" (editing/delete_rights.py): editors and
# administrators, in every language; a translator, who edits and publishes the translations, not.
DELETE_EVENT = {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED, "superuser": ALLOWED}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language_code", ["sr-latn", "en"])
def test_who_may_delete_an_event(clients, events, language_code, role):
    event = events[language_code]
    response = clients[role].post(reverse("wagtailadmin_pages:delete", args=(event.pk,)))
    deleted = not EventPage.objects.filter(pk=event.pk).exists()

    assert (ALLOWED if deleted else outcome(response)) == DELETE_EVENT[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["translator", "editor", "superuser"])
def test_the_delete_buttons_of_a_translated_event_are_shown_to_who_may_delete(
    clients, events, home_pages, role
):
    english = events["en"]
    delete_url = reverse("wagtailadmin_pages:delete", args=(english.pk,))
    may_delete = DELETE_EVENT[role] == ALLOWED

    listing = clients[role].get(reverse("wagtailadmin_explore", args=(home_pages["en"].pk,)))
    editor = clients[role].get(reverse("wagtailadmin_pages:edit", args=(english.pk,)))

    assert (listing.status_code, editor.status_code) == (200, 200)
    # The page listing's "More" menu and the editor's action menu.
    assert (f'href="{delete_url}' in listing.content.decode()) is may_delete
    assert (f'href="{delete_url}' in editor.content.decode()) is may_delete


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["translator", "editor", "superuser"])
def test_bulk_delete_of_a_translated_event_follows_the_same_rule(clients, events, role):
    bulk_delete = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    english = events["en"]

    clients[role].post(f"{bulk_delete}?id={english.pk}&next=/admin/pages/")

    deleted = not EventPage.objects.filter(pk=english.pk).exists()
    assert (ALLOWED if deleted else DENIED) == DELETE_EVENT[role]


@pytest.mark.django_db
def test_editors_cannot_delete_a_home_page_with_its_events(clients, events, home_pages):
    response = clients["editor"].post(
        reverse("wagtailadmin_pages:delete", args=(home_pages["sr-latn"].pk,))
    )

    assert outcome(response) == DENIED
    assert EventPage.objects.filter(pk=events["sr-latn"].pk).exists()


@pytest.mark.django_db
def test_only_an_administrator_may_delete_a_home_page_without_events(clients, home_pages):
    english_home = home_pages["en"]
    assert not english_home.get_children().exists()
    delete_url = reverse("wagtailadmin_pages:delete", args=(english_home.pk,))
    # Editors and translators here keep the admin in the site's language, Serbian Latin.
    refusal = "„Events“ je početna stranica sajta (English) i može je obrisati samo administrator."
    for role in ("translator", "editor"):
        for send in (clients[role].get, clients[role].post):
            response = send(delete_url, follow=True)
            assert Page.objects.filter(pk=english_home.pk).exists(), role
            assert response.redirect_chain[0][0] == f"/admin/pages/{english_home.pk}/", role
            assert [str(message) for message in response.context["messages"]] == [refusal], role

    clients["superuser"].post(delete_url)
    assert not Page.objects.filter(pk=english_home.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_keeps_the_home_pages_but_not_other_pages(clients, home_pages):
    bulk_delete = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    english_home = home_pages["en"]
    assert not english_home.get_children().exists()
    editor = clients["editor"]

    response = editor.post(f"{bulk_delete}?id={english_home.pk}&next=/admin/pages/", follow=True)
    assert Page.objects.filter(pk=english_home.pk).exists()
    assert [str(message) for message in response.context["messages"]] == [
        "Početne stranice sajta može da obriše samo administrator: Events."
    ]

    event = create_event(home_pages["sr-latn"])
    editor.post(f"{bulk_delete}?id={event.pk}&next=/admin/pages/")
    assert not Page.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_who_may_add_a_partner(clients):
    got = {}
    for role in ("anonymous", "translator", "editor"):
        name = f"Partner added by {role}"
        response = clients[role].post(
            reverse("wagtailsnippets_panel_event_partnersnippet:add"),
            {"locale": "sr-latn", "name": name, "acronym": "", "kind": "other", "website": ""},
        )
        created = PartnerSnippet.objects.filter(name=name).exists()
        got[role] = ALLOWED if created else outcome(response)

    assert got == {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        # Translators change partners (and venues) only in the languages they translate into.
        (
            "sr-latn",
            {"anonymous": LOGIN, "translator": DENIED, "editor": ALLOWED, "superuser": ALLOWED},
        ),
        (
            "en",
            {"anonymous": LOGIN, "translator": ALLOWED, "editor": ALLOWED, "superuser": ALLOWED},
        ),
    ],
)
def test_who_may_change_a_partner_in_which_language(clients, language_code, expected):
    partner = PartnerSnippet.objects.create(
        name="Partner", kind="other", locale=locale(language_code)
    )
    edit_url = reverse("wagtailsnippets_panel_event_partnersnippet:edit", args=(partner.pk,))
    got = {}
    for role in expected:
        name = f"Partner changed by {role}"
        response = clients[role].post(
            edit_url, {"name": name, "acronym": "", "kind": "other", "website": ""}
        )
        partner.refresh_from_db()
        if partner.name == name:
            got[role] = ALLOWED
        else:
            # A translator asking to edit a source is sent to its read-only inspect view.
            got[role] = LOGIN if outcome(response) == LOGIN else DENIED

    assert got == expected


# --- What anonymous readers never see -------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_never_published_is_not_found(client, home_pages):
    draft = home_pages["sr-latn"].add_child(
        instance=EventPage(
            title="Tajni nacrt",
            slug="tajni-nacrt",
            intro="Još nije objavljeno.",
            starts_at=SEED_START,
            ends_at=SEED_END,
            live=False,
        )
    )
    draft.save_revision()

    for path in ("/sr-latn/tajni-nacrt/", "/sr-latn/tajni-nacrt/calendar.ics"):
        assert client.get(path).status_code == 404
    assert "tajni-nacrt" not in client.get("/sitemap.xml").content.decode()
    assert "Tajni nacrt" not in client.get("/sr-latn/").content.decode()


@pytest.mark.django_db
def test_readers_see_the_published_version_not_the_newer_draft(client, events):
    event = events["sr-latn"]
    event.title = "Neobjavljena izmena"
    event.save_revision()

    html = client.get(event.url).content.decode()
    ics = client.get(f"{event.url}calendar.ics").content.decode()

    assert "Neobjavljena izmena" not in html
    assert "Neobjavljena izmena" not in ics


@pytest.mark.django_db
@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "tajna"},
    ],
)
def test_a_private_event_stays_private(client, events, restriction):
    event = events["sr-latn"]
    PageViewRestriction.objects.create(page=event, **restriction)

    for path in (event.url, f"{event.url}calendar.ics"):
        response = client.get(path)
        body = response.content.decode()
        assert event.title not in body, path
        assert "BEGIN:VCALENDAR" not in body, path
    assert event.get_full_url() not in client.get("/sitemap.xml").content.decode()
    assert event.title not in client.get("/sr-latn/").content.decode()


@pytest.mark.django_db
def test_an_unpublished_translation_is_not_found_nor_linked(client, home_pages):
    latin = create_event(home_pages["sr-latn"])
    english = latin.copy_for_translation(locale("en"))
    english.title = "Unpublished English"
    english.save_revision()

    assert client.get(f"/en/{SEED_SLUG}/").status_code == 404
    latin_html = client.get(latin.url).content.decode()
    assert f"/en/{SEED_SLUG}/" not in latin_html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/en/{SEED_SLUG}/" not in sitemap
    assert "Unpublished English" not in client.get("/en/").content.decode()
