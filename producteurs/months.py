"""Month-by-month availability stored as a 12-bit mask (bit 0 = January), so "available in June" is one
bitwise AND inside the database query, on SQLite and PostgreSQL alike.
"""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
MONTH_ABBREVIATIONS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]
ALL_YEAR = (1 << 12) - 1


def bit(month: int) -> int:
    """The mask of one month (1 = January … 12 = December)."""
    if not 1 <= month <= 12:
        raise ValueError(f"mois hors de 1..12 : {month}")
    return 1 << (month - 1)


def mask(months: Iterable[int]) -> int:
    """The mask of several months."""
    value = 0
    for month in months:
        value |= bit(month)
    return value


def season(first: int, last: int) -> int:
    """The mask from month `first` to month `last` included, wrapping over the new year (11 → 2)."""
    months = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
    return mask(months)


def months_of(value: int) -> list[int]:
    """The months (1..12) set in a mask."""
    return [month for month in range(1, 13) if value & bit(month)]


class MonthsFormField(forms.TypedMultipleChoiceField):
    """Twelve checkboxes in forms (and in the Wagtail admin), an integer mask in the database."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_value", None)
        kwargs.pop("min_value", None)
        kwargs.pop("coerce", None)
        kwargs.pop("empty_value", None)
        super().__init__(
            choices=[(str(number), name) for number, name in enumerate(MONTHS, start=1)],
            coerce=int,
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, int):
            return [str(month) for month in months_of(value)]
        return value

    def has_changed(self, initial, data) -> bool:
        return super().has_changed(self.prepare_value(initial), data)

    def clean(self, value) -> int:
        return mask(super().clean(value))


class MonthsField(models.PositiveSmallIntegerField):
    """The months a product is available, as a mask (see module docstring); 0 means "not yet known"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return MonthsFormField(
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance) -> None:
        super().validate(value, model_instance)
        if value is not None and not 0 <= value <= ALL_YEAR:
            raise ValidationError("Mois de disponibilité invalides.")
