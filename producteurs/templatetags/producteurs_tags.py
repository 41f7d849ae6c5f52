"""Template helpers of the producers' directory: its result cards, written by Python."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe

from reseau.widgets import escaped

register = template.Library()

PRODUCER_CARD = """<li class="card producer-card">
  <h3><a href="{url}">{title}</a></h3>
  <p>{kind} · {commune} ({department}) · {region}{distance}</p>
  {products}
  {labels}
</li>
"""


@register.simple_tag
def producer_cards(cards: list, has_distance: bool) -> SafeString:
    """The directory's result cards (producteurs.views.Card), written by Python: a card took about forty
    template nodes, and a page shows up to 24. Every text from the database goes through `escaped`."""
    # Every text from the database was escaped in _producer_card.
    return mark_safe("".join(_producer_card(card, has_distance) for card in cards))  # noqa: S308  # nosec B308 B703


def kilometres(distance: float) -> str:
    """A distance rounded as the floatformat:0 filter rounds it (half up, from the float's shortest repr)."""
    return str(Decimal(repr(distance)).quantize(Decimal(1), ROUND_HALF_UP))


def _producer_card(card, has_distance: bool) -> str:
    title = escaped(card.title)
    labels = ""
    if card.labels:
        badges = "".join(
            f'<li class="badge{" badge--bio" if organic else ""}">{escaped(name)}</li>'
            for name, organic in card.labels
        )
        labels = f'<ul class="badges" aria-label="Labels de {title}">{badges}</ul>'
    return PRODUCER_CARD.format(
        url=escaped(card.url),
        title=title,
        kind=escaped(card.kind[:1].upper() + card.kind[1:]),
        commune=escaped(card.commune),
        department=escaped(card.department),
        region=escaped(card.region),
        distance=f" · <strong>{kilometres(card.distance)} km</strong>" if has_distance else "",
        products=f'<p class="products">{escaped(", ".join(card.products))}</p>' if card.products else "",
        labels=labels,
    )
