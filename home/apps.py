from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site home"

    def ready(self):
        from . import checks  # noqa: F401  (registers the site's system checks)
