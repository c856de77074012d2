"""The plugin's settings are all defined in panel_event.conf and read only through it."""

import re
from pathlib import Path

import panel_event
from panel_event.conf import PREFIX, SETTINGS, plugin_settings

PACKAGE = Path(panel_event.__file__).parent
SETTING_NAME = re.compile(rf"\b{PREFIX}([A-Z_]+)\b")


def plugin_sources():
    return [path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts]


def test_every_setting_the_plugin_names_is_defined_in_conf():
    named = {name for path in plugin_sources() for name in SETTING_NAME.findall(path.read_text())}
    assert named - set(SETTINGS) == set()


def test_only_conf_reads_the_plugin_settings_from_django():
    readers = sorted(
        str(path.relative_to(PACKAGE))
        for path in plugin_sources()
        if path.name != "conf.py"
        and re.search(rf"settings, \"{PREFIX}|settings\.{PREFIX}", path.read_text())
    )
    assert readers == []


def test_a_setting_the_site_leaves_out_has_its_default(settings):
    del settings.PANEL_EVENT_PAGE_CACHE_TIMEOUT
    assert plugin_settings.PAGE_CACHE_TIMEOUT == SETTINGS["PAGE_CACHE_TIMEOUT"].default == 600


def test_a_setting_the_site_sets_is_read_when_asked(settings):
    settings.PANEL_EVENT_LANGUAGE_LABELS = {"en": "In English"}
    assert plugin_settings.LANGUAGE_LABELS == {"en": "In English"}
