"""The wheel holds the plugin alone, with what it needs at run time besides its Python code.

python check_wheel.py dist/wagtail_panel_event-0.1.0-py3-none-any.whl
"""

import sys
import zipfile

# Each of these must match at least one file in the wheel.
REQUIRED = {
    "templates": "panel_event/templates/panel_event/event_page.html",
    "static files": "panel_event/static/panel_event/",
    "compiled catalogues": ("panel_event/locale/", "/LC_MESSAGES/django.mo"),
    "migrations": "panel_event/migrations/0001_initial.py",
}
SITE_FOLDERS = ("home/", "cms_site/", "tests/", "bench/", "tools/", "templates/", "static/")


def problems(names):
    found = []
    for what, pattern in REQUIRED.items():
        if isinstance(pattern, tuple):
            matches = [n for n in names if n.startswith(pattern[0]) and n.endswith(pattern[1])]
        else:
            matches = [n for n in names if n.startswith(pattern)]
        if not matches:
            found.append(f"no {what} ({pattern})")
    strangers = [
        name
        for name in names
        if not name.startswith(("panel_event/", "wagtail_panel_event-"))
        or name.startswith(SITE_FOLDERS)
        or "__pycache__" in name
    ]
    found.extend(f"not the plugin's: {name}" for name in strangers)
    return found


if __name__ == "__main__":
    names = zipfile.ZipFile(sys.argv[1]).namelist()
    catalogues = sorted(n for n in names if n.endswith(".mo"))
    print(f"wheel: {len(names)} files; catalogues: {', '.join(catalogues)}")
    if errors := problems(names):
        raise SystemExit("wheel check FAILED:\n  " + "\n  ".join(errors))
    print("ok  the wheel holds panel_event with templates, static files, catalogues, migrations")
