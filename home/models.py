from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from panel_event.outputs.listing import EventListingMixin


class HomePage(EventListingMixin, Page):
    """The site's root page in each language; it lists the events."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome shown above the list of events.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    # The home page keeps one slug in every language; only its text is translated.
    override_translatable_fields = [SynchronizedField("slug")]

    template = "pages/home_page.html"
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["panel_event.EventPage", "panel_event.EventIndexPage"]

    class Meta:
        verbose_name = "home page"
