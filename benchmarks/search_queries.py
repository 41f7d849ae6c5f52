"""The labelled query set of the network-wide search, written against the demo content (reseau/demo.py).

Each query is what a manager or a visitor would type, with the documents that should come first, graded:
3 = the answer, 2 = clearly relevant, 1 = acceptable. Documents are named "<type key>:<natural key>" as
declared in search.registry (today pages' slugs). When a content type lands (recipes, events, producers,
forum threads), add its demo documents' queries to QUERIES: the relevance script picks them up as they are.
`audience` is who searches: "membre" (sees everything) or "visiteur" (public content only).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LabelledQuery:
    text: str
    relevant: dict[str, int]
    audience: str = "membre"
    note: str = field(default="", compare=False)


BEAULON = "cafe:le-cafe-de-beaulon"
CULHAT = "cafe:le-comptoir-de-culhat"
LA_BAUCHE = "cafe:le-cafe-de-la-bauche"
GUILLIGOMARCH = "cafe:ti-kafe-guilligomarch"
SAINS = "cafe:le-cafe-de-sains"
SAINT_EMILAND = "cafe:le-cafe-de-saint-emiland"
BACCON = "cafe:le-cafe-de-baccon"
GIRANCOURT = "cafe:le-cafe-de-girancourt"
ABOUT = "page:qui-sommes-nous"
WELCOME = "page:bienvenue-gerants"  # members only

ALL_CAFES = [BEAULON, CULHAT, LA_BAUCHE, GUILLIGOMARCH, SAINS, SAINT_EMILAND, BACCON, GIRANCOURT]
GROCERIES = {BEAULON: 3, SAINS: 3, BACCON: 3, ABOUT: 1}

QUERIES: list[LabelledQuery] = [
    # Services people look for.
    LabelledQuery("épicerie", GROCERIES),
    LabelledQuery("EPICERIE", GROCERIES, note="casse et accents"),
    LabelledQuery("l'épicerie", GROCERIES, note="élision"),
    LabelledQuery("épiceries", GROCERIES, note="pluriel"),
    LabelledQuery("epicrie", GROCERIES, note="faute d'une lettre"),
    LabelledQuery("épicerie de dépannage", {BEAULON: 3}),
    LabelledQuery("relais poste", {BEAULON: 3, ABOUT: 1}),
    LabelledQuery('"relais poste"', {BEAULON: 3, ABOUT: 1}, note="expression"),
    LabelledQuery("relais colis", {BACCON: 3}),
    LabelledQuery("marché de producteurs", {CULHAT: 3}),
    LabelledQuery("producteurs", {CULHAT: 3, WELCOME: 1}),
    LabelledQuery("vélo électrique", {LA_BAUCHE: 3}),
    LabelledQuery("location de vélos", {LA_BAUCHE: 3}),
    LabelledQuery("velo", {LA_BAUCHE: 3}),
    LabelledQuery("point information touristique", {LA_BAUCHE: 3}),
    LabelledQuery("concerts", {GUILLIGOMARCH: 3}),
    LabelledQuery("concert", {GUILLIGOMARCH: 3}, note="singulier"),
    LabelledQuery("concers", {GUILLIGOMARCH: 3}, note="faute d'une lettre"),
    LabelledQuery("dépôt de pain", {GUILLIGOMARCH: 3}),
    LabelledQuery("point presse", {GUILLIGOMARCH: 3}),
    LabelledQuery("restauration le midi", {SAINT_EMILAND: 3}),
    LabelledQuery("ferme voisine", {SAINT_EMILAND: 3}),
    LabelledQuery("accès numérique", {SAINT_EMILAND: 3, ABOUT: 2, GIRANCOURT: 1}),
    LabelledQuery("ateliers numériques", {GIRANCOURT: 3, SAINT_EMILAND: 1}),
    LabelledQuery("portage de repas", {GIRANCOURT: 3, ABOUT: 2}),
    LabelledQuery("repas pour les aînés", {GIRANCOURT: 3}),
    # Places.
    LabelledQuery("beaulon", {BEAULON: 3}),
    LabelledQuery("café de beaulon", {BEAULON: 3}),
    LabelledQuery("comptoir culhat", {CULHAT: 3}),
    LabelledQuery("saint emiland", {SAINT_EMILAND: 3}),
    LabelledQuery("Saint-Émiland", {SAINT_EMILAND: 3}),
    LabelledQuery("guilligomarch", {GUILLIGOMARCH: 3}),
    LabelledQuery("café en montagne", {LA_BAUCHE: 3}),
    LabelledQuery("savoie", {LA_BAUCHE: 3}),
    LabelledQuery("finistère", {GUILLIGOMARCH: 3}),
    LabelledQuery("bretagne", {GUILLIGOMARCH: 3, SAINS: 3}),
    LabelledQuery("vosges", {GIRANCOURT: 3}),
    LabelledQuery("loiret", {BACCON: 3}),
    LabelledQuery("cafés en Auvergne", {BEAULON: 2, CULHAT: 2, LA_BAUCHE: 2}),
    # The network's life.
    LabelledQuery("café menacé de fermeture", {SAINS: 3}),
    LabelledQuery("café repris", {SAINS: 3}),
    LabelledQuery("travaux en cours", {BACCON: 3}),
    LabelledQuery("ouverture au printemps", {BACCON: 3}),
    LabelledQuery("qui sommes-nous", {ABOUT: 3}),
    LabelledQuery("groupe SOS", {ABOUT: 3}),
    LabelledQuery("recrutement et formation du gérant", {ABOUT: 3, WELCOME: 1}),
    LabelledQuery("guide des nouveaux gérants", {WELCOME: 3, ABOUT: 1}),
    LabelledQuery("contrats fournisseurs", {WELCOME: 3}),
    LabelledQuery("entraide sur le forum", {WELCOME: 3}),
    LabelledQuery("cafe", dict.fromkeys(ALL_CAFES, 2), audience="visiteur"),
    LabelledQuery(
        "gérants", {ABOUT: 3}, audience="visiteur", note="le guide réservé aux membres ne sort pas"
    ),
]
