"""The plugin's settings: each one's name, default and meaning, read through ``plugin_settings``.

A site sets them in its Django settings. The plugin reads them only here, at the moment it
needs them, so a changed setting (in a test, say) takes effect at once. Only the page types an
event may be created under are read once, when the models load.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Setting:
    default: object
    meaning: str


PREFIX = "PANEL_EVENT_"

SETTINGS = {
    "PARENT_PAGE_TYPES": Setting(
        None,
        "Page types an event may be created under, as 'app_label.ModelName'; None allows any "
        "page type but an event.",
    ),
    "AUTO_TRANSLITERATE": Setting(
        True,
        "Write the version in the other Serbian script whenever Serbian content is published, "
        "Cyrillic from Latin and Latin from Cyrillic (needs the sr-latn and sr-cyrl locales).",
    ),
    "PAGE_CACHE_ALIAS": Setting(
        "default",
        "The entry of CACHES that holds rendered pages; shared by all workers when there are several.",
    ),
    "PAGE_CACHE_TIMEOUT": Setting(
        600,
        "The longest a rendered page is kept, in seconds; 0 turns the page cache off.",
    ),
    "LANGUAGE_LABELS": Setting(
        {},
        "{language code: label} for the language switcher, over the built-in Latinica, "
        "Ћирилица and English; other languages get Django's local name.",
    ),
    "OPEN_GRAPH_LOCALES": Setting(
        {},
        "{language code: Open Graph locale} over the built-in sr_RS and en_GB.",
    ),
    "SUBSCRIPTION_PAST_DAYS": Setting(
        90,
        "How many days after it ends an event stays in the calendar subscription of the page "
        "that lists it.",
    ),
    "FEED_MAX_ITEMS": Setting(
        50,
        "The most events an RSS or Atom feed holds: the most recently announced, past or upcoming.",
    ),
    "SUBSCRIPTION_MAX_EVENTS": Setting(
        500,
        "The most events a calendar subscription holds, the soonest upcoming first, then the "
        "most recently ended: calendar applications refuse very large files, and each event "
        "takes a few milliseconds to write.",
    ),
}


class PluginSettings:
    """``plugin_settings.PAGE_CACHE_TIMEOUT`` is ``settings.PANEL_EVENT_PAGE_CACHE_TIMEOUT`` if
    the site sets it, else its default."""

    def __getattr__(self, name):
        try:
            setting = SETTINGS[name]
        except KeyError:
            raise AttributeError(f"{PREFIX}{name} is not a setting of the plugin") from None
        return getattr(settings, PREFIX + name, setting.default)


plugin_settings = PluginSettings()
