"""The counts kept for the listings (``listed_counts``) agree with the events themselves after
every admin action an editor takes, at any moment, in every language, and the listing reads
them instead of the events."""

import datetime
from dataclasses import astuple
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, ensure_role_groups
from panel_event.models import EventIndexPage, EventPage
from panel_event.outputs.filters import FilterCounts
from panel_event.outputs.listed_counts import (
    ListedEventCount,
    listing_filter_counts,
    site_month,
)
from panel_event.outputs.queries import public_events
from tests.conftest import CommittingClient, prefer_english_admin
from tests.event_form_data import event_form_data
from tests.public_fixtures import BELGRADE, seed_venue, translate_event

pytestmark = pytest.mark.usefixtures("isolated_media")

LANGUAGES = ("sr-latn", "sr-cyrl", "en")


@pytest.fixture
def editor(home_pages, settings, django_capture_on_commit_callbacks):
    """A communications editor whose admin runs in New York time, far from the site's zone.
    The Cyrillic versions are generated, as on a site that publishes in both scripts."""
    settings.PANEL_EVENT_AUTO_TRANSLITERATE = True
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(ensure_role_groups()[COMMUNICATIONS_EDITORS])
    prefer_english_admin(user)
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "America/New_York"
    profile.save()
    client = CommittingClient(django_capture_on_commit_callbacks)
    client.force_login(user)
    return client


def form_time(moment):
    return moment.astimezone(BELGRADE).strftime("%Y-%m-%d %H:%M")


def save_event(editor, parent, slug, starts_at, hours=2, publish=True, **fields):
    """Create or edit a Latin event through the page editor."""
    existing = EventPage.objects.filter(slug=slug, locale__language_code="sr-latn").first()
    if existing is None:
        url = reverse("wagtailadmin_pages:add", args=("panel_event", "eventpage", parent.pk))
    else:
        url = reverse("wagtailadmin_pages:edit", args=(existing.pk,))
    data = event_form_data(
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        starts_at=form_time(starts_at),
        ends_at=form_time(starts_at + datetime.timedelta(hours=hours)),
        **fields,
    )
    if publish:
        data["action-publish"] = "action-publish"
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(slug=slug, locale__language_code="sr-latn")


def admin_post(editor, view, *args, **data):
    response = editor.post(reverse(f"wagtailadmin_pages:{view}", args=args), data)
    assert response.status_code in (200, 302)
    return response


def ordered(counts):
    return sorted(astuple(row) for row in counts.combinations)


def assert_counts_agree(*listings, moments=()):
    """The kept counts give what counting the events gives, for each listing page in each of
    its languages, now and at ``moments``."""
    now = timezone.now()
    for listing in listings:
        for page in listing.get_translations(inclusive=True):
            for moment in (now, *moments):
                kept = listing_filter_counts(page.locale_id, page, moment)
                counted = FilterCounts.of(public_events(page.locale_id, within=page), moment)
                assert ordered(kept) == ordered(counted), (page.url, moment)


def next_month_first_hour():
    """00:30 in Belgrade on the first of next month: still the month before in UTC and in New
    York, where the editor's admin runs."""
    first_of_next = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(
        day=1
    )
    return datetime.datetime.combine(first_of_next, datetime.time(0, 30), BELGRADE)


