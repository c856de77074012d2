"""Artwork for the demo, drawn with Pillow so the demo ships no third-party images.

The drawings are deterministic: the same palette always gives the same picture. Each image is
known by its title, or else by the name its file was stored under, so an editor may rename it.
"""

import io
import math

from django.core.files.images import ImageFile
from django.db.models import Q
from PIL import Image, ImageChops, ImageDraw, ImageFont
from wagtail.images import get_image_model

# Read when drawing, so tests can draw small pictures that are quick to make renditions of.
HERO_SIZE = (1600, 900)
LOGO_SIZE = (480, 240)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def draw_hero(background, shapes, size=None):
    """A diagonal gradient with translucent circles and wavy bands, as a JPEG."""
    size = size or HERO_SIZE
    width, height = size
    start, end = (_rgb(colour) for colour in background)
    # A diagonal gradient: the average of a top-to-bottom and a left-to-right one.
    vertical = Image.linear_gradient("L").resize(size)
    horizontal = Image.linear_gradient("L").rotate(90).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    mask = ImageChops.add(vertical, horizontal.resize(size), scale=2)
    picture = Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)
    picture = picture.convert("RGBA")

    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    colours = [_rgb(colour) for colour in shapes]
    circles = [
        (0.78, 0.30, 0.30, 0),
        (0.62, 0.62, 0.18, 1),
        (0.18, 0.22, 0.12, 2),
        (0.90, 0.80, 0.10, 0),
    ]
    for x, y, radius, colour_index in circles:
        centre_x, centre_y, r = x * width, y * height, radius * height
        draw.ellipse(
            (centre_x - r, centre_y - r, centre_x + r, centre_y + r),
            fill=(*colours[colour_index % len(colours)], 120),
        )
    for band, (offset, amplitude, colour_index) in enumerate(
        [(0.70, 0.05, 1), (0.80, 0.04, 0), (0.90, 0.03, 2)]
    ):
        top = [
            (x, height * offset + amplitude * height * math.sin(x / width * 2 * math.pi + band))
            for x in range(0, width + 20, 20)
        ]
        polygon = [*top, (width, height), (0, height)]
        draw.polygon(polygon, fill=(*colours[colour_index % len(colours)], 110))
    picture = Image.alpha_composite(picture, overlay).convert("RGB")

    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer


def draw_logo(text, colour, size=None):
    """A simple mark: the acronym in white on a rounded rectangle, as a transparent PNG."""
    size = size or LOGO_SIZE
    width, height = size
    picture = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=height // 5, fill=_rgb(colour))
    # Pillow's bundled font scales since Pillow 10.1, so no system font is needed.
    font_size = int(height * 0.5)
    while font_size > 10:
        font = ImageFont.load_default(size=font_size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= width * 0.8:
            break
        font_size -= 4
    draw.text(
        ((width - (right - left)) / 2 - left, (height - (bottom - top)) / 2 - top),
        text,
        font=font,
        fill=(255, 255, 255),
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer


def _stored_under_demo_name(filename):
    """Images whose file was stored under ``filename`` (the storage may have added a suffix)."""
    stem, dot, extension = filename.rpartition(".")
    folder = "original_images/"
    return Q(file=f"{folder}{filename}") | Q(
        file__startswith=f"{folder}{stem}_", file__endswith=f"{dot}{extension}"
    )


def find_demo_image(title, filename):
    """The demo image with this title, or else the one still holding the demo's file (its
    title changed by an editor); None when neither is there."""
    images = get_image_model().objects.order_by("pk")
    return (
        images.filter(title=title).first()
        or images.filter(_stored_under_demo_name(filename)).first()
    )


def create_demo_image(title, filename, draw):
    image = get_image_model()(title=title, file=ImageFile(draw(), name=filename))
    image.save()
    return image


def restore_demo_image(image, title, filename, draw):
    """Put back the demo's title and drawing, and forget a focal point or description an
    editor set; True if anything had to change."""
    changed = False
    if image.title != title or image.description:
        image.title, image.description = title, ""
        changed = True
    if image.has_focal_point():
        image.set_focal_point(None)
        changed = True
    if not get_image_model().objects.filter(_stored_under_demo_name(filename), pk=image.pk):
        # The editor uploaded another file: draw the demo's picture again.
        image.file = ImageFile(draw(), name=filename)
        image._set_image_file_metadata()
        image.renditions.all().delete()
        changed = True
    if changed:
        image.save()
    return changed
