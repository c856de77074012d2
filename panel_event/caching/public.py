"""Whether a page is public, and whether a response may be stored for everyone: decided here.

The routing, the language switcher, the listings and the page cache all ask this module and
pass nothing to each other. A page found by ``with_restrictions_known()`` (the routing) or
recorded by ``remember_privacy()`` (the language switcher) is known public or private without
a query; ``page_is_public()`` reads the view restrictions for any other page.
"""

from django.conf import settings
from django.db.models import BooleanField, Expression, F
from wagtail.models import Page, PageViewRestriction

# The annotation ``with_restrictions_known()`` adds, and the request attribute
# ``remember_privacy()`` sets: read only in this module.
_MAY_BE_RESTRICTED = "panel_event_may_be_restricted"
_PRIVACY_ATTRIBUTE = "_panel_event_privacy"

# Django sets these when a template asks for a CSRF token; the response will then set a cookie.
_CSRF_MARKERS = ("CSRF_COOKIE_NEEDS_UPDATE", "CSRF_COOKIE_USED")
_PASSED_RESTRICTIONS_SESSION_KEY = "passed_page_view_restrictions"


class InPrivateSection(Expression):
    """True for a page at or below a page with a view restriction, as one ``EXISTS``.

    Without ``include_alias_sources`` it matches ``PageQuerySet.public()`` exactly. With it, it
    also counts the restrictions of the pages that an ancestor is an alias of, as
    ``Page.get_view_restrictions()`` does, so it is never false where Wagtail finds a restriction.

    A restriction's page covers a page when its path is a prefix of the page's path. Written
    with Django's ``Exists``, ``OuterRef`` and ``Substr``, the same SQL took longer to compile,
    on every request, than the whole query took to run (about 1.5 ms of a routed event page's
    2 ms); this writes it directly, and only the outer page's path column is compiled.

    The test per page comes after one that there is any restriction at all: that one does not
    depend on the page, so the database runs it once per query, and on a site without private
    sections a listing's count of every event no longer looks up restrictions for each of them
    (docs/performance.md).
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, include_alias_sources=False, path=None):
        super().__init__(output_field=BooleanField())
        self.include_alias_sources = include_alias_sources
        self.path = path if path is not None else F("path")

    def get_source_expressions(self):
        return [self.path]

    def set_source_expressions(self, expressions):
        (self.path,) = expressions

    def as_sql(self, compiler, connection):
        path_sql, params = compiler.compile(self.path)
        quote = connection.ops.quote_name
        restrictions = quote(PageViewRestriction._meta.db_table)
        pages = quote(Page._meta.db_table)
        page_id = quote(PageViewRestriction._meta.get_field("page").column)
        alias_of_id = quote(Page._meta.get_field("alias_of").column)

        def covers(table):
            return f"{table}.path = SUBSTR({path_sql}, 1, LENGTH({table}.path))"

        # CROSS JOIN: SQLite then reads the restrictions first, a handful, and looks up each
        # one's page. With statistics on the pages table it otherwise chose to read every page
        # for each page tested (6 ms of a home page at 10,000 events, docs/performance.md).
        # PostgreSQL plans a CROSS JOIN with a join condition as the inner join it is.
        sql = (
            f"(EXISTS(SELECT 1 FROM {restrictions}) AND "
            f"EXISTS(SELECT 1 FROM {restrictions} restriction CROSS JOIN {pages} restricted"
        )
        joined = f"restriction.{page_id} = restricted.id"
        if self.include_alias_sources:
            sql += (
                f" LEFT OUTER JOIN {pages} alias ON restricted.id = alias.{alias_of_id}"
                f" WHERE {joined} AND ({covers('restricted')} OR {covers('alias')})))"
            )
            return sql, (*params, *params)
        return f"{sql} WHERE {joined} AND {covers('restricted')}))", tuple(params)


def in_private_section(include_alias_sources=False):
    """An expression that is true for a page at or below a page with a view restriction."""
    return InPrivateSection(include_alias_sources=include_alias_sources)


def with_restrictions_known(pages):
    """``pages`` with, on each page, whether a view restriction may apply to it, as
    ``Page.get_view_restrictions()`` would find; ``known_privacy()`` reads it."""
    return pages.annotate(**{_MAY_BE_RESTRICTED: in_private_section(include_alias_sources=True)})


def remember_privacy(request, page, private_by_page_id):
    """Record, for this request, whether each version of ``page`` lies in a private section."""
    if request is not None:
        setattr(request, _PRIVACY_ATTRIBUTE, (page.pk, private_by_page_id))


def known_privacy(page, request=None):
    """Whether ``page`` is private, if this request already found out; None otherwise."""
    may_be_restricted = getattr(page, _MAY_BE_RESTRICTED, None)
    if may_be_restricted is not None:
        return may_be_restricted
    remembered = getattr(request, _PRIVACY_ATTRIBUTE, None)
    if remembered is None or remembered[0] != page.pk:
        return None
    return remembered[1].get(page.pk)


def page_is_public(page, request):
    private = known_privacy(page, request)
    if private is not None:
        return not private
    return not page.get_view_restrictions().exists()


def _has_pending_messages(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def request_may_use_shared_copy(page, request):
    """Only anonymous visitors' plain GET/HEAD of a live page, never a preview."""
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or not page.live:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.get(_PASSED_RESTRICTIONS_SESSION_KEY):
        # This visitor entered a page password; what they see is not for everyone.
        return False
    return not _has_pending_messages(request)


def request_is_surely_anonymous(request):
    """Whether a request, before routing, is surely an anonymous visitor's plain GET or HEAD
    with nothing personal to show: no session (so no login and no page password), no messages."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    messages_cookie = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")
    return messages_cookie not in request.COOKIES


def response_may_be_shared(page, request, response):
    """Whether ``response`` to ``request`` for ``page`` may be stored and served to everyone."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if any(request.META.get(marker) for marker in _CSRF_MARKERS):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    return page_is_public(page, request)
