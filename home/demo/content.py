"""The demo's text and facts, kept in data files next to this module.

``demo_content.json`` holds everything the demo builds, in Serbian Latin, plus the English for
every Latin string. ``panel-discussion-announcement.sr-Latn.txt`` is the announcement the panel
discussion was made from, kept verbatim so tests can check the page against it.
"""

import json
from functools import cache
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
CONTENT_FILE = DEMO_DIR / "demo_content.json"
SEED_ANNOUNCEMENT_FILE = DEMO_DIR / "panel-discussion-announcement.sr-Latn.txt"


def _without_notes(value):
    """The data without the ``_note``-style keys that explain it to people."""
    if isinstance(value, dict):
        return {key: _without_notes(item) for key, item in value.items() if not key.startswith("_")}
    if isinstance(value, list):
        return [_without_notes(item) for item in value]
    return value


@cache
def demo_content():
    return _without_notes(json.loads(CONTENT_FILE.read_text(encoding="utf-8")))


def seed_announcement():
    return SEED_ANNOUNCEMENT_FILE.read_text(encoding="utf-8")
