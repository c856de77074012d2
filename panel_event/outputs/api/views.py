"""The events endpoint: Wagtail's pages endpoint narrowed to live, public events, read-only.

Why an endpoint of its own rather than Wagtail's ``pages``: the generic endpoint would publish
every page type a site has (home pages, forms) with whatever fields they expose, and it decides
privacy per user, so a logged-in reader's answer would differ from everyone else's and could
not be shared from a cache. Here every answer is the public one, the same for all, in the
plugin's one definition of public (``caching.public``).
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.functional import classproperty
from rest_framework.renderers import JSONRenderer
from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Locale, Page, Site

from ...caching.public import in_private_section
from .filters import (
    LARGEST_INTEGER,
    CheckedFieldsFilter,
    EventLocaleFilter,
    EventPagination,
    WhenFilter,
    checked_filter_value,
)
from .representation import content_language_codes, prepare_events
from .response_cache import UNPREFIXED_URLCONF, cached_api_view

EVENT_PAGE = "panel_event.EventPage"
# Readers of an API want links that work; database HTML would give page ids instead.
DEFAULT_RICH_TEXT_FORMAT = APIRichText.FORMAT_HTML
SCRIPT_SAFE_ESCAPES = {b"<": b"\\u003c", b">": b"\\u003e", b"&": b"\\u0026"}


def in_site(site):
    """True for pages in ``site``'s tree or in its root page's translations' trees."""
    root = Page.objects.filter(pk=site.root_page_id)
    return Exists(
        Page.objects.filter(
            translation_key=Subquery(root.values("translation_key")[:1]),
            path=Substr(OuterRef("path"), 1, Length("path")),
        )
    )


def no_such_endpoint(request, *args, **kwargs):
    """A path under the API that names no endpoint: JSON, and never redirected elsewhere."""
    events = request.build_absolute_uri(reverse("panel_event_api:events:listing"))
    response = JsonResponse({"message": f"no such endpoint; the events are at {events}"})
    response.status_code = 404
    request.urlconf = UNPREFIXED_URLCONF
    return response


class ScriptSafeJSONRenderer(JSONRenderer):
    """JSON whose ``<``, ``>`` and ``&`` are ``\\u`` escapes: the same strings to any JSON
    parser, but a value echoed from the query string can never read as markup, even to a
    client that sniffs the content."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rendered = super().render(data, accepted_media_type, renderer_context)
        # Outside strings JSON has none of these characters, so every one replaced is in a string.
        for character, escape in SCRIPT_SAFE_ESCAPES.items():
            rendered = rendered.replace(character, escape)
        return rendered


class EventsAPIViewSet(PagesAPIViewSet):
    """Live, public events of the request's site: ``/api/v2/events/`` and ``/<id>/``."""

    name = "events"
    renderer_classes = [ScriptSafeJSONRenderer]
    pagination_class = EventPagination
    # The answer never depends on who asks, so the session is not read and no login is offered.
    authentication_classes = []
    filter_backends = [
        CheckedFieldsFilter,
        EventLocaleFilter,
        WhenFilter,
        OrderingFilter,
    ]
    # No ``search``: Wagtail's search backends would match Serbian in one script only, and the
    # site's search pages do better (any script, with or without diacritics).
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["type", "locale", "when"]
    ) - {"search", "search_operator"}
    find_query_parameters = PagesAPIViewSet.find_query_parameters
    meta_fields = [
        "type",
        "detail_url",
        "html_url",
        "slug",
        "locale",
        "search_description",
        "first_published_at",
        "last_published_at",
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "html_url",
        "slug",
        "locale",
        "title",
        "event_type",
        "intro",
        "starts_at",
        "ends_at",
        "time_zone",
        "status",
        "attendance_mode",
        "venue",
        "translations",
    ]
    nested_default_fields = ["id", "type", "detail_url", "title"]
    detail_only_fields = []

    @classproperty
    def model(cls):
        return apps.get_model(EVENT_PAGE)

    def get_base_queryset(self):
        """Live events outside any private section, in the request's site."""
        site = Site.find_for_request(self.request)
        if site is None:
            return self.model.objects.none()
        return (
            self.model.objects.live()
            .exclude(in_private_section())
            .filter(in_site(site))
            .select_related("locale", "venue")
        )

    def get_queryset(self):
        self.check_type_parameter()
        return self.get_base_queryset()

    def check_type_parameter(self):
        """``type`` selects a page type in Wagtail's API; here there is one, so only it is
        accepted. The kind of event is ``event_type``."""
        requested = self.request.GET.get("type")
        if requested is not None and requested.lower() != EVENT_PAGE.lower():
            raise BadRequestError(
                f"this endpoint lists only {EVENT_PAGE} pages; "
                "filter by the kind of event with event_type"
            )

    def get_object(self):
        # The base queryset's own event, with its venue and locale; no second, specific query.
        if not hasattr(self, "_cached_object"):
            if abs(self.kwargs["pk"]) > LARGEST_INTEGER:
                raise Http404("no such event")  # no database column holds it
            self._cached_object = BaseAPIViewSet.get_object(self)
        return self._cached_object

    def find_object(self, queryset, request):
        """``?id=`` or ``?html_path=``, the path as the site shows it, language prefix and all
        (``/en/some-event/``)."""
        if "html_path" in request.GET:
            return self.find_by_html_path(queryset, request, request.GET["html_path"])
        if "id" in request.GET:
            checked_filter_value(self.model._meta.pk, "id", request.GET["id"])
            return queryset.filter(id=request.GET["id"]).first()
        return None

    def find_by_html_path(self, queryset, request, html_path):
        site = Site.find_for_request(request)
        components = [component for component in html_path.split("/") if component]
        if site is None or not components:
            return None
        root = site.root_page
        try:
            if components[0].lower() in content_language_codes():
                locale = Locale.objects.get_for_language(components[0].lower())
                root = root.get_translation(locale)
                components = components[1:]
            page, _args, _kwargs = root.specific.route(request, components)
        except (Http404, Locale.DoesNotExist, Page.DoesNotExist):
            return None
        return queryset.filter(pk=page.pk).first()

    def paginate_queryset(self, queryset):
        page_of_events = list(super().paginate_queryset(queryset))
        prepare_events(page_of_events)
        return page_of_events

    def detail_view(self, request, pk):
        prepare_events([self.get_object()])
        return super().detail_view(request, pk)

    def resolve_rich_text_format(self):
        raw = self.request.GET.get("rich_text_format") or DEFAULT_RICH_TEXT_FORMAT
        try:
            return APIRichText.resolve_format(raw)
        except RichTextFormatError as error:
            raise BadRequestError(str(error)) from error

    def initial(self, request, *args, **kwargs):
        # Before any filter reads them: no database takes a NUL byte in a string.
        if any("\x00" in name + value for name, value in request.GET.items()):
            raise BadRequestError("null characters are not allowed in query parameters")
        if "search" in request.GET:
            raise BadRequestError("search is not offered here; the site's search pages find events")
        super().initial(request, *args, **kwargs)

    @classmethod
    def get_urlpatterns(cls):
        """Listing, detail and find, each answered from the response cache when it can be."""
        return [
            path("", cached_api_view(cls.as_view({"get": "listing_view"})), name="listing"),
            path("<int:pk>/", cached_api_view(cls.as_view({"get": "detail_view"})), name="detail"),
            path("find/", cached_api_view(cls.as_view({"get": "find_view"})), name="find"),
        ]
