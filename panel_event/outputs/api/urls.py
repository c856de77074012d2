"""The API's router. A site includes it outside its language prefixes::

    from panel_event.outputs.api.urls import api_router

    urlpatterns = [path("api/v2/", api_router.urls), ...]

Events answer at ``/api/v2/events/``; docs/api.md describes what they hold.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from .views import EventsAPIViewSet

api_router = WagtailAPIRouter("panel_event_api")
api_router.register_endpoint(EventsAPIViewSet.name, EventsAPIViewSet)
