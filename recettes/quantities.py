"""Units, quantities and the servings arithmetic of recipes, with no database access.

A recipe stores each ingredient line as (quantity, unit) for its own number of servings. Scaling
multiplies the quantity, then rounds it the way a cook would write it (333.33 g becomes 335 g, eggs stay
whole), and may switch to the larger unit of the same family (2,400 g is shown as 2.4 kg). Parsing
turns what a manager types ("1,5", "1/2", "½", "grammes", "c. à s.") into values, with French errors
that say what to write instead.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models


class Unit(models.TextChoices):
    """The units a recipe line may use; an empty unit means a count of things (3 œufs)."""

    COUNT = "", "(à l'unité)"
    GRAM = "g", "g"
    KILOGRAM = "kg", "kg"
    MILLILITRE = "ml", "ml"
    CENTILITRE = "cl", "cl"
    LITRE = "l", "l"
    TEASPOON = "c. à café", "c. à café"
    TABLESPOON = "c. à soupe", "c. à soupe"
    PINCH = "pincée", "pincée"
    CLOVE = "gousse", "gousse"
    BUNCH = "botte", "botte"
    SLICE = "tranche", "tranche"
    SPRIG = "brin", "brin"
    LEAF = "feuille", "feuille"
    SACHET = "sachet", "sachet"
    PIECE = "pièce", "pièce"


# What managers type for each unit, once accents, dots, spaces and plurals are removed (see normalize_unit).
UNIT_ALIASES: dict[str, Unit] = {
    "": Unit.COUNT,
    "g": Unit.GRAM, "gr": Unit.GRAM, "gramme": Unit.GRAM, "grammes": Unit.GRAM,
    "kg": Unit.KILOGRAM, "kilo": Unit.KILOGRAM, "kilos": Unit.KILOGRAM, "kilogramme": Unit.KILOGRAM,
    "ml": Unit.MILLILITRE, "millilitre": Unit.MILLILITRE,
    "cl": Unit.CENTILITRE, "centilitre": Unit.CENTILITRE,
    "l": Unit.LITRE, "litre": Unit.LITRE,
    "cafe": Unit.TEASPOON, "cac": Unit.TEASPOON, "cc": Unit.TEASPOON, "cuillerecafe": Unit.TEASPOON,
    "ccafe": Unit.TEASPOON,
    "soupe": Unit.TABLESPOON, "cas": Unit.TABLESPOON, "cs": Unit.TABLESPOON, "cuilleresoupe": Unit.TABLESPOON,
    "csoupe": Unit.TABLESPOON,
    "pincee": Unit.PINCH, "gousse": Unit.CLOVE, "botte": Unit.BUNCH, "tranche": Unit.SLICE,
    "brin": Unit.SPRIG, "feuille": Unit.LEAF, "sachet": Unit.SACHET,
    "piece": Unit.PIECE, "pce": Unit.PIECE, "pc": Unit.PIECE,
}  # fmt: skip

# Units that count whole things: scaled amounts stay whole numbers (or halves when the author wrote a half).
COUNTED = {Unit.COUNT, Unit.PIECE, Unit.CLOVE, Unit.BUNCH, Unit.SLICE, Unit.SPRIG, Unit.LEAF, Unit.SACHET}
SPOONS = {Unit.TEASPOON, Unit.TABLESPOON}
# Each measured unit as a multiple of its family's base unit (grams, millilitres).
WEIGHT = {Unit.GRAM: Decimal(1), Unit.KILOGRAM: Decimal(1000)}
VOLUME = {Unit.MILLILITRE: Decimal(1), Unit.CENTILITRE: Decimal(10), Unit.LITRE: Decimal(1000)}

PLURAL = {u.value: f"{u.value}s" for u in (*COUNTED, Unit.PINCH) if u.value}
MAX_SERVINGS = 1000
FRACTIONS = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3"}


class QuantityError(ValueError):
    """What a person typed is not a usable quantity, unit or number; the message goes next to the field."""


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def normalize_unit(text: str) -> Unit:
    """The unit meant by `text` ("grammes", "c. à s.", "Pièces"…), or QuantityError naming the known units."""
    key = re.sub(r"[\s.'’-]|\bde\b|\bdu\b|\ba\b", "", _fold(text.strip().lower()).replace("à", "a"))
    key = key.replace("cuilleres", "cuillere")
    if key not in UNIT_ALIASES and key.endswith("s"):
        key = key[:-1]
    if key in UNIT_ALIASES:
        return UNIT_ALIASES[key]
    known = ", ".join(u.value for u in Unit if u.value)
    raise QuantityError(f"Unité inconnue « {text.strip()} » : choisissez parmi {known}, ou laissez vide.")


def parse_quantity(text: str) -> Decimal | None:
    """A quantity typed as "2", "1,5", "1.5", "1/2", "1 1/2" or "½"; None when empty ("une pincée")."""
    raw = text.strip()
    if not raw:
        return None
    for symbol, fraction in FRACTIONS.items():
        raw = raw.replace(symbol, f" {fraction}")
    raw = raw.replace(",", ".").strip()
    try:
        if "/" in raw:
            whole, _, fraction = raw.rpartition(" ")
            numerator, denominator = fraction.split("/")
            value = Decimal(numerator) / Decimal(denominator) + (Decimal(whole) if whole.strip() else 0)
        else:
            value = Decimal(raw)
    except (InvalidOperation, ValueError, ZeroDivisionError):
        raise QuantityError(
            f"« {text.strip()} » n'est pas une quantité : écrivez un nombre (250, 1,5 ou 1/2), "
            "ou laissez vide pour « une pincée », « selon le goût »."
        ) from None
    if not value.is_finite():
        raise QuantityError(f"« {text.strip()} » n'est pas une quantité : écrivez un nombre.")
    if value <= 0:
        raise QuantityError("La quantité doit être positive (ou laissez vide).")
    if value >= 100_000:
        raise QuantityError("Cette quantité est trop grande : vérifiez l'unité (kg plutôt que g ?).")
    return value.quantize(Decimal("0.001")).normalize()


def parse_servings(text: str) -> int:
    """A number of servings between 1 and MAX_SERVINGS, or QuantityError in French."""
    raw = str(text).strip()
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise QuantityError(
            f"« {raw} » n'est pas un nombre de portions : écrivez un nombre entier."
        ) from None
    if not value.is_finite() or value != value.to_integral_value():
        raise QuantityError(f"« {raw} » n'est pas un nombre de portions : écrivez un nombre entier.")
    if value < 1:
        raise QuantityError("Le nombre de portions doit être au moins 1.")
    if value > MAX_SERVINGS:
        raise QuantityError(f"Au plus {MAX_SERVINGS} portions par fiche.")
    return int(value)


def _round_to(value: Decimal, step: Decimal) -> Decimal:
    return ((value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step).normalize()


def round_measure(value: Decimal) -> Decimal:
    """Grams or millilitres rounded as a cook writes them: 333.33 → 335, 1,333 → 1,330."""
    if value < 5:
        return max(_round_to(value, Decimal("0.5")), Decimal("0.5"))
    if value < 100:
        return _round_to(value, Decimal(1))
    if value < 1000:
        return _round_to(value, Decimal(5))
    return _round_to(value, Decimal(10))


@dataclass(frozen=True)
class Amount:
    """A quantity in a unit, as shown to a cook."""

    quantity: Decimal | None
    unit: str

    def __str__(self) -> str:
        if self.quantity is None:
            return "une pincée" if self.unit == Unit.PINCH else ""
        unit = self.unit
        if self.quantity > 1 and unit in PLURAL:
            unit = PLURAL[unit]
        return f"{format_number(self.quantity)} {unit}".strip()


def format_number(value: Decimal) -> str:
    """French writing of a number: "1,5", "335", "2 400" (narrow no-break space between thousands)."""
    value = value.normalize()
    if value == value.to_integral_value():
        text = f"{int(value):,}".replace(",", "\u202f")
    else:
        text = f"{value:f}".rstrip("0").replace(".", ",")
    return text


def scale_amount(quantity: Decimal | None, unit: str, factor: Decimal) -> Amount:
    """`quantity` `unit` multiplied by `factor` and rounded for the kitchen (factor 1 keeps it unchanged)."""
    if quantity is None:
        return Amount(None, unit)
    if factor == 1:
        return Amount(quantity.normalize(), unit)
    value = quantity * factor
    if unit in COUNTED:
        fractional = quantity != quantity.to_integral_value()
        step = Decimal("0.5") if fractional else Decimal(1)
        return Amount(max(_round_to(value, step), step), unit)
    if unit in SPOONS:
        return Amount(max(_round_to(value, Decimal("0.5")), Decimal("0.5")), unit)
    if unit == Unit.PINCH:
        return Amount(max(_round_to(value, Decimal(1)), Decimal(1)), unit)
    for family, base, large in ((WEIGHT, Unit.GRAM, Unit.KILOGRAM), (VOLUME, Unit.MILLILITRE, Unit.LITRE)):
        if unit in family:
            base_value = round_measure(value * family[unit])
            if base_value >= 1000:
                return Amount((base_value / 1000).normalize(), large.value)
            if unit == Unit.CENTILITRE and base_value % 10 == 0:
                return Amount((base_value / 10).normalize(), Unit.CENTILITRE.value)
            return Amount(base_value, base.value)
    return Amount(value.quantize(Decimal("0.01")).normalize(), unit)


def scale_cost(cost: Decimal | None, factor: Decimal) -> Decimal | None:
    """A cost in euros multiplied by `factor`, to the cent."""
    if cost is None:
        return None
    return (cost * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
