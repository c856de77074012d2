"""The API's router. A site includes it outside its language prefixes::

    from panel_event.outputs.api.urls import api_router

    urlpatterns = [path("api/v2/", api_router.urls), ...]

Events answer at ``/api/v2/events/``; docs/api.md describes what they hold.
"""

from django.urls import re_path
from wagtail.api.v2.router import WagtailAPIRouter

from .views import EventsAPIViewSet, no_such_endpoint


class EventsAPIRouter(WagtailAPIRouter):
    """Wagtail's router, answering any other path under it with a JSON 404 that names the
    endpoints, rather than leaving it to the site's page URLs."""

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), re_path(r"", no_such_endpoint)]


api_router = EventsAPIRouter("panel_event_api")
api_router.register_endpoint(EventsAPIViewSet.name, EventsAPIViewSet)
