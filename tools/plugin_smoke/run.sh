#!/usr/bin/env bash
# The plugin as a stranger gets it: build the wheel from this checkout's files, install it into a
# fresh virtualenv (versions from requirements.lock), make a site with `wagtail start`, add the
# three apps docs/plugin.md names to its INSTALLED_APPS, migrate, and run smoke_test.py through
# that site. Needs Python 3.11+ and the package registry; nothing else from this repository.
#
#     tools/plugin_smoke/run.sh            # KEEP=1 keeps the work folder for a look afterwards
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/tools/plugin_smoke"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/plugin-smoke.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; else echo "work folder: $WORK"; fi
# The site made below has its own settings; nothing from the calling environment may leak in.
unset DJANGO_SETTINGS_MODULE PYTHONPATH
PIP=(-m pip --disable-pip-version-check --quiet)
step() { printf -- '--- %s (%ss)\n' "$1" "$SECONDS"; }

step "copy the checkout's files"
# Tracked and new files only: a build/ folder or a module left behind in the working tree must
# not reach the wheel.
mkdir "$WORK/src"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
    | tar --null -T - -cf -) | tar -xf - -C "$WORK/src"

step "build the wheel"
"$PYTHON" -m venv "$WORK/venv"
PY="$WORK/venv/bin/python"
"$PY" "${PIP[@]}" wheel --no-deps "$WORK/src" -w "$WORK/dist"
WHEEL="$(ls "$WORK"/dist/*.whl)"
"$PY" "$HERE/check_wheel.py" "$WHEEL"

step "install it into a fresh virtualenv"
"$PY" "${PIP[@]}" install "$WHEEL" -c "$ROOT/requirements.lock"

step "make a site with wagtail start and add the plugin's apps"
mkdir "$WORK/site"
(cd "$WORK" && "$WORK/venv/bin/wagtail" start othersite site)
"$PY" "$HERE/add_apps.py" "$WORK/site/othersite/settings/base.py"

step "migrate"
cd "$WORK/site"
export DJANGO_SETTINGS_MODULE=othersite.settings.dev
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py check

step "smoke test through the site"
# Run from the site's folder, so `panel_event` can only come from the installed wheel.
cp "$HERE/smoke_test.py" "$WORK/site/"
"$PY" smoke_test.py
step "done"
