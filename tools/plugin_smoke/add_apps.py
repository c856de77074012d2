"""Add the plugin to a settings file made by `wagtail start`, as its documentation tells a site
owner to: three apps in INSTALLED_APPS, nothing else.

    python add_apps.py mysite/settings/base.py
"""

import sys
from pathlib import Path

PLUGIN_APPS = ["panel_event", "wagtail_localize", "wagtail_localize.locales"]
# wagtail start lists its own apps first; the plugin's go right after them, before Wagtail's.
ANCHOR = '    "search",\n'


def add_apps(settings_text):
    if ANCHOR not in settings_text:
        raise SystemExit(f"INSTALLED_APPS has no {ANCHOR.strip()!r} line to add the plugin after")
    lines = "".join(f'    "{app}",\n' for app in PLUGIN_APPS)
    return settings_text.replace(ANCHOR, ANCHOR + lines, 1)


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(add_apps(path.read_text()))
