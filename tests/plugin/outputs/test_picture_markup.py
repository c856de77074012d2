"""The plugin's ``{% picture %}`` writes what Wagtail's writes, also after the image changes,
though it keeps the markup it wrote (``panel_event/templatetags/panel_event_images.py``)."""

import pytest
from django.template import Context, Template

from tests.public_fixtures import image_file, make_image

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated_media")]

TAG = "{% picture image format-{webp,png} width-{60,120} class=css_class %}"
WAGTAIL = Template("{% load wagtailimages_tags %}" + TAG)
PLUGIN = Template("{% load wagtailimages_tags panel_event_images %}" + TAG)


def both(image, css_class="logo"):
    context = {"image": image, "css_class": css_class}
    return PLUGIN.render(Context(context)), WAGTAIL.render(Context(context))


def test_the_markup_is_wagtails_before_and_after_the_image_changes():
    image = make_image("Logo", "logo.png", size=(360, 120))
    first = both(image)
    again = both(image)
    other_class = both(image, css_class="partner__logo")

    image.title = "Novi logo"
    image.save()
    retitled = both(image)

    image.file = image_file("logo-2.png", size=(240, 240))
    image.width, image.height = 240, 240
    image.save()
    image.renditions.all().delete()
    new_file = both(image)

    for plugin, wagtail in (first, again, other_class, retitled, new_file):
        assert plugin == wagtail
    assert 'alt="Novi logo"' in retitled[0] and 'alt="Logo"' in first[0]
    assert 'height="60"' in new_file[0] and 'height="20"' in first[0]
