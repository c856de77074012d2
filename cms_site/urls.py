from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms_site.views import favicon_ico, robots_txt
from panel_event.outputs.api.urls import api_router
from panel_event.outputs.sitemaps import MultilingualSitemap

# The admin, documents, the sitemap, robots.txt and the favicon are language-neutral, so they stay outside the
# language prefixes.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    # The read-only JSON API (docs/api.md): one answer for every language, chosen by ?locale=.
    path("api/v2/", api_router.urls),
    path("robots.txt", robots_txt),
    path("favicon.ico", favicon_ico),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under /sr-latn/, /sr-cyrl/ or /en/; LocaleMiddleware redirects "/"
# to the visitor's preferred language.
urlpatterns += i18n_patterns(
    # Wagtail's page URLs allow no dot, so an event's calendar file and a listing's calendar
    # subscription (the "calendar.ics" routes) need this pattern to reach Wagtail's serve view.
    re_path(r"^((?:[\w\-]+/)*calendar\.ics)$", wagtail_views.serve),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
