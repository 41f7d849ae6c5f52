"""Template helpers of the recipes: French numbers and euros, minutes, and the JSON-LD data block."""

from decimal import Decimal

from django import template

from recettes.quantities import format_number
from reseau.json_ld import json_ld_script

register = template.Library()

register.filter("ld_json", json_ld_script)


@register.filter
def euros(value: Decimal | None) -> str:
    """8.5 → "8,50 €"."""
    if value is None:
        return ""
    return (
        f"{Decimal(value).quantize(Decimal('0.01')):,}".replace(",", "\u202f").replace(".", ",") + "\u00a0€"
    )


@register.filter
def number(value) -> str:
    return "" if value is None else format_number(Decimal(str(value)))


@register.filter
def minutes(value: int | None) -> str:
    """75 → "1 h 15", 40 → "40 min"."""
    if not value:
        return ""
    hours, rest = divmod(int(value), 60)
    if not hours:
        return f"{rest}\u00a0min"
    return f"{hours}\u00a0h\u00a0{rest:02d}" if rest else f"{hours}\u00a0h"


@register.filter
def stars(value) -> str:
    """An average rating as "4,3 / 5"."""
    if value is None:
        return ""
    return f"{Decimal(str(value)).quantize(Decimal('0.1'))}".replace(".", ",") + "\u00a0/\u00a05"
