"""Two-factor sign-in to the admin with a TOTP app (docs/security.md).

``ADMIN_2FA_REQUIRED_FOR`` says who must use it: ``"nobody"`` (anyone may still turn it on from
Account > More actions), ``"superusers"``, or ``"all"``, every account that can sign in to the
admin, editors and translators included. Production requires it at least of superusers.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ADMIN_2FA_SCOPES = ("nobody", "superusers", "all")
ADMIN_2FA_REQUIRED_FOR = "nobody"


# django-otp calls this setting with the device being set up.
def OTP_TOTP_ISSUER(device):
    """The name an authenticator app shows above the account: the site's, with its host name,
    so that a staging site's entry is not mistaken for production's."""
    from django.conf import settings

    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
    return f"{settings.WAGTAIL_SITE_NAME} ({host})" if host else settings.WAGTAIL_SITE_NAME


def admin_2fa_required_for(environ, default, allow_nobody=True):
    """``ADMIN_2FA_REQUIRED_FOR`` from the environment, checked against the scopes."""
    value = (environ.get("ADMIN_2FA_REQUIRED_FOR") or default).strip().lower()
    allowed = ADMIN_2FA_SCOPES if allow_nobody else ADMIN_2FA_SCOPES[1:]
    if value not in allowed:
        raise ImproperlyConfigured(
            f"ADMIN_2FA_REQUIRED_FOR is {value!r}; it must be one of: {', '.join(allowed)}."
        )
    return value
