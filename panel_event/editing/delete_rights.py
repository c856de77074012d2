"""Deleting an event page is the right of those who hold "Can delete event page".

Wagtail lets anyone who may edit and publish a page without children delete it, so a translator,
who edits and publishes the translated pages, could delete a translated event. Here deleting an
event page also takes the model permission ``panel_event.delete_eventpage``, which the editors'
role holds (``roles``) and administrators have anyway. ``EventPage.permissions_for_user``
answers with this tester, so the delete view, the bulk delete and every delete button of the
admin follow it. The permission is offered in the admin's group editor, for a site's own groups.
"""

from django.contrib.auth.models import Permission
from wagtail import hooks
from wagtail.models import PagePermissionTester

DELETE_EVENT_PAGE = "panel_event.delete_eventpage"


class EventPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with deleting kept to holders of ``DELETE_EVENT_PAGE``."""

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and (
            self.user.is_superuser or self.user.has_perm(DELETE_EVENT_PAGE)
        )


@hooks.register("register_permissions")
def offer_delete_event_page_permission():
    app_label, codename = DELETE_EVENT_PAGE.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
