"""The test site's URLconf: the admin, documents, the sitemap, the JSON API and Wagtail's page
URLs under a language prefix, plus the optional pattern that lets an event's calendar file end
in ".ics"."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from panel_event.outputs.api.urls import api_router
from panel_event.outputs.sitemaps import MultilingualSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    path("api/v2/", api_router.urls),
]
urlpatterns += i18n_patterns(
    re_path(r"^((?:[\w\-]+/)*calendar\.ics)$", wagtail_views.serve),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