@pytest.mark.django_db
def test_the_kept_counts_follow_every_admin_action_in_every_language(editor, home_pages):
    latin_home = home_pages["sr-latn"]
    now = timezone.now()
    nis = seed_venue("sr-latn", name="Medija centar", city="Niš")
    subotica = seed_venue("sr-latn", name="Gradska kuća", city="Subotica")
    index_response = editor.post(
        reverse("wagtailadmin_pages:add", args=("panel_event", "eventindexpage", latin_home.pk)),
        {"title": "Arhiva", "slug": "arhiva", "action-publish": "action-publish"},
    )
    assert index_response.status_code == 302
    index = EventIndexPage.objects.get(slug="arhiva", locale__language_code="sr-latn")
    later = [now + datetime.timedelta(days=days) for days in (3, 40)]
    earlier = now - datetime.timedelta(days=20)

    # Two events starting the same day at the same venue, one over and one still on: a group
    # with events on both sides of now.
    started = now - datetime.timedelta(days=10)
    save_event(editor, latin_home, "zavrsena", started, venue=nis.pk)
    save_event(editor, latin_home, "u-toku", started, hours=24 * 14, venue=nis.pk)
    save_event(editor, latin_home, "uskoro", now + datetime.timedelta(days=2), venue=subotica.pk)
    save_event(editor, index, "u-arhivi", now - datetime.timedelta(days=60), venue=nis.pk)
    save_event(editor, index, "na-kraju-meseca", next_month_first_hour(), venue=subotica.pk)
    save_event(editor, latin_home, "nacrt", now + datetime.timedelta(days=5), publish=False)
    assert ListedEventCount.objects.filter(locale__language_code="sr-cyrl").exists()
    assert_counts_agree(latin_home, index, moments=[earlier, *later])

    # An English translation, and edits to its source's type, venue and start.
    translate_event(EventPage.objects.get(slug="uskoro", locale__language_code="sr-latn"), "en")
    save_event(
        editor,
        latin_home,
        "uskoro",
        now + datetime.timedelta(days=35),
        venue=nis.pk,
        event_type="workshop",
    )
    save_event(editor, latin_home, "nacrt", now + datetime.timedelta(days=5))
    assert_counts_agree(latin_home, index, moments=later)

    event = EventPage.objects.get(slug="zavrsena", locale__language_code="sr-latn")
    admin_post(editor, "unpublish", event.pk)
    assert_counts_agree(latin_home, index)

    event = EventPage.objects.get(slug="u-toku", locale__language_code="sr-latn")
    admin_post(editor, "move_confirm", event.pk, index.pk)
    assert_counts_agree(latin_home, index, moments=later)

    event = EventPage.objects.get(slug="uskoro", locale__language_code="sr-latn")
    admin_post(editor, "set_privacy", event.pk, restriction_type="login")
    assert_counts_agree(latin_home, index)
    admin_post(editor, "set_privacy", index.pk, restriction_type="login")
    assert_counts_agree(latin_home, index)
    admin_post(editor, "set_privacy", index.pk, restriction_type="none")
    admin_post(editor, "set_privacy", event.pk, restriction_type="none")
    assert_counts_agree(latin_home, index)

    admin_post(editor, "delete", event.pk)
    assert_counts_agree(latin_home, index)
    # An editor may not delete a section with events in it; an administrator may.
    administrator = CommittingClient(editor.capture)
    administrator.force_login(
        get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    )
    admin_post(administrator, "delete", index.pk)
    assert_counts_agree(latin_home)
    # No row is left for a page that is gone.
    assert set(ListedEventCount.objects.values_list("parent__title", flat=True)) <= {
        "Događaji",
        "Догађаји",
        "Events",
    }


@pytest.mark.django_db
def test_months_are_the_sites_whatever_the_editors_time_zone(editor, home_pages):
    first_hour = next_month_first_hour()
    save_event(editor, home_pages["sr-latn"], "prvog-u-mesecu", first_hour)

    months = set(ListedEventCount.objects.values_list("month", flat=True))

    assert months == {first_hour.strftime("%Y-%m")}
    assert_counts_agree(home_pages["sr-latn"])


@pytest.mark.django_db
def test_the_command_counts_everything_again_and_gives_the_same_rows(editor, home_pages):
    now = timezone.now()
    for number in range(3):
        save_event(editor, home_pages["sr-latn"], f"dogadjaj-{number}", now)

    def rows():
        return sorted(
            ListedEventCount.objects.values_list(
                "parent", "locale", "event_type", "venue", "month", "count", "first_end"
            )
        )

    kept = rows()
    ListedEventCount.objects.all().delete()
    ListedEventCount.objects.create(
        parent=home_pages["en"],
        locale=Locale.objects.get(language_code="en"),
        event_type="lecture",
        month="2001-01",
        count=5,
        first_end=now,
        last_end=now,
    )

    output = StringIO()
    call_command("recount_listed_events", stdout=output)

    assert rows() == kept
    assert output.getvalue() == f"{len(kept)} counts of events kept for the listings.\n"
    assert {row[1] for row in kept} == {
        Locale.objects.get(language_code=code).pk for code in ("sr-latn", "sr-cyrl")
    }


