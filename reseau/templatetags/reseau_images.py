"""Wagtail's `image` and `srcset_image` tags, keeping their filters: Wagtail builds a new Filter for each
image it renders, and a Filter works its operations out by inspecting each operation's signature (a few
hundred function calls a spec). A tag's specs never change once its template is parsed, so its nodes keep
the Filter objects they built. Load it after Wagtail's: `{% load wagtailimages_tags reseau_images %}`."""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, SrcsetImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

register = template.Library()


class KeptFilterImageNode(ImageNode):
    def get_filter(self):
        if not hasattr(self, "_kept_filter"):
            self._kept_filter = super().get_filter()
        return self._kept_filter


class KeptFiltersSrcsetImageNode(SrcsetImageNode):
    def get_filters(self):
        if not hasattr(self, "_kept_filters"):
            self._kept_filters = super().get_filters()
        return self._kept_filters


KEEPING = {ImageNode: KeptFilterImageNode, SrcsetImageNode: KeptFiltersSrcsetImageNode}


def image(parser, token) -> ImageNode:
    """Wagtail's parsing of the tag, into the node that keeps its filters."""
    node = parse_image_tag(parser, token)
    keeping = KEEPING[type(node)]
    return keeping(node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name)


register.tag("image", image)
register.tag("srcset_image", image)
