"""Finding an event from its URL in one query.

Wagtail routes a request one level at a time: it finds the child page by its slug, then fetches
the child's own fields in a second query, and before serving it reads the page's ancestors and
their view restrictions (two more). An event page also needs its language, venue and main image.
``EventParentMixin`` fetches all of that at once for a child that is an event.
"""

from django.apps import apps
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .public import known_privacy, with_restrictions_known


class EventParentMixin:
    """For pages that hold events (the home page, an events index).

    A child that is not an event is routed by Wagtail as usual, after one query that finds no
    event with that slug.
    """

    # Named by its label, as Wagtail names page types, so this module need not import the
    # models that use it.
    event_model = "panel_event.EventPage"

    def route(self, request, path_components):
        if path_components:
            event_model = apps.get_model(self.event_model)
            event = with_restrictions_known(
                event_model.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("locale", "venue", "hero_image")
            ).first()
            if event is not None:
                # As Wagtail's own routing does: treebeard's get_parent() reads this.
                event._cached_parent_obj = self
                return event.route(request, path_components[1:])
        return super().route(request, path_components)


class ViewRestrictionsMixin:
    """``get_view_restrictions()`` in one query, or none when routing found none can apply.

    Wagtail reads the page's ancestors first, to replace aliases by their source pages, then
    their restrictions. The ancestors' paths are prefixes of the page's own, so one query with
    a subquery gives the same restrictions.
    """

    def get_view_restrictions(self):
        if known_privacy(self) is False:
            return PageViewRestriction.objects.none()
        if not self.path:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        ancestors = Page.objects.filter(path__in=paths)
        # An alias page has no restrictions of its own; its source page's apply. Two subqueries
        # on the path index: an OR over a join on aliases would read the whole page table.
        return PageViewRestriction.objects.filter(
            Q(page__in=ancestors.filter(alias_of__isnull=True).values("pk"))
            | Q(page__in=ancestors.filter(alias_of__isnull=False).values("alias_of_id"))
        )
