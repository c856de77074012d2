from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site home"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the site's system checks)
            signals,  # noqa: F401  (the sign-in and audit log receivers)
        )
