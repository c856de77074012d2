from django import template

from panel_event.languages import bcp47_tag

register = template.Library()


@register.filter
def bcp47(language_code):
    """``{{ LANGUAGE_CODE|bcp47 }}`` gives ``sr-Latn`` for ``sr-latn``."""
    return bcp47_tag(language_code or "")
