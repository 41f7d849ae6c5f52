"""Form widgets shared by the apps' forms."""

import html

from django import forms
from django.utils.safestring import SafeString


def escaped(value) -> str:
    """Django's conditional_escape, without its per-call lazy and SafeString wrapping (hundreds per page)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def attributes(attrs: dict) -> str:
    """A widget's HTML attributes as django/forms/widgets/attrs.html writes them (True: the bare name)."""
    return "".join(
        f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A <select> whose options are written in Python straight from the choices: Django builds a dict of
    attributes for each <option> and renders it through a template, and the producers directory's filters have
    about 250 of them and the recipes' tag list dozens, which made up most of those pages' rendering time."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = set(self.format_value(value))

        def options(items) -> SafeString:
            # Keys and labels are escaped by escaped.
            return SafeString(  # nosec B308 B703
                "".join(
                    f'<option value="{escaped(key)}"{" selected" if str(key) in chosen else ""}>'
                    f"{escaped(label)}</option>"
                    for key, label in items
                )
            )

        parts, loose = [], []  # options outside a group are written together
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                parts += [options(loose), f'<optgroup label="{escaped(key)}">{options(label)}</optgroup>']
                loose = []
            else:
                loose.append((key, label))
        parts.append(options(loose))
        select = attributes(self.build_attrs(self.attrs, attrs) | {"name": name})
        # The attributes and the group labels are escaped, the options written by options().
        return SafeString(f"<select{select}>{''.join(parts)}</select>")  # nosec B308 B703
