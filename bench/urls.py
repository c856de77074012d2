"""The site's URLs plus one static file, served by the same Django and middleware.

``/bench-static/css/site.css`` is the comparison point for throughput: a request that touches
no database and renders nothing, through the same gunicorn workers and middleware stack.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from cms_site.urls import urlpatterns as site_urlpatterns

STATIC_FILE_URL = "/bench-static/css/site.css"

urlpatterns = [
    re_path(r"^bench-static/(?P<path>.*)$", serve, {"document_root": settings.STATICFILES_DIRS[0]}),
    *site_urlpatterns,
]
