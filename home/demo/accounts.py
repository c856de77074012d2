"""Demo accounts: a superuser and a communications editor who can run the events section.

Passwords are never stored in the repository. A new account gets a generated password, shown
once; ``DEMO_ADMIN_PASSWORD`` / ``DEMO_EDITOR_PASSWORD`` set a known one on every run instead.
"""

import os
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

EDITOR_GROUP_NAME = "Communications editors"

# (app label, codename). Everything an editor needs to publish events and keep their partners,
# venues and transliteration rules; nothing about users, groups, sites or settings.
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("panel_event", "add_partnersnippet"),
    ("panel_event", "change_partnersnippet"),
    ("panel_event", "delete_partnersnippet"),
    ("panel_event", "add_venue"),
    ("panel_event", "change_venue"),
    ("panel_event", "delete_venue"),
    ("panel_event", "add_transliterationrule"),
    ("panel_event", "change_transliterationrule"),
    ("panel_event", "delete_transliterationrule"),
    ("wagtail_localize", "submit_translation"),
]
EDITOR_PAGE_PERMISSIONS = [
    ("wagtailcore", "add_page"),
    ("wagtailcore", "change_page"),
    ("wagtailcore", "publish_page"),
]
# "choose" lets the editor pick images and documents in the page editor's choosers.
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_editor_group(home_pages):
    """The "Communications editors" group, with page permissions on every home page given."""
    group, _created = Group.objects.get_or_create(name=EDITOR_GROUP_NAME)
    group.permissions.add(*(_permission(*key) for key in EDITOR_PERMISSIONS))
    for page in home_pages:
        for key in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_permission(*key)
            )
    root_collection = Collection.get_first_root_node()
    for key in EDITOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(*key)
        )
    return group


@dataclass
class AccountReport:
    username: str
    description: str
    created: bool
    # Set only when the password was generated on this run; it is shown once and not kept.
    generated_password: str | None
    password_from: str | None  # the environment variable the password came from, if any


def ensure_account(username, email, description, password_variable, superuser=False, group=None):
    """Create the account if it is missing, and set its password when asked to.

    An existing account keeps its password unless ``password_variable`` is set in the
    environment; it is never replaced by a new generated one.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    created = user is None
    if created:
        user = user_model(username=username, email=email)
    if superuser:
        user.is_staff = True
        user.is_superuser = True
    user.is_active = True

    password_from_env = os.environ.get(password_variable)
    generated = None
    if password_from_env:
        user.set_password(password_from_env)
    elif created:
        generated = secrets.token_urlsafe(12)
        user.set_password(generated)
    user.save()
    if group is not None:
        user.groups.add(group)
    return AccountReport(
        username=username,
        description=description,
        created=created,
        generated_password=generated,
        password_from=password_variable if password_from_env else None,
    )


def ensure_demo_accounts(home_pages):
    group = ensure_editor_group(home_pages)
    return [
        ensure_account(
            "admin",
            "admin@example.org",
            "superuser",
            "DEMO_ADMIN_PASSWORD",
            superuser=True,
        ),
        ensure_account(
            "editor",
            "editor@example.org",
            f"member of “{EDITOR_GROUP_NAME}”",
            "DEMO_EDITOR_PASSWORD",
            group=group,
        ),
    ]
