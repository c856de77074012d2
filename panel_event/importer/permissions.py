"""Who may import announcements, and under which pages.

Importing creates an event page, so it needs exactly what the page editor needs: permission to
add pages under the parent, and a parent whose type may hold events.
"""

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..models import EventPage


def can_import_under(user, page) -> bool:
    return EventPage.can_create_at(page) and page.permissions_for_user(user).can_add_subpage()


def import_parent_pages(user):
    """Pages in any locale that can hold events and that ``user`` may add pages under."""
    pages = Page.objects.type(*EventPage.allowed_parent_page_models())
    if not user.is_superuser:
        pages = pages.filter(
            pk__in=PagePermissionPolicy()
            .instances_user_has_permission_for(user, "add")
            .values("pk")
        )
    return pages.select_related("locale").order_by("path")
