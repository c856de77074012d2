"""The events as a read-only JSON API, built on Wagtail API v2 (docs/api.md).

``representation`` says how an event's fields read in JSON (``EventPage.api_fields`` uses it),
``filters`` the query parameters, ``views`` the endpoint, ``response_cache`` its HTTP caching,
``urls`` the router a site includes at ``api/v2/``.
"""
