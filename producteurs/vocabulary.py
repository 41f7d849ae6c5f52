"""The controlled vocabularies: the two-level product taxonomy, quality labels and sales modes.

Editors extend them as snippets in the admin; `ensure_vocabulary()` creates the reference set (idempotent),
used by the demo content and by the tests.
"""

from producteurs.models import Label, Product, SalesMode
from producteurs.names import slug_for

TAXONOMY: dict[str, list[str]] = {
    "Fruits": ["pommes", "poires", "cerises", "abricots", "pêches", "fraises", "framboises", "prunes",
               "noix", "châtaignes", "kiwis", "clémentines", "raisin de table"],
    "Légumes": ["pommes de terre", "carottes", "salades", "tomates", "courges", "oignons", "poireaux",
                "asperges", "choux", "lentilles fraîches"],
    "Épicerie": ["lentilles vertes", "pois chiches", "haricots secs", "farine de blé", "farine de sarrasin",
                 "huile de colza", "huile d'olive", "huile de noix", "miel", "confitures", "pâtes",
                 "fleur de sel", "pruneaux", "moutarde"],
    "Produits laitiers": ["fromage de chèvre", "fromage de vache", "fromage de brebis", "beurre", "crème",
                          "yaourts", "lait"],
    "Œufs": ["œufs de poule"],
    "Boissons": ["cidre", "poiré", "jus de pomme", "bière", "vin", "jus de raisin", "sirops", "tisanes"],
    "Viandes et charcuterie": ["bœuf", "veau", "agneau", "porc", "volaille", "charcuterie", "canard"],
    "Poissons et coquillages": ["huîtres", "moules", "truite"],
    "Boulangerie": ["pain au levain", "brioche", "biscuits", "pain d'épices"],
}  # fmt: skip

# name, organic
LABELS = [
    ("Agriculture biologique", True),
    ("Nature & Progrès", True),
    ("Demeter", True),
    ("Label Rouge", False),
    ("AOP", False),
    ("IGP", False),
    ("HVE (Haute valeur environnementale)", False),
    ("Bienvenue à la ferme", False),
]

SALES_MODES = ["Vente à la ferme", "Livraison aux cafés", "Marchés", "Vente en gros"]
DELIVERY_TO_CAFES = "livraison-aux-cafes"


def ensure_vocabulary() -> None:
    """Create the reference families, products, labels and sales modes that do not exist yet."""
    for family_name, products in TAXONOMY.items():
        family, _ = Product.objects.get_or_create(slug=slug_for(family_name), defaults={"name": family_name})
        for name in products:
            Product.objects.get_or_create(slug=slug_for(name), defaults={"name": name, "parent": family})
    for name, organic in LABELS:
        Label.objects.get_or_create(slug=slug_for(name), defaults={"name": name, "is_organic": organic})
    for name in SALES_MODES:
        SalesMode.objects.get_or_create(slug=slug_for(name), defaults={"name": name})
