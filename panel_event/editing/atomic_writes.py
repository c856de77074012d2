"""One database transaction for every request that writes: a publish and what follows it.

Wagtail's page views publish without a transaction of their own, and the plugin writes the
version in the other Serbian script (``languages/script_sync``) from the ``page_published``
signal, after the source is already live. Run inside one transaction, a failure there rolls the
publish back too, so a source never goes live without its other script.

It does for writing requests what Django's ``ATOMIC_REQUESTS`` does for all of them; reads stay
outside a transaction, so a public page costs no extra statements.
"""

from django.db import transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    """Runs the view of every POST, PUT, PATCH or DELETE inside ``transaction.atomic()``.

    Place it after ``CsrfViewMiddleware``: it answers from ``process_view``, so view
    middleware listed below it is not consulted for writing requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or getattr(view_func, "_non_atomic_requests", ()):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
