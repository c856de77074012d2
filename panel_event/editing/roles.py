"""The editorial roles, as Wagtail groups.

``ensure_role_groups()`` creates the groups or brings them back to this definition; it is safe to
run any number of times (the demo loader and the tests call it; a deployment can call it from a
shell or its own data migration). Permissions a group has beyond this definition are removed, so
the code stays the one place that says what each role may do.

Communications editors run the events: they write, publish and delete event pages in every
language, manage partners, venues, transliteration rules, images and documents, and start
translations.

Translators work on translations only. The source language (the default locale, Serbian Latin)
stays out of their reach: they edit and publish pages in the other languages' trees, including
through wagtail-localize's translation editor, and may start or sync translations, which always
start from the original (``translation_views``). They read an original through the page's
"Original" button, and partners and venues in every language through the snippet listings;
they change partners and venues only in their own languages (``translation_hooks``). They do
not create pages or snippets of their own. Note that Wagtail lets anyone who may edit a page
without children delete it, so a translator can delete a translated event page; a site's home
page in any language only an administrator may delete (``wagtail_hooks.keep_site_root_pages``).

There is no "Moderators" role: the team publishes directly and uses no approval workflow. No
one would act on a submission, so workflows are switched off (``WAGTAIL_WORKFLOW_ENABLED =
False`` in the site's settings): the page editor offers no "Submit to Moderators approval", and
Publish is the main button for whoever may publish (``editor_hooks``). Wagtail's own default
groups ("Editors", "Moderators") and its default "Moderators approval" workflow are left as
Wagtail created them; assign no one to them.
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
SNIPPET_PERMISSIONS = [
    f"panel_event.{action}_{model}"
    for model in ("partnersnippet", "venue", "transliterationrule")
    for action in ("add", "change", "delete")
]

ROLES = {
    COMMUNICATIONS_EDITORS: {
        "permissions": ADMIN_ACCESS + SUBMIT_TRANSLATION + SNIPPET_PERMISSIONS,
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
