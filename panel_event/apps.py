from django.apps import AppConfig


class PanelEventConfig(AppConfig):
    name = "panel_event"
    label = "panel_event"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .languages import checks  # noqa: F401  (checks register themselves)
        from .languages.wagtail_labels import translate_wagtail_labels_per_request

        signals.connect()
        translate_wagtail_labels_per_request()
