"""Whether a page lies in a private section, tested inside the query that fetches the page.

Wagtail's ``PageQuerySet.public()`` first reads every view restriction (a query of its own) and
then filters on their paths. The expressions here make the same test a subquery of the query
that fetches the pages, so listings and the language switcher spend no extra query on it.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def _is_ancestor_or_self(relation):
    """``relation``'s path is a prefix of the outer page's path: it is that page or above it."""
    return Q(**{f"{relation}__path": Substr(OuterRef("path"), 1, Length(f"{relation}__path"))})


def in_private_section(include_alias_sources=False):
    """An ``Exists`` that is true for a page at or below a page with a view restriction.

    Without ``include_alias_sources`` it matches ``PageQuerySet.public()`` exactly. With it, it
    also counts the restrictions of the pages that an ancestor is an alias of, as
    ``Page.get_view_restrictions()`` does, so it is never false where Wagtail finds a restriction.
    """
    covers = _is_ancestor_or_self("page")
    if include_alias_sources:
        covers |= _is_ancestor_or_self("page__aliases")
    return Exists(PageViewRestriction.objects.filter(covers))
