"""``{% picture %}`` as Wagtail's, with each tag's image filters parsed once, not per render, and
the markup of a set of renditions written once per process.

Wagtail's picture tag builds its ``Filter`` objects anew every time it renders, and a filter
parses its spec into operations (through ``inspect.getcallargs``) on first use: an event page
with a main image and six partner logos parsed 33 operations per request, about a tenth of its
rendering time. A filter depends only on its spec, so the tag keeps them.

Writing the ``<picture>`` element (every rendition's URL from the storage, ``srcset`` and
``<source>`` per format) then took as long again. It depends only on the renditions (their
files and sizes), the image's alternative text, the storage's address and the tag's
attributes, so the tag keeps the markup under exactly those: a new rendition, file or text is
a new key, and nothing goes stale. Load this library after ``wagtailimages_tags``; the tag's syntax and output are
Wagtail's.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

register = template.Library()

# Markup by what it is made of; emptied when full, which a site's images rarely fill.
MARKUP_CACHE_SIZE = 2000
_markup = {}


def _markup_key(renditions, attrs):
    """What the markup depends on, or None when an attribute's value cannot be a key."""
    first = next(iter(renditions.values()))
    key = (
        tuple(
            (spec, rendition.file.name, rendition.width, rendition.height)
            for spec, rendition in renditions.items()
        ),
        first.alt,
        # The storage's address for files (MEDIA_URL, a bucket's), once.
        first.url,
        tuple(attrs.items()),
    )
    try:
        hash(key)
    except TypeError:
        return None
    return key


class FilterKeepingPictureNode(PictureNode):
    """Wagtail's ``PictureNode`` with its filters made once, when first rendered, and its markup
    kept per set of renditions and attributes."""

    @cached_property
    def filters(self):
        return [Filter(spec=spec) for spec in Filter.expand_spec(self.filter_specs)]

    def get_filters(self):
        return self.filters

    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        key = _markup_key(renditions, attrs)
        markup = _markup.get(key) if key is not None else None
        if markup is None:
            markup = Picture(renditions, dict(attrs)).__html__()
            if key is not None:
                if len(_markup) >= MARKUP_CACHE_SIZE:
                    _markup.clear()
                _markup[key] = markup
        return markup


@register.tag
def picture(parser, token):
    node = image(parser, token)
    return FilterKeepingPictureNode(
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )
