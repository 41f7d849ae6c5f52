"""Template helpers of the recipes: French numbers and euros, minutes, and the JSON-LD data block."""

import json
from decimal import Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from recettes.quantities import format_number

register = template.Library()

# The characters that could close the <script> element or open a comment, escaped as in Django's json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` data block (no code runs: it passes a script-src CSP)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


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
