"""A sitemap of every live page in every content language, each with its hreflang alternates.

Wagtail's own sitemap walks the site's root page, which is one language's tree; translations
live in sibling trees. This one lists the pages under every translation of the root and links
the language versions of each page to one another, as search engines ask.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from ..languages.codes import bcp47_tag


class MultilingualSitemap(Sitemap):
    """Use with ``wagtail.contrib.sitemaps.views.sitemap``, which passes the request in."""

    def site_roots(self):
        site = self.get_wagtail_site()
        return list(site.root_page.get_translations(inclusive=True).live())

    def items(self):
        roots = self.site_roots()
        if not roots:
            return Page.objects.none()
        under_a_root = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def alternates_for(self, pages):
        """{translation key: [(language code, full URL), ...]} for the live versions of
        ``pages``, in one query whatever their number."""
        versions = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={page.translation_key for page in pages})
            .select_related("locale")
            .order_by("locale__language_code")
        )
        alternates = {}
        for version in versions:
            url = version.get_full_url(self.request)
            if url:
                alternates.setdefault(version.translation_key, []).append(
                    (version.locale.language_code, url)
                )
        return alternates

    def _urls(self, page, protocol, domain):
        # Same contract as Wagtail's Sitemap._urls, plus the alternates Django's sitemap.xml
        # template already knows how to render.
        pages = list(self.paginator.page(page).object_list)
        alternates = self.alternates_for(pages)
        default_language = Locale.get_default().language_code
        urls = []
        for item in pages:
            versions = alternates.get(item.translation_key, [])
            links = [
                {"lang_code": bcp47_tag(language_code), "location": url}
                for language_code, url in versions
            ]
            default_url = dict(versions).get(default_language)
            if len(versions) > 1 and default_url:
                links.append({"lang_code": "x-default", "location": default_url})
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "alternates": links if len(versions) > 1 else []})
        lastmods = [url_info.get("lastmod") for url_info in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
