"""The labelled query set of the network-wide search, written against the demo content (reseau/demo.py).

Each query is what a manager or a visitor would type, with the documents that should come first, graded:
3 = the answer, 2 = clearly relevant, 1 = acceptable. Unlisted documents count as irrelevant, so when the demo
grows (22 cafés, forum threads and events came after the first labels) the documents a person would expect
are graded here too: for a service, the cafés offering it (their chosen services) are the answer and what the
network writes about it (a thread, a format) is clearly relevant. Documents are named
"<type key>:<natural key>" as declared in search.registry (pages' slugs; events "<café slug>/<event slug>";
forum threads the slug of their title). When a content type lands, add its demo documents' queries to QUERIES:
the relevance script picks them up as they are.
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
# The cafés added to the demo after the first labels (reseau/demo.py), graded on the queries they answer.
CERELLES = "cafe:le-cafe-de-cerelles"
LAVAVEIX = "cafe:le-cafe-de-lavaveix"
MEILHAN = "cafe:le-cafe-du-port-de-meilhan"
SAINT_SOLVE = "cafe:le-cafe-de-saint-solve"
BOURS = "cafe:le-cafe-de-bours"
ODOS = "cafe:le-cafe-dodos"
CAPENDU = "cafe:le-cafe-de-capendu"
CONGRIER = "cafe:le-cafe-de-congrier"
LIGRON = "cafe:le-cafe-de-ligron"
TRESSON = "cafe:le-cafe-de-tresson"
MONTHUREUX = "cafe:le-cafe-de-monthureux"
THIN_LE_MOUTIER = "cafe:le-cafe-de-thin-le-moutier"
UGNY = "cafe:le-cafe-dugny"
COTTANCE = "cafe:le-cafe-de-cottance"
SENINGHEM = "cafe:le-cafe-de-seninghem"
BULLY = "cafe:le-cafe-de-bully"
MOUZEUIL = "cafe:le-cafe-de-mouzeuil"
SAINTE_LIZAIGNE = "cafe:le-cafe-de-sainte-lizaigne"
SOMMECAISE = "cafe:le-cafe-de-sommecaise"
MURAT = "cafe:le-cafe-de-murat-sur-vebre"
CHAMBOEUF = "cafe:le-cafe-de-chambuf"
SENERGUES = "cafe:le-cafe-de-senergues"
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
FORMAT_DIGITAL = "format:atelier-numerique"
FORMAT_DICTATION = "format:dictee-du-village"  # members only
FORMAT_FLEA_MARKET = "format:vide-grenier"  # members only
# Forum threads (members only unless said so).
THREAD_GROCERY = "sujet:epicerie-de-depannage-quels-produits-tournent-vraiment"
THREAD_PURCHASING = "sujet:le-contrat-cadre-avec-la-centrale-dachat-epicerie"
THREAD_POST = "sujet:relais-poste-combien-de-colis-par-jour-chez-vous"
THREAD_BREAD = "sujet:depot-de-pain-accord-avec-le-boulanger-du-bourg"
THREAD_PRESS = "sujet:presse-et-journaux-depot-rentable"
THREAD_DIGITAL = "sujet:point-numerique-aider-pour-les-demarches-en-ligne"
THREAD_MEALS = "sujet:portage-de-repas-aux-aines-lassurance-et-lhygiene"
THREAD_BIKES = "sujet:location-de-velos-electriques-au-cafe"
THREAD_LOCAL_PRODUCERS = "sujet:producteurs-locaux-facturation-et-tva"
THREAD_MARKET = "sujet:marche-de-producteurs-le-vendredi-soir-vos-conseils"  # public
THREAD_CONCERT = "sujet:concert-dans-un-cafe-declarations-et-droits-dauteur"  # public
THREAD_REPAIR = "sujet:repair-cafe-au-comptoir"  # public
THREAD_BEAULON = "sujet:un-an-douverture-a-beaulon-le-bilan"  # public
THREAD_RECRUITING = "sujet:recruter-un-remplacant-pour-lete"
# Dated events.
EVENTS_BEAULON = ["evenement:le-cafe-de-beaulon/" + slug for slug in (
    "quiz-du-jeudi-special-bourbonnais", "lheure-du-conte-de-noel", "repas-des-aines-de-beaulon",
    "cine-cafe-un-film-tourne-en-auvergne", "repair-cafe-de-janvier",
    "galette-des-rois-des-habitants")]  # fmt: skip
EVENTS_GUILLIGOMARCH = ["evenement:ti-kafe-guilligomarch/" + slug for slug in (
    "fest-noz-au-ti-kafe", "dictee-du-village-en-breton-et-en-francais", "contes-et-legendes-de-bretagne",
    "premier-samedi-concert-de-janvier")]  # fmt: skip
EVENTS_LA_BAUCHE = ["evenement:le-cafe-de-la-bauche/" + slug for slug in (
    "concert-acoustique-au-coin-du-feu", "soiree-soupes-de-montagne", "scene-ouverte-des-jeunes-des-bauges",
    "atelier-reserver-ses-billets-de-train", "soiree-raquettes-et-vin-chaud")]  # fmt: skip
CONCERT_EVENTS = [
    "evenement:le-cafe-de-la-bauche/concert-acoustique-au-coin-du-feu",
    "evenement:ti-kafe-guilligomarch/premier-samedi-concert-de-janvier",
    "evenement:le-comptoir-de-culhat/concert-chansons-dauvergne",
]
ELDERS_MEALS = [
    "evenement:le-cafe-de-sains/repas-des-aines-de-sains",
    "evenement:le-cafe-de-beaulon/repas-des-aines-de-beaulon",
    "evenement:le-cafe-de-girancourt/repas-partage-des-aines",
]

ALL_CAFES = [BEAULON, CULHAT, LA_BAUCHE, GUILLIGOMARCH, SAINS, SAINT_EMILAND, BACCON, GIRANCOURT, CERELLES,
             LAVAVEIX, MEILHAN, SAINT_SOLVE, BOURS, ODOS, CAPENDU, CONGRIER, LIGRON, TRESSON, MONTHUREUX,
             THIN_LE_MOUTIER, UGNY, COTTANCE, SENINGHEM, BULLY, MOUZEUIL, SAINTE_LIZAIGNE, SOMMECAISE, MURAT,
             CHAMBOEUF, SENERGUES]  # fmt: skip
# The cafés offering a service (their services chosen with the inhabitants, or their description).
WITH_GROCERY = [BACCON, BEAULON, BULLY, CONGRIER, COTTANCE, SAINS, SAINT_EMILAND, SAINT_SOLVE, SOMMECAISE,
                THIN_LE_MOUTIER, TRESSON, ODOS, CULHAT, GUILLIGOMARCH]  # fmt: skip
WITH_POST_OFFICE = [BACCON, BEAULON, BOURS, CERELLES, SAINS, SAINTE_LIZAIGNE, SENINGHEM, TRESSON]
WITH_PRESS = [BEAULON, BOURS, BULLY, CHAMBOEUF, LAVAVEIX, LIGRON, UGNY, GUILLIGOMARCH]
WITH_DIGITAL = [CERELLES, CHAMBOEUF, GIRANCOURT, ODOS, SAINT_EMILAND, SAINTE_LIZAIGNE, THIN_LE_MOUTIER]
WITH_MEALS = [COTTANCE, GIRANCOURT, MURAT, SAINT_SOLVE]
WITH_BIKES = [LA_BAUCHE, MONTHUREUX, MOUZEUIL, MEILHAN]
GROCERIES = {**dict.fromkeys(WITH_GROCERY, 3), THREAD_GROCERY: 2, THREAD_PURCHASING: 1, ABOUT: 1}
POST_OFFICES = {**dict.fromkeys(WITH_POST_OFFICE, 3), THREAD_POST: 2, ABOUT: 1}
BIKES = {**dict.fromkeys(WITH_BIKES, 3), THREAD_BIKES: 2, STORY_LA_BAUCHE: 1}
CONCERTS = {FORMAT_CONCERT: 3, GUILLIGOMARCH: 3, STORY_GUILLIGOMARCH: 2, **dict.fromkeys(CONCERT_EVENTS, 2),
            THREAD_CONCERT: 2, SENINGHEM: 1}  # fmt: skip

QUERIES: list[LabelledQuery] = [
    # Services people look for: the cafés offering them, then what the network says about them.
    LabelledQuery("épicerie", GROCERIES),
    LabelledQuery("EPICERIE", GROCERIES, note="casse et accents"),
    LabelledQuery("l'épicerie", GROCERIES, note="élision"),
    LabelledQuery("épiceries", GROCERIES, note="pluriel"),
    LabelledQuery("epicrie", GROCERIES, note="faute d'une lettre"),
    LabelledQuery("épicerie de dépannage", {BEAULON: 3, SOMMECAISE: 3, THREAD_GROCERY: 2, STORY_BEAULON: 1}),
    LabelledQuery("relais poste", POST_OFFICES),
    LabelledQuery('"relais poste"', POST_OFFICES, note="expression"),
    LabelledQuery("relais colis", {BACCON: 3, SENINGHEM: 3, THREAD_POST: 2, CERELLES: 1}),
    LabelledQuery("marché de producteurs", {CULHAT: 3, FORMAT_MARKET: 3, THREAD_MARKET: 2, STORY_CULHAT: 1}),
    LabelledQuery(
        "producteurs",
        {FORMAT_MARKET: 2, THREAD_MARKET: 2, THREAD_LOCAL_PRODUCERS: 2, CULHAT: 1, WELCOME: 1},
        note="ambigu : ce qui parle des producteurs",
    ),
    LabelledQuery("vélo électrique", {LA_BAUCHE: 3, THREAD_BIKES: 3, STORY_LA_BAUCHE: 2}),
    LabelledQuery("location de vélos", BIKES),
    LabelledQuery("velo", BIKES),
    LabelledQuery(
        "point information touristique", {LA_BAUCHE: 3, MURAT: 3, STORY_LA_BAUCHE: 2, CAPENDU: 1, MOUZEUIL: 1}
    ),
    LabelledQuery("concerts", CONCERTS),
    LabelledQuery("concert", CONCERTS, note="singulier"),
    LabelledQuery("concers", CONCERTS, note="faute d'une lettre"),
    LabelledQuery("dépôt de pain", {GUILLIGOMARCH: 3, THREAD_BREAD: 2, STORY_GUILLIGOMARCH: 2, UGNY: 1}),
    LabelledQuery("point presse", {**dict.fromkeys(WITH_PRESS, 3), THREAD_PRESS: 2}),
    LabelledQuery("restauration le midi", {SAINT_EMILAND: 3}),
    LabelledQuery(
        "ferme voisine",
        {
            SAINT_EMILAND: 3,
            "evenement:le-cafe-de-saint-emiland/petit-marche-de-la-ferme-voisine": 2,
            "recette:buf-bourguignon-de-la-ferme-voisine": 2,
            BULLY: 1,
        },
    ),
    LabelledQuery("accès numérique", {**dict.fromkeys(WITH_DIGITAL, 3), THREAD_DIGITAL: 2, ABOUT: 2}),
    LabelledQuery(
        "ateliers numériques",
        {
            GIRANCOURT: 3,
            FORMAT_DIGITAL: 3,
            "evenement:le-cafe-de-girancourt/atelier-numerique-du-mercredi": 3,
            SAINT_EMILAND: 1,
        },
    ),
    LabelledQuery("portage de repas", {**dict.fromkeys(WITH_MEALS, 3), THREAD_MEALS: 2, ABOUT: 2}),
    LabelledQuery(
        "repas pour les aînés",
        {GIRANCOURT: 3, FORMAT_ELDERS: 3, **dict.fromkeys(ELDERS_MEALS, 2), THREAD_MEALS: 2, SAINT_SOLVE: 2},
    ),
    # Places.
    LabelledQuery(
        "beaulon", {BEAULON: 3, STORY_BEAULON: 3, THREAD_BEAULON: 2, **dict.fromkeys(EVENTS_BEAULON, 1)}
    ),
    LabelledQuery("café de beaulon", {BEAULON: 3, STORY_BEAULON: 2}),
    LabelledQuery("comptoir culhat", {CULHAT: 3, STORY_CULHAT: 2}),
    LabelledQuery("saint emiland", {SAINT_EMILAND: 3}),
    LabelledQuery("Saint-Émiland", {SAINT_EMILAND: 3}),
    LabelledQuery(
        "guilligomarch",
        {GUILLIGOMARCH: 3, STORY_GUILLIGOMARCH: 3, **dict.fromkeys(EVENTS_GUILLIGOMARCH, 1)},
    ),
    LabelledQuery("café en montagne", {LA_BAUCHE: 3, STORY_LA_BAUCHE: 3}),
    LabelledQuery(
        "savoie",
        {
            LA_BAUCHE: 3,
            STORY_LA_BAUCHE: 2,
            "recette:gateau-de-savoie": 1,
            **dict.fromkeys(EVENTS_LA_BAUCHE, 1),
        },
    ),
    LabelledQuery(
        "finistère", {GUILLIGOMARCH: 3, STORY_GUILLIGOMARCH: 2, **dict.fromkeys(EVENTS_GUILLIGOMARCH, 1)}
    ),
    LabelledQuery(
        "bretagne",
        {
            GUILLIGOMARCH: 3,
            SAINS: 3,
            STORY_GUILLIGOMARCH: 2,
            STORY_SAINS: 2,
            "evenement:ti-kafe-guilligomarch/contes-et-legendes-de-bretagne": 2,
        },
    ),
    LabelledQuery("vosges", {GIRANCOURT: 3, MONTHUREUX: 3, "recette:tarte-aux-myrtilles-des-vosges": 1}),
    LabelledQuery("loiret", {BACCON: 3}),
    LabelledQuery("cafés en Auvergne", dict.fromkeys([BEAULON, CULHAT, LA_BAUCHE, COTTANCE, CHAMBOEUF], 2)),
    # The network's life.
    LabelledQuery("café menacé de fermeture", {SAINS: 3, STORY_SAINS: 3, TRESSON: 2}),
    LabelledQuery("café repris", {SAINS: 3, STORY_SAINS: 3, TRESSON: 3}),
    LabelledQuery("travaux en cours", {BACCON: 3}),
    LabelledQuery("ouverture au printemps", {BACCON: 3}),
    LabelledQuery("qui sommes-nous", {ABOUT: 3}),
    LabelledQuery("groupe SOS", {ABOUT: 3}),
    LabelledQuery("recrutement et formation du gérant", {ABOUT: 3, WELCOME: 1, THREAD_RECRUITING: 1}),
    LabelledQuery("guide des nouveaux gérants", {WELCOME: 3, ABOUT: 1}),
    LabelledQuery("contrats fournisseurs", {WELCOME: 3, THREAD_PURCHASING: 2}),
    LabelledQuery("entraide sur le forum", {WELCOME: 3}),
    LabelledQuery("cafe", dict.fromkeys(ALL_CAFES, 2), audience="visiteur"),
    # Village stories.
    LabelledQuery("le café rouvre face à l'église", {STORY_BEAULON: 3, BEAULON: 1}),
    LabelledQuery("histoire de la réouverture du café de Culhat", {STORY_CULHAT: 3, CULHAT: 2}),
    LabelledQuery("café de montagne", {STORY_LA_BAUCHE: 3, LA_BAUCHE: 3}),
    LabelledQuery("il y a un café dans mon village sains", {STORY_SAINS: 3, SAINS: 2}, audience="visiteur"),
    # Event formats (two are members only: a visitor must not get them).
    LabelledQuery(
        "organiser un repair café",
        {FORMAT_REPAIR: 3, THREAD_REPAIR: 2, "evenement:le-cafe-de-beaulon/repair-cafe-de-janvier": 1},
    ),
    LabelledQuery("repas des aînés", {FORMAT_ELDERS: 3, **dict.fromkeys(ELDERS_MEALS, 2), THREAD_MEALS: 1}),
    LabelledQuery("soirée quiz", {FORMAT_QUIZ: 3}),
    LabelledQuery(
        "soirées soupes",
        {FORMAT_SOUPS: 3, "evenement:le-cafe-de-la-bauche/soiree-soupes-de-montagne": 2},
        note="pluriel",
    ),
    LabelledQuery(
        "troc de graines", {FORMAT_PLANTS: 3, "evenement:le-cafe-de-saint-emiland/troc-de-graines-dhiver": 2}
    ),
    LabelledQuery("pétanque", {FORMAT_PETANQUE: 3}),
    LabelledQuery("petanque", {FORMAT_PETANQUE: 3}, audience="visiteur", note="sans accent"),
    LabelledQuery("marché de producteurs au café", {FORMAT_MARKET: 3, THREAD_MARKET: 2, CULHAT: 1}),
    LabelledQuery(
        "dictée du village",
        {
            FORMAT_DICTATION: 3,
            "evenement:ti-kafe-guilligomarch/dictee-du-village-en-breton-et-en-francais": 2,
        },
    ),
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
    # Recipes (the walk: a member looks for « tarte aux pommes »).
    LabelledQuery("tarte aux pommes", {"recette:tarte-tatin": 3, "recette:crumble-pommes-poires": 1}),
    LabelledQuery("quiche", {"recette:quiche-lorraine": 3, "recette:quiche-poireaux-et-chevre": 3}),
    LabelledQuery(
        "galettes de blé noir",
        {"recette:galettes-de-ble-noir-completes": 3, "recette:galette-saucisse": 2},
        audience="visiteur",
    ),
    LabelledQuery(
        "vin chaud",
        {
            "recette:vin-chaud-aux-epices": 3,
            "evenement:le-cafe-de-la-bauche/soiree-raquettes-et-vin-chaud": 2,
        },
    ),
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
