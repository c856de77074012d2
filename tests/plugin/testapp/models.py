"""The one page type a site brings: a home page that lists the events below it."""

from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from panel_event.outputs.listing import EventListingMixin


class HomePage(EventListingMixin, Page):
    # The home page keeps one slug in every language; only its title is translated.
    override_translatable_fields = [SynchronizedField("slug")]

    template = "pages/home_page.html"
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
