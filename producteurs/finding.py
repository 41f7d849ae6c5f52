"""Finding producers: resolving a typed commune name, and the one query behind the directory's filters.

Every filter becomes part of a single SQL query (distances included, see producteurs.distance), so the
directory answers in a bounded number of queries whatever the number of producers.
"""

import re
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import StrIndex, Upper

from producteurs.distance import GreatCircleKm, box_bounds, in_box, origin_terms
from producteurs.models import Label, ProducerPage, Product, SalesMode, has_offer
from producteurs.months import bit
from reseau.compiled import CompiledQuery, model_columns
from reseau.geography import fold_name
from reseau.models import CafePage, Commune, Department, Region

_NAME_AND_POSTCODE = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<postcode>\d{5})\s*\)$")


def communes_named(text: str) -> list[Commune]:
    """The communes a person means by `text`: a name (any case or accents), "Name (postcode)" or a postcode.

    Several results mean the name is ambiguous (there are dozens of Saint-Julien): the caller asks which one.
    Names are compared on the communes' indexed folded name (reseau.geography.fold_name), never by folding
    every name in SQL.
    """
    text = " ".join(text.split())
    if not text:
        return []
    if text.isdigit() and len(text) == 5:
        return _communes(("postcode",), text)
    fields, values = (), ()
    match = _NAME_AND_POSTCODE.match(text)
    if match:
        text, fields, values = match["name"], ("postcode",), (match["postcode"],)
    return _communes(("name", *fields), text, *values) or _communes(
        ("search_name", *fields), fold_name(text), *values
    )


_COMMUNES = CompiledQuery(
    lambda fields, *values: (
        Commune.objects.filter(**dict(zip(fields, values, strict=True)))
        .order_by("department__code", "name")
        .values_list(
            *model_columns(Commune),
            *(f"department__{name}" for name in model_columns(Department)),
            *(f"department__region__{name}" for name in model_columns(Region)),
        )
    )
)


def _communes(fields: tuple[str, ...], *values: str) -> list[Commune]:
    """The communes whose `fields` have `values`, each with its department and region (one compiled query)."""
    commune_names, department_names, region_names = map(model_columns, (Commune, Department, Region))
    department_start = len(commune_names)
    region_start = department_start + len(department_names)
    found = []
    for row in _COMMUNES.rows(fields, *values):
        commune = Commune.from_db(DEFAULT_DB_ALIAS, commune_names, row[:department_start])
        commune.department = Department.from_db(
            DEFAULT_DB_ALIAS, department_names, row[department_start:region_start]
        )
        commune.department.region = Region.from_db(DEFAULT_DB_ALIAS, region_names, row[region_start:])
        found.append(commune)
    return found


@dataclass
class Criteria:
    """What a person asked for; every field is optional. `origin` is the point distances are measured from."""

    text: str = ""
    product: Product | None = None
    label: Label | None = None
    any_label: bool = False
    organic_only: bool = False
    region: Region | None = None
    department: Department | None = None
    sales_mode: SalesMode | None = None
    month: int | None = None
    origin: tuple[float, float] | None = None
    radius_km: int | None = None
    delivers_to: CafePage | None = None
    exclude_region: Region | None = None


