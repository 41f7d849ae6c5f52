"""Form widgets shared by the apps' forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SELECTED = SafeString(" selected")


class QuickSelect(forms.Select):
    """A <select> whose options are written in Python straight from the choices: Django builds a dict of
    attributes for each <option> and renders it through a template, and the producers directory's filters have
    about 250 of them and the recipes' tag list dozens, which made up most of those pages' rendering time."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = set(self.format_value(value))

        def options(items) -> SafeString:
            return format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((key, SELECTED if str(key) in chosen else "", label) for key, label in items),
            )

        parts, loose = [], []  # options outside a group are written together
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                group = format_html('<optgroup label="{}">{}</optgroup>', key, options(label))
                parts += [options(loose), group]
                loose = []
            else:
                loose.append((key, label))
        parts.append(options(loose))
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, attrs) | {"name": name}),
            format_html_join("", "{}", ((part,) for part in parts)),
        )
