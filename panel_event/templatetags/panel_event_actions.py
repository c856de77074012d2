"""What the admin's confirmation screens show about a page's other language versions."""

from django import template

from ..languages.copy_sync import copy_usage, generated_copy
from ..languages.translation_actions import (
    APPLY_FIELD,
    CHOICES_SHOWN_FIELD,
    DELETE,
    UNPUBLISH,
    offered_translations,
)

register = template.Library()


@register.inclusion_tag("panel_event/admin/translation_choices.html")
def translation_choices(page, action):
    """Checkboxes, ticked, to take ``action`` on the page's human translations too."""
    return {
        "translations": offered_translations(page, action),
        "action": action,
        "choices_shown_field": CHOICES_SHOWN_FIELD,
        "apply_field": APPLY_FIELD,
    }


@register.inclusion_tag("panel_event/admin/pages_going_with_it.html")
def pages_going_with_it(page, action):
    """Every page the action takes with it besides the page itself: for a deletion, the page's
    subpages, its generated copy and the copy's subpages; for unpublishing, the live copy."""
    copy = generated_copy(page)
    if action == UNPUBLISH:
        pages = [copy] if copy is not None and copy.live else []
    elif action == DELETE:
        pages = list(page.get_descendants().specific())
        if copy is not None:
            pages += list(copy.get_descendants(inclusive=True).specific())
    else:
        pages = []
    return {"pages_going_with_it": pages, "action": action}


@register.simple_tag
def snippet_copy_usage(snippet):
    """Where the generated copy of a partner or venue is used, shown before it is deleted:
    ``{"copy", "copy_usage", "copy_is_protected"}``, or None when it has no copy."""
    found = copy_usage(snippet)
    if found is None:
        return None
    copy, usage = found
    return {"copy": copy, "copy_usage": list(usage), "copy_is_protected": usage.is_protected}
