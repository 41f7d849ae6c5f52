"""Template tags of the network's core."""

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

register = template.Library()

PAGE_SECTIONS_HOOK = "reseau_page_sections"


@register.simple_tag(takes_context=True)
def page_sections(context, page) -> SafeString:
    """What other apps add to a page (a café's next events, the threads about a recipe…).

    Each function registered with `@hooks.register("reseau_page_sections")` takes (request, page) and returns
    rendered HTML, or "" when it has nothing for this page; so reseau never imports the apps that extend it.
    """
    request: HttpRequest = context["request"]
    sections = "".join(section(request, page) or "" for section in hooks.get_hooks(PAGE_SECTIONS_HOOK))
    # Each hook returns a rendered template, escaped by the template engine.
    return mark_safe(sections)  # noqa: S308  # nosec B308 B703
