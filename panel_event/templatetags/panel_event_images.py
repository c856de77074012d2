"""``{% picture %}`` as Wagtail's, with each tag's image filters parsed once, not per render.

Wagtail's picture tag builds its ``Filter`` objects anew every time it renders, and a filter
parses its spec into operations (through ``inspect.getcallargs``) on first use: an event page
with a main image and six partner logos parsed 33 operations per request, about a tenth of its
rendering time. A filter depends only on its spec, so the tag keeps them. Load this library
after ``wagtailimages_tags``; the tag's syntax and output are Wagtail's.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.models import Filter
from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

register = template.Library()


class FilterKeepingPictureNode(PictureNode):
    """Wagtail's ``PictureNode`` with its filters made once, when first rendered."""

    @cached_property
    def filters(self):
        return [Filter(spec=spec) for spec in Filter.expand_spec(self.filter_specs)]

    def get_filters(self):
        return self.filters


@register.tag
def picture(parser, token):
    node = image(parser, token)
    return FilterKeepingPictureNode(
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )
