"""reseau_images' `image` and `srcset_image` give Wagtail's HTML, with filters built once per template."""

from io import BytesIO

from django.core.files.images import ImageFile
from django.template import Context, Template
from PIL import Image as PILImage
from wagtail.images import get_image_model

TAGS = (
    '{% image photo fill-480x320 alt="" class="carte" %}',
    '{% srcset_image photo fill-{320x180,640x360} format-webp sizes="20rem" alt="" loading="lazy" %}',
)


def test_the_tags_render_as_wagtails_and_keep_their_filters(db):
    buffer = BytesIO()
    PILImage.new("RGB", (800, 600), (200, 120, 40)).save(buffer, "JPEG")
    photo = get_image_model().objects.create(title="Le comptoir", file=ImageFile(buffer, name="comptoir.jpg"))
    for tag in TAGS:
        wagtails = Template("{% load wagtailimages_tags %}" + tag)
        kept = Template("{% load wagtailimages_tags reseau_images %}" + tag)
        expected = wagtails.render(Context({"photo": photo}))
        assert kept.render(Context({"photo": photo})) == expected
        assert kept.render(Context({"photo": photo})) == expected
        node = kept.nodelist[-1]
        assert type(node).__name__.startswith("Kept")
        filters = node.get_filters() if hasattr(node, "get_filters") else node.get_filter()
        assert (node.get_filters() if hasattr(node, "get_filters") else node.get_filter()) is filters
