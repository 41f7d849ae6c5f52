"""Template tags of the network's core."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

register = template.Library()

PAGE_SECTIONS_HOOK = "reseau_page_sections"


@register.simple_tag(takes_context=True)
def page_sections(context, page) -> SafeString:
    """What other apps add to a page (a café's next events, the threads about a recipe…).

    Each function registered with `@hooks.register("reseau_page_sections")` takes (request, page) and returns
    (template name, context) for this page, or None when it has nothing to add; so reseau never imports the
    apps that extend it. Sections are rendered like an {% include %}, in the page's own context: the context
    processors (user, member, menus) have already run once for the page and do not run again.
    """
    parts = []
    for section in hooks.get_hooks(PAGE_SECTIONS_HOOK):
        found = section(context["request"], page)
        if found:
            name, values = found
            with context.push(values):
                parts.append(get_template(name).template.render(context))
    # Rendered by the template engine, which escaped every value.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
