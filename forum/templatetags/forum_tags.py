"""Template helpers for the forum's long pages (20 posts, 30 threads): the same output as the generic
tags and filters they replace, at a fraction of the cost per row."""

from datetime import datetime
from functools import cache

from django import template
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from forum.models import Reaction

register = template.Library()

# A reaction button up to its count; the count is the only part that varies from post to post.
REACTION_BUTTON = (
    '<button type="submit" name="emoji" value="{}" class="reaction{}" aria-pressed="{}" title="{}">'
    '<span aria-hidden="true">{}</span> <span class="visually-hidden">{} :</span> '
)


@cache
def _reaction_button(key: str, mine: bool) -> SafeString:
    label = Reaction.LABELS[key]
    mine_class, pressed = (" reaction--mine", "true") if mine else ("", "false")
    return format_html(REACTION_BUTTON, key, mine_class, pressed, label, Reaction.EMOJIS[key], label)


@register.filter(expects_localtime=True)
def when(value: datetime | None) -> str:
    """A date as `date:"j F Y à H:i"` gives it (27 novembre 2026 à 14:05), without parsing a format."""
    if not value:
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year} à {value:%H:%M}"


@register.filter(expects_localtime=True)
def iso(value: datetime | None) -> str:
    """The machine-readable date of a <time> element, as `date:"c"` gives."""
    return value.isoformat() if value else ""


@register.simple_tag
def reaction_buttons(reactions: list[dict]) -> SafeString:
    """A post's reaction buttons (forum.views' reaction summaries): a hundred a page, each built from its
    escaped-once start and its count rather than rendered as template nodes."""
    return format_html_join(
        "\n", "{}{}</button>", ((_reaction_button(r["key"], r["mine"]), r["count"]) for r in reactions)
    )
