"""Template helpers of the recipes: French numbers and euros, minutes, the JSON-LD data block and the index's
cards."""

from decimal import Decimal
from html import escape

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from recettes.listing import CARD_RENDITION, RecipeCard
from recettes.models import ScaledLine
from recettes.quantities import format_number
from reseau.json_ld import json_ld_script

register = template.Library()

register.filter("ld_json", json_ld_script)


class FragmentNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        fragments = context.get("fragments")
        if fragments is None:
            return self.nodelist.render(context)
        html = fragments.cached.get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            fragments.rendered(self.name, html)
        return html


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """`{% fragment "name" %}…{% endfragment %}`: the recipe page's HTML that recettes.fragments caches,
    rendered only when the context's `fragments` does not hold it (or when there are none: a preview)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("fragment takes one quoted name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist)


@register.simple_tag
def rating_choices(field: BoundField) -> SafeString:
    """The rating's radio buttons, each inside its label: Django's own inputs (`BoundWidget.tag`), without
    the template loop around them, which every member's view of a recipe renders."""
    # The labels are escaped; the inputs are Django's own safe HTML.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        "".join(
            f'<label class="rating__choice">{radio.tag()} {escape(str(radio.choice_label))}</label>'
            for radio in field
        )
    )


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


def _ingredient(line) -> str:
    """An ingredient's name and note, escaped."""
    note = f' <span class="note">({escape(line.note)})</span>' if line.note else ""
    return f"{escape(line.name)}{note}"


@register.simple_tag
def ingredient_items(lines: list[ScaledLine]) -> SafeString:
    """The recipe page's ingredient lines as <li>, written by Python: a dozen template nodes per line."""
    items = [
        f'<li><span class="qty">{escape(str(scaled.amount))}</span> {_ingredient(scaled.line)}</li>'
        for scaled in lines
    ]
    # The amounts were escaped here, the names and notes by _ingredient.
    return mark_safe("\n".join(items))  # noqa: S308  # nosec B308 B703


@register.simple_tag
def sheet_rows(lines: list[ScaledLine]) -> SafeString:
    """The technical sheet's rows (ingredient, quantity, cost), written by Python as ingredient_items."""
    rows = [
        f'<tr><th scope="row">{_ingredient(scaled.line)}</th>'
        f"<td>{escape(str(scaled.amount) or 'selon le goût')}</td><td>{euros(scaled.cost) or '—'}</td></tr>"
        for scaled in lines
    ]
    # The amounts were escaped here, the names and notes by _ingredient; euros writes digits only.
    return mark_safe("\n".join(rows))  # noqa: S308  # nosec B308 B703


# One Filter for every card: a new one works its operations out again (reseau_images says why).
CARD_FILTER = Filter(spec=CARD_RENDITION)
RECIPE_CARD = """<li class="card recipe-card">
  {photo}
  <h3>{title}</h3>
  <p><span class="badge">{course}</span>{members}</p>
  <p class="card__meta">{cafe}{minutes}{cost}</p>
  {tries}
  {diets}
</li>
"""


@register.simple_tag
def recipe_cards(cards: list[RecipeCard]) -> SafeString:
    """The index's cards (recettes.listing.RecipeCard), written by Python: a card took about fifty template
    nodes. Every text from the database goes through `escape` (html.escape, as Django's escape filter)."""
    # Every text from the database was escaped in _recipe_card.
    return mark_safe("".join(_recipe_card(card) for card in cards))  # noqa: S308  # nosec B308 B703


def _recipe_card(card: RecipeCard) -> str:
    title = escape(card.title)
    photo = get_rendition_or_not_found(card.photo, CARD_FILTER).img_tag({"alt": ""}) if card.photo else ""
    tries = ""
    if card.tried_count:
        tries = (
            f'<p class="card__meta">{stars(card.rating_average)} · testée dans {card.tried_count} '
            f"café{'' if card.tried_count == 1 else 's'}</p>"
        )
    return RECIPE_CARD.format(
        photo=photo,
        title=f'<a href="{escape(card.url)}">{title}</a>' if card.url else title,
        course=escape(card.course),
        members=' <span class="badge badge--members">membres</span>' if card.members_only else "",
        cafe=f"{escape(card.cafe_title)} · " if card.cafe_title else "",
        minutes=minutes(card.total_minutes),
        cost=f" · {euros(card.cost_per_portion)} la portion" if card.cost_per_portion is not None else "",
        tries=tries,
        diets=f'<p class="card__meta">{escape(", ".join(card.diets))}</p>' if card.diets else "",
    )