def search_terms(criteria: Criteria) -> tuple[tuple[str, ...], tuple[int | float | str, ...]]:
    """The search as the names of its terms (which decide the SQL's text) and their values (its parameters),
    then the names of the label flags, which have none: what `producers_found` builds its query from."""
    terms: dict[str, int | float | str] = {}
    if criteria.text:
        terms["text"] = criteria.text
    if criteria.product is not None:
        terms["family" if criteria.product.is_family else "product"] = criteria.product.pk
    if criteria.month is not None:
        terms["month_bit"] = bit(criteria.month)
    if criteria.label is not None:
        terms["label"] = criteria.label.pk
    flags = ("organic_only",) if criteria.organic_only else ("any_label",) if criteria.any_label else ()
    for name, entry in (
        ("sales_mode", criteria.sales_mode),
        ("region", criteria.region),
        ("exclude_region", criteria.exclude_region),
        ("department", criteria.department),
    ):
        if entry is not None:
            terms[name] = entry.pk
    if criteria.delivers_to is not None:
        cafe = criteria.delivers_to.commune
        terms["cafe_phi"], terms["cafe_cos_phi"], terms["cafe_lambda"] = origin_terms(
            cafe.latitude, cafe.longitude
        )
    if criteria.origin is not None:
        latitude, longitude = criteria.origin
        if criteria.radius_km is not None:
            bounds = box_bounds(latitude, longitude, criteria.radius_km)
            terms["south"], terms["north"], terms["west"], terms["east"] = bounds
            # A float, as the comparison with the distance makes it.
            terms["radius_km"] = float(criteria.radius_km)
        terms["phi"], terms["cos_phi"], terms["lambda"] = origin_terms(latitude, longitude)
    return (*terms, *flags), tuple(terms.values())


def producers_found(names: tuple[str, ...], *values: int | float | str) -> QuerySet[ProducerPage]:
    """Published producers matching the search terms (`search_terms`), annotated with `distance` (km) when
    there is an origin and sorted by it, else by name."""
    terms = dict(zip(names[: len(values)], values, strict=True))
    producers = ProducerPage.objects.live()
    if "text" in terms:
        # title__icontains, written so that the typed text is a parameter as it is (not a LIKE pattern).
        producers = producers.alias(text_at=StrIndex(Upper("title"), Upper(Value(terms["text"])))).filter(
            text_at__gt=0
        )
    product = terms.get("product", terms.get("family"))
    if product is not None or "month_bit" in terms:
        if "family" in terms:
            products = Product.objects.filter(parent=product).values("pk")
        else:
            products = None if product is None else [product]
        producers = producers.filter(has_offer(products, terms.get("month_bit")))
    if "label" in terms:
        producers = producers.filter(
            Exists(Label.producers.through.objects.filter(producerpage=OuterRef("pk"), label=terms["label"]))
        )
    if "organic_only" in names:
        producers = producers.filter(
            Exists(
                Label.producers.through.objects.filter(producerpage=OuterRef("pk"), label__is_organic=True)
            )
        )
    elif "any_label" in names:
        producers = producers.filter(
            Exists(Label.producers.through.objects.filter(producerpage=OuterRef("pk")))
        )
    if "sales_mode" in terms:
        producers = producers.filter(
            Exists(
                SalesMode.producers.through.objects.filter(
                    producerpage=OuterRef("pk"), salesmode=terms["sales_mode"]
                )
            )
        )
    if "region" in terms:
        producers = producers.filter(commune__department__region=terms["region"])
    if "exclude_region" in terms:
        producers = producers.exclude(commune__department__region=terms["exclude_region"])
    if "department" in terms:
        producers = producers.filter(commune__department=terms["department"])
    if "cafe_phi" in terms:
        cafe = (terms["cafe_phi"], terms["cafe_cos_phi"], terms["cafe_lambda"])
        producers = (
            producers.filter(delivery_radius_km__isnull=False)
            .alias(cafe_distance=GreatCircleKm(cafe, "latitude", "longitude"))
            .filter(cafe_distance__lte=F("delivery_radius_km"))
        )
    if "phi" in terms:
        if "radius_km" in terms:
            producers = producers.filter(in_box(terms["south"], terms["north"], terms["west"], terms["east"]))
        origin = (terms["phi"], terms["cos_phi"], terms["lambda"])
        producers = producers.annotate(distance=GreatCircleKm(origin, "latitude", "longitude"))
        if "radius_km" in terms:
            producers = producers.filter(distance__lte=terms["radius_km"])
        return producers.order_by("distance", "title", "pk")
    return producers.order_by("title", "pk")


def find_producers(criteria: Criteria) -> QuerySet[ProducerPage]:
    """Published producers matching `criteria`, annotated with `distance` (km) when there is an origin and
    sorted by it, else by name."""
    names, values = search_terms(criteria)
    return producers_found(names, *values)
