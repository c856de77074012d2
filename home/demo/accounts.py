"""Demo accounts: a superuser, a communications editor and a translator.

Their groups are the plugin's editorial roles (``panel_event.editing.roles``), so the demo shows exactly
what a deployment grants. Passwords are never stored in the repository. A new account gets a
generated password, shown once; ``DEMO_ADMIN_PASSWORD`` / ``DEMO_EDITOR_PASSWORD`` /
``DEMO_TRANSLATOR_PASSWORD`` set a known one on every run instead.
"""

import os
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from panel_event.editing.roles import COMMUNICATIONS_EDITORS, TRANSLATORS, ensure_role_groups

# The demo's editors work in the admin in Serbian Latin, the site's source language.
SERBIAN_LATIN = "sr-latn"


@dataclass
class AccountReport:
    username: str
    description: str
    created: bool
    # Set only when the password was generated on this run; it is shown once and not kept.
    generated_password: str | None
    password_from: str | None  # the environment variable the password came from, if any


def ensure_account(
    username,
    email,
    description,
    password_variable,
    superuser=False,
    group=None,
    name=("", ""),
    admin_language="",
):
    """Create the account if it is missing, and set its password when asked to.

    An existing account keeps its password unless ``password_variable`` is set in the
    environment; it is never replaced by a new generated one. The name (first, last) and the
    admin language are given only to a new account: after that they are its owner's choice.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    created = user is None
    if created:
        user = user_model(username=username, email=email)
        user.first_name, user.last_name = name
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
    if created and admin_language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = admin_language
        profile.save()
    if group is not None:
        user.groups.add(group)
    return AccountReport(
        username=username,
        description=description,
        created=created,
        generated_password=generated,
        password_from=password_variable if password_from_env else None,
    )


def ensure_demo_accounts():
    """Create the role groups and the demo accounts; call it after the site's pages exist,
    since the groups get their page permissions on the site root in each language."""
    groups = ensure_role_groups()
    return [
        ensure_account(
            "admin",
            "admin@example.org",
            "superuser",
            "DEMO_ADMIN_PASSWORD",
            superuser=True,
            name=("Ana", "Jovanović"),
        ),
        ensure_account(
            "editor",
            "editor@example.org",
            f"member of “{COMMUNICATIONS_EDITORS}”",
            "DEMO_EDITOR_PASSWORD",
            group=groups[COMMUNICATIONS_EDITORS],
            name=("Jelena", "Marković"),
            admin_language=SERBIAN_LATIN,
        ),
        ensure_account(
            "translator",
            "translator@example.org",
            f"member of “{TRANSLATORS}”",
            "DEMO_TRANSLATOR_PASSWORD",
            group=groups[TRANSLATORS],
            name=("Nikola", "Petrović"),
            admin_language=SERBIAN_LATIN,
        ),
    ]
