"""The labelled query set of the network-wide search, written against the demo content (reseau/demo.py).

Each query is what a manager or a visitor would type, with the documents that should come first, graded:
3 = the answer, 2 = clearly relevant, 1 = acceptable. Documents are named "<type key>:<natural key>" as
declared in search.registry (pages' slugs; events "<café slug>/<event slug>"; forum threads the slug of
their title). When a content type lands (recipes, events, producers,
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

# Content of the apps (search.content_types).
STORY_BEAULON = "recit:beaulon-le-cafe-rouvre-face-a-leglise"
STORY_CULHAT = "recit:culhat-un-comptoir-pour-les-associations"
STORY_GUILLIGOMARCH = "recit:guilligomarch-du-pain-des-journaux-et-des-concerts"
STORY_LA_BAUCHE = "recit:la-bauche-un-cafe-de-montagne-pour-les-habitants-et-les-visiteurs"
STORY_SAINS = "recit:sains-le-cafe-menace-a-ete-repris"
FORMAT_CONCERT = "format:concert-au-cafe"
FORMAT_MARKET = "format:marche-de-producteurs"
FORMAT_REPAIR = "format:repair-cafe"
FORMAT_ELDERS = "format:repas-des-aines"
FORMAT_QUIZ = "format:soiree-quiz"
FORMAT_SOUPS = "format:soiree-soupes"
FORMAT_PLANTS = "format:troc-de-plantes"
FORMAT_PETANQUE = "format:concours-de-petanque"
FORMAT_DICTATION = "format:dictee-du-village"  # members only
FORMAT_FLEA_MARKET = "format:vide-grenier"  # members only
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
    LabelledQuery("concerts", {GUILLIGOMARCH: 3, FORMAT_CONCERT: 3, STORY_GUILLIGOMARCH: 2}),
    LabelledQuery("concert", {GUILLIGOMARCH: 3, FORMAT_CONCERT: 3, STORY_GUILLIGOMARCH: 2}, note="singulier"),
    LabelledQuery(
        "concers", {GUILLIGOMARCH: 3, FORMAT_CONCERT: 3, STORY_GUILLIGOMARCH: 2}, note="faute d'une lettre"
    ),
    LabelledQuery("dépôt de pain", {GUILLIGOMARCH: 3}),
    LabelledQuery("point presse", {GUILLIGOMARCH: 3}),
    LabelledQuery("restauration le midi", {SAINT_EMILAND: 3}),
    LabelledQuery("ferme voisine", {SAINT_EMILAND: 3}),
    LabelledQuery("accès numérique", {SAINT_EMILAND: 3, ABOUT: 2, GIRANCOURT: 1}),
    LabelledQuery("ateliers numériques", {GIRANCOURT: 3, SAINT_EMILAND: 1}),
    LabelledQuery("portage de repas", {GIRANCOURT: 3, ABOUT: 2}),
    LabelledQuery("repas pour les aînés", {GIRANCOURT: 3}),
    # Places.
    LabelledQuery("beaulon", {BEAULON: 3, STORY_BEAULON: 3}),
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
    LabelledQuery("café menacé de fermeture", {SAINS: 3, STORY_SAINS: 3}),
    LabelledQuery("café repris", {SAINS: 3, STORY_SAINS: 3}),
    LabelledQuery("travaux en cours", {BACCON: 3}),
    LabelledQuery("ouverture au printemps", {BACCON: 3}),
    LabelledQuery("qui sommes-nous", {ABOUT: 3}),
    LabelledQuery("groupe SOS", {ABOUT: 3}),
    LabelledQuery("recrutement et formation du gérant", {ABOUT: 3, WELCOME: 1}),
    LabelledQuery("guide des nouveaux gérants", {WELCOME: 3, ABOUT: 1}),
    LabelledQuery("contrats fournisseurs", {WELCOME: 3}),
    LabelledQuery("entraide sur le forum", {WELCOME: 3}),
    LabelledQuery("cafe", dict.fromkeys(ALL_CAFES, 2), audience="visiteur"),
    # Village stories.
    LabelledQuery("le café rouvre face à l'église", {STORY_BEAULON: 3, BEAULON: 1}),
    LabelledQuery("histoire de la réouverture du café de Culhat", {STORY_CULHAT: 3, CULHAT: 2}),
    LabelledQuery("café de montagne", {STORY_LA_BAUCHE: 3, LA_BAUCHE: 3}),
    LabelledQuery("il y a un café dans mon village sains", {STORY_SAINS: 3, SAINS: 2}, audience="visiteur"),
    # Event formats (two are members only: a visitor must not get them).
    LabelledQuery("organiser un repair café", {FORMAT_REPAIR: 3}),
    LabelledQuery("repas des aînés", {FORMAT_ELDERS: 3}),
    LabelledQuery("soirée quiz", {FORMAT_QUIZ: 3}),
    LabelledQuery("soirées soupes", {FORMAT_SOUPS: 3}, note="pluriel"),
    LabelledQuery("troc de graines", {FORMAT_PLANTS: 3}),
    LabelledQuery("pétanque", {FORMAT_PETANQUE: 3}),
    LabelledQuery("petanque", {FORMAT_PETANQUE: 3}, audience="visiteur", note="sans accent"),
    LabelledQuery("marché de producteurs au café", {FORMAT_MARKET: 3, CULHAT: 1}),
    LabelledQuery("dictée du village", {FORMAT_DICTATION: 3}),
    LabelledQuery("vide-grenier", {FORMAT_FLEA_MARKET: 3}),
    # Dated events.
    LabelledQuery("fest-noz", {"evenement:ti-kafe-guilligomarch/fest-noz-au-ti-kafe": 3}),
    LabelledQuery(
        "galette des rois",
        {"evenement:le-cafe-de-beaulon/galette-des-rois-des-habitants": 3},
        audience="visiteur",
    ),
    LabelledQuery("soirée raquettes", {"evenement:le-cafe-de-la-bauche/soiree-raquettes-et-vin-chaud": 3}),
    LabelledQuery(
        "carte vitale téléphone",
        {"evenement:le-comptoir-de-culhat/atelier-la-carte-vitale-sur-le-telephone": 3},
    ),
    LabelledQuery(
        "impôts en ligne", {"evenement:le-cafe-de-saint-emiland/atelier-payer-ses-impots-en-ligne": 3}
    ),
    # Producers.
    LabelledQuery("huîtres cancale", {"producteur:parcs-ostreicoles-de-la-butte": 3}),
    LabelledQuery(
        "parcs ostréicoles",
        {"producteur:parcs-ostreicoles-de-la-butte": 2, "producteur:parcs-ostreicoles-des-pres-verts": 2},
    ),  # fmt: skip
    # Forum threads (members-only ones only for members).
    LabelledQuery(
        "licence IV transfert", {"sujet:licence-iv-transfert-depuis-une-commune-voisine-combien-de-temps": 3}
    ),  # fmt: skip
    LabelledQuery("assurance multirisque", {"sujet:assurance-multirisque-qui-a-renegocie": 3}),
    LabelledQuery(
        "bénévoles motivés", {"sujet:les-benevoles-comment-les-garder-motives": 3}, audience="visiteur"
    ),
    LabelledQuery("loto règles", {"sujet:loto-du-cafe-les-regles-a-respecter": 3}, audience="visiteur"),
    LabelledQuery("trésorerie tendue", {"sujet:tresorerie-tendue-en-janvier-fevrier": 3}),
    LabelledQuery("accueillir les randonneurs", {"sujet:tourisme-dete-accueillir-les-randonneurs": 3}),
    LabelledQuery(
        "gérants", {ABOUT: 3}, audience="visiteur", note="le guide réservé aux membres ne sort pas"
    ),
]
