"""Template tags of the network's core."""

from django import template
from django.forms import BoundField
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

from reseau.widgets import _escaped

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


FIELD = """<div class="field{error_class}">
  <label for="{target}">{label}{required}</label>
  {help}
  {widget}
  {errors}
</div>"""


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """One form field with its label, help and errors next to it (includes/form_field.html), written by
    Python: the template took about as long as the widget itself, on forms of up to a dozen fields."""
    target = _escaped(field.id_for_label)
    errors = field.errors
    help_text = (
        f'<p class="help" id="{target}-aide">{_escaped(field.help_text)}</p>' if field.help_text else ""
    )
    error_list = "".join(f"<li>{_escaped(error)}</li>" for error in errors)
    # Every text is escaped by _escaped; the widget is Django's own safe HTML.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        FIELD.format(
            error_class=" field--error" if errors else "",
            target=target,
            label=_escaped(field.label),
            required=' <span aria-hidden="true">*</span>' if field.field.required else "",
            help=help_text,
            widget=field,
            errors=f'<ul class="errorlist" id="{target}-erreurs">{error_list}</ul>' if errors else "",
        )
    )
