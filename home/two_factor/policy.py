"""Who must sign in to the admin with a second factor (``ADMIN_2FA_REQUIRED_FOR``)."""

from django.conf import settings


def two_factor_required(user):
    scope = settings.ADMIN_2FA_REQUIRED_FOR
    if scope == "superusers":
        return user.is_superuser
    if scope == "all":
        return user.has_perm("wagtailadmin.access_admin")
    return False
