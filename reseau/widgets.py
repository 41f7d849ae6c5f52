"""Form widgets shared by the apps' forms."""

import html
from functools import cached_property

from django import forms
from django.utils.choices import BaseChoiceIterator
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


class SharedChoices(BaseChoiceIterator):
    """Choices built once and shared by the forms of many requests, while what they are read from does not
    change (producteurs.forms.filter_choices): Django normalises a field's plain choices again on every form,
    but leaves a choice iterator as it is, and QuickSelect writes their <option>s once."""

    def __init__(self, choices) -> None:
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    @cached_property
    def options(self) -> str:
        return _options(self.choices)


def _options(choices) -> str:
    """The <option>s (and <optgroup>s) of `choices`, none selected."""

    def options(items) -> str:
        return "".join(f'<option value="{escaped(key)}">{escaped(label)}</option>' for key, label in items)

    parts, loose = [], []  # options outside a group are written together
    for key, label in choices:
        if isinstance(label, list | tuple):
            parts += [options(loose), f'<optgroup label="{escaped(key)}">{options(label)}</optgroup>']
            loose = []
        else:
            loose.append((key, label))
    parts.append(options(loose))
    return "".join(parts)


class QuickSelect(forms.Select):
    """A <select> whose options are written in Python straight from the choices: Django builds a dict of
    attributes for each <option> and renders it through a template, and the producers directory's filters have
    about 250 of them and the recipes' tag list dozens, which made up most of those pages' rendering time.
    SharedChoices keep their written options from one request to the next."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        choices = self.choices
        written = choices.options if isinstance(choices, SharedChoices) else _options(choices)
        for chosen in set(self.format_value(value)):
            option = f'<option value="{escaped(chosen)}">'
            written = written.replace(option, f"{option[:-1]} selected>")
        select = attributes(self.build_attrs(self.attrs, attrs) | {"name": name})
        # The attributes, keys and labels are escaped by escaped.
        return SafeString(f"<select{select}>{written}</select>")  # nosec B308 B703
