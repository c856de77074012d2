"""An empty URLconf, named by API responses as theirs (``request.urlconf``) once answered.

A site whose pages are under ``i18n_patterns`` has Django's ``LocaleMiddleware`` redirect any
404 outside them to the same path under a language prefix, where Wagtail's catch-all page
pattern accepts it: a program asking for a private or deleted event would be sent to an HTML
page. With no language patterns in this URLconf, an API 404 stays a JSON 404.
"""

urlpatterns = []
