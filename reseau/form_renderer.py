"""The site's form renderer (settings.FORM_RENDERER): Django's, except that the plain widgets (inputs,
checkboxes, textareas, radio and checkbox options) are written by Python.

Django renders each widget through two or three templates (input.html, attrs.html, an option's label),
about 250 function calls for one <input>: a recipe index's filters and a recipe's rating form spent more time
on them than on their queries. The HTML is the templates' own, character for character
(tests/reseau/test_widgets.py compares both renderers); a template an installed app overrides keeps it.
"""

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates

from reseau.widgets import attributes, escaped

DJANGO_WIDGETS = Path(django.__file__).parent / "forms" / "templates" / "django" / "forms" / "widgets"
INPUTS = ("checkbox", "color", "date", "datetime", "email", "hidden", "number", "password", "search", "tel",
          "text", "time", "url")  # fmt: skip


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html."""
    value = "" if widget["value"] is None else f' value="{escaped(widget["value"])}"'
    kind, name = escaped(widget["type"]), escaped(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{attributes(widget["attrs"])}>'


def _option(widget: dict) -> str:
    """django/forms/widgets/input_option.html (radio and checkbox options)."""
    if not widget.get("wrap_label"):
        return _input(widget)
    target = widget["attrs"].get("id")
    label = f' for="{escaped(target)}"' if target else ""
    # The newline is the one that ends input.html, which input_option.html includes.
    return f"<label{label}>{_input(widget)}\n {escaped(widget['label'])}</label>"


def _textarea(widget: dict) -> str:
    """django/forms/widgets/textarea.html."""
    value = escaped(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escaped(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


WRITERS: dict[str, Callable[[dict], str]] = {
    **{f"django/forms/widgets/{name}.html": _input for name in INPUTS},
    "django/forms/widgets/radio_option.html": _option,
    "django/forms/widgets/checkbox_option.html": _option,
    "django/forms/widgets/textarea.html": _textarea,
}
# What the written templates include: an override of one of these changes them all.
INCLUDED = ("input.html", "attrs.html", "input_option.html")


class QuickWidgetRenderer(DjangoTemplates):
    @cached_property
    def writers(self) -> dict[str, Callable[[dict], str]]:
        """The writers of the templates no installed app overrides."""
        if any(not self._is_djangos(f"django/forms/widgets/{name}") for name in INCLUDED):
            return {}
        return {name: writer for name, writer in WRITERS.items() if self._is_djangos(name)}

    def _is_djangos(self, template_name: str) -> bool:
        origin = Path(self.get_template(template_name).origin.name)
        return origin.parent == DJANGO_WIDGETS

    def render(self, template_name, context, request=None):
        writer = self.writers.get(template_name)
        if writer is None:
            return super().render(template_name, context, request)
        return writer(context["widget"])