def listing_statements(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.context["listing"], [query["sql"] for query in queries.captured_queries]


def counting(statements):
    """The statements that count events one by one, and those that read the kept counts."""
    table = ListedEventCount._meta.db_table
    return (
        [sql for sql in statements if "COUNT(" in sql and table not in sql],
        [sql for sql in statements if table in sql],
    )


@pytest.mark.django_db
def test_the_listing_reads_the_kept_counts_and_counts_only_the_months_around_now(
    client, editor, home_pages
):
    home = home_pages["sr-latn"]
    now = timezone.now()
    for days in (-90, -60, 45, 75):
        save_event(editor, home, f"dogadjaj-{days + 100}", now + datetime.timedelta(days=days))

    listing, statements = listing_statements(client, "/sr-latn/?type=panel_discussion")

    assert (listing.total, len(listing.upcoming), len(listing.past)) == (4, 2, 2)
    counted, kept = counting(statements)
    # This month's upcoming events are counted, none of the others'.
    assert (len(counted), len(kept)) == (1, 1)
    assert counted[0].count('starts_at" >= ') == 1

    # One event over and one still on, starting the same day ten days ago: that month is
    # counted too.
    started = now - datetime.timedelta(days=10)
    save_event(editor, home, "zavrsena", started)
    save_event(editor, home, "u-toku", started, hours=24 * 14)

    listing, statements = listing_statements(client, "/sr-latn/?type=panel_discussion")

    assert (listing.total, len(listing.upcoming), len(listing.past)) == (6, 3, 3)
    counted, kept = counting(statements)
    started_month = timezone.localtime(started).strftime("%Y-%m")
    this_month = timezone.localtime(now).strftime("%Y-%m")
    assert (len(counted), len(kept)) == (1, 1)
    assert counted[0].count('starts_at" >= ') == len({started_month, this_month})


@pytest.mark.django_db
def test_saving_a_draft_counts_nothing_again_and_publishing_does(editor, home_pages):
    home = home_pages["sr-latn"]
    starts_at = timezone.now() + datetime.timedelta(days=3)
    save_event(editor, home, "dogadjaj", starts_at)
    table = ListedEventCount._meta.db_table

    def writes_to_counts(**fields):
        with CaptureQueriesContext(connection) as queries:
            save_event(editor, home, "dogadjaj", starts_at, **fields)
        return [
            query["sql"]
            for query in queries.captured_queries
            if table in query["sql"] and not query["sql"].startswith("SELECT")
        ]

    assert writes_to_counts(publish=False, event_type="workshop") == []
    assert writes_to_counts(event_type="workshop") != []
    assert set(ListedEventCount.objects.values_list("event_type", flat=True)) == {"workshop"}


@pytest.mark.django_db
def test_a_publish_counts_again_only_the_groups_its_event_leaves_and_joins(editor, home_pages):
    home = home_pages["sr-latn"]
    now = timezone.now()
    save_event(editor, home, "u-maju", now + datetime.timedelta(days=150))
    save_event(editor, home, "sledece-nedelje", now + datetime.timedelta(days=7))
    latin = Locale.objects.get(language_code="sr-latn")
    rows_before = dict(ListedEventCount.objects.filter(locale=latin).values_list("month", "pk"))

    save_event(editor, home, "sledece-nedelje", now + datetime.timedelta(days=40))

    rows_after = dict(ListedEventCount.objects.filter(locale=latin).values_list("month", "pk"))
    may = site_month(now + datetime.timedelta(days=150))
    # The other event's row was left as it was; the moved event's rows were counted again.
    assert rows_after[may] == rows_before[may]
    assert set(rows_after) == {may, site_month(now + datetime.timedelta(days=40))}
    assert_counts_agree(home)
