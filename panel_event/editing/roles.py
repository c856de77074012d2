"""The editorial roles, as Wagtail groups: ``ensure_role_groups()`` creates them or brings them
back to this definition. A site calls it; the plugin never does. What each role may do:
docs/architecture.md, "Roles".
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

COMMUNICATIONS_EDITORS = "Communications editors"
TRANSLATORS = "Translators"

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
SUBMIT_TRANSLATION = ["wagtail_localize.submit_translation"]
# Translators read partners and venues in every language and translate them into their own;
# translation_hooks keeps their "change" to the languages they work in.
TRANSLATED_SNIPPET_PERMISSIONS = [
    f"panel_event.{action}_{model}"
    for model in ("partnersnippet", "venue")
    for action in ("view", "change")
]
# Wagtail would let anyone who edits and publishes a page delete it; deleting an event takes this
# too (delete_rights), and only editors hold it.
DELETE_EVENT_PAGE = ["panel_event.delete_eventpage"]
SNIPPET_PERMISSIONS = [
    f"panel_event.{action}_{model}"
    for model in ("partnersnippet", "venue", "transliterationrule")
    for action in ("add", "change", "delete")
]

ROLES = {
    COMMUNICATIONS_EDITORS: {
        "permissions": ADMIN_ACCESS + SUBMIT_TRANSLATION + SNIPPET_PERMISSIONS + DELETE_EVENT_PAGE,
        "page_permissions": ["add_page", "change_page", "publish_page"],
        "source_locale": True,
        # With "add" on a collection Wagtail also lets the uploader edit and delete their own
        # files; "change" covers everyone's. Deleting others' files is left to administrators.
        "collection_permissions": [
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ],
    },
    TRANSLATORS: {
        "permissions": ADMIN_ACCESS + SUBMIT_TRANSLATION + TRANSLATED_SNIPPET_PERMISSIONS,
        "page_permissions": ["change_page", "publish_page"],
        "source_locale": False,
        "collection_permissions": ["wagtailimages.choose_image", "wagtaildocs.choose_document"],
    },
}


def _permission(dotted_name):
    app_label, codename = dotted_name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def site_root_pages(include_source_locale=True):
    """Every Site's root page in every language it is translated into."""
    roots = Page.objects.none()
    for site in Site.objects.select_related("root_page"):
        roots |= site.root_page.get_translations(inclusive=True)
    if not include_source_locale:
        roots = roots.exclude(locale=Locale.get_default())
    return list(roots.select_related("locale").order_by("path"))


@transaction.atomic
def ensure_role_groups():
    """Create or update the role groups; returns ``{group name: Group}``.

    Call it again after adding a language or a site: page permissions are granted on the site
    root pages that exist at the time of the call.
    """
    groups = {}
    root_collection = Collection.get_first_root_node()
    for group_name, role in ROLES.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.set([_permission(name) for name in role["permissions"]])

        pages = site_root_pages(include_source_locale=role["source_locale"])
        page_permissions = [_permission(f"wagtailcore.{name}") for name in role["page_permissions"]]
        wanted = {(page.pk, permission.pk) for page in pages for permission in page_permissions}
        existing = GroupPagePermission.objects.filter(group=group)
        existing.exclude(
            pk__in=[
                grant.pk for grant in existing if (grant.page_id, grant.permission_id) in wanted
            ]
        ).delete()
        for page_id, permission_id in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission_id=permission_id
            )

        collection_permissions = [_permission(name) for name in role["collection_permissions"]]
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=collection_permissions
        ).delete()
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        groups[group_name] = group
    return groups
