"""ASGI entry point. Production servers set DJANGO_SETTINGS_MODULE=cms_site.settings.production."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.dev")

application = get_asgi_application()
