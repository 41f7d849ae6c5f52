"""Demo content of the producers' directory: 173 farms and workshops in real communes of the 13
metropolitan regions, with regional products, labels and seasons, and a few near each demo café with that
café's recommendation.

The communes are real (INSEE codes); the farms' and workshops' names are invented, contain no person's
name, and phone numbers are taken from the ranges that ARCEP sets aside for fiction (01 99 00…, 02 61 91…,
03 53 01…, 04 65 71…, 05 36 49…); e-mail addresses end in .invalid.
"""

from decimal import Decimal

from django.utils.text import slugify
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from producteurs.models import (
    Label,
    ProducerIndexPage,
    ProducerPage,
    ProducerProduct,
    Product,
    Recommendation,
    SalesMode,
)
from producteurs.months import ALL_YEAR, season
from producteurs.vocabulary import DELIVERY_TO_CAFES, ensure_vocabulary
from reseau.models import CafePage, Commune, HomePage, Member

INDEX_INTRO = (
    "Les fermes et ateliers qui fournissent les cafés du réseau, près de chez vous et dans toute la France : "
    "produits, saisons, labels et conditions pour les professionnels."
)

# archetype: (kind, products {slug: months}, presentation with {commune} and {department})
ARCHETYPES = {
    "chevre": (
        "ferme",
        {"fromage-de-chevre": season(3, 11), "yaourts": season(3, 10)},
        "Un troupeau de chèvres alpines qui pâturent autour de {commune} ; fromages lactiques moulés à "
        "la louche et affinés à la ferme, du frais au sec.",
    ),
    "fromage_vache": (
        "ferme",
        {"fromage-de-vache": ALL_YEAR, "beurre": ALL_YEAR, "creme": ALL_YEAR},
        "Une quarantaine de vaches à l'herbe et au foin ; le lait est transformé chaque matin à "
        "la fromagerie de la ferme, à {commune}.",
    ),
    "maraicher": (
        "ferme",
        {
            "salades": season(4, 11),
            "tomates": season(7, 10),
            "courges": season(9, 2),
            "poireaux": season(10, 3),
            "carottes": season(6, 3),
        },
        "Trois hectares de légumes de saison cultivés sans désherbant chimique à {commune} ; "
        "paniers composés chaque semaine selon la récolte.",
    ),
    "verger": (
        "ferme",
        {
            "pommes": season(9, 4),
            "poires": season(8, 12),
            "cerises": season(6, 7),
            "prunes": season(8, 9),
            "jus-de-pomme": ALL_YEAR,
        },
        "Des vergers de variétés anciennes et récentes sur les coteaux de {commune}, cueillis à "
        "maturité et conservés en chambre froide jusqu'au printemps.",
    ),
    "cidre": (
        "atelier",
        {"cidre": ALL_YEAR, "poire": ALL_YEAR, "jus-de-pomme": ALL_YEAR, "pommes": season(9, 3)},
        "Cidre fermier, poiré et jus de pomme pressés à {commune} à partir de pommes de haute tige, "
        "sans gazéification ajoutée.",
    ),
    "miel": (
        "ferme",
        {"miel": ALL_YEAR, "pain-d-epices": ALL_YEAR},
        "Deux cents ruches transhumantes entre les prairies et les bois de {department} ; miels de fleurs, "
        "d'acacia et de châtaignier, pain d'épices au miel de la maison.",
    ),
    "legumineuses": (
        "ferme",
        {"lentilles-vertes": ALL_YEAR, "pois-chiches": ALL_YEAR, "haricots-secs": ALL_YEAR},
        "Lentilles, pois chiches et haricots cultivés en rotation avec les céréales à {commune}, "
        "triés et ensachés à la ferme.",
    ),
    "moulin": (
        "atelier",
        {"farine-de-ble": ALL_YEAR, "farine-de-sarrasin": ALL_YEAR, "huile-de-colza": ALL_YEAR},
        "Un moulin à meules de pierre qui écrase les blés et le sarrasin des fermes voisines de "
        "{commune} ; huile de colza pressée à froid.",
    ),
    "biere": (
        "atelier",
        {"biere": ALL_YEAR},
        "Une petite brasserie installée dans une ancienne grange de {commune} : blonde, ambrée et bière de "
        "saison brassées avec l'orge de {department}.",
    ),
    "vin": (
        "ferme",
        {"vin": ALL_YEAR, "jus-de-raisin": ALL_YEAR},
        "Un domaine familial de douze hectares à {commune}, vendanges manuelles, vins de l'appellation et "
        "jus de raisin pour les enfants.",
    ),
    "viande": (
        "ferme",
        {"boeuf": ALL_YEAR, "veau": season(4, 10), "charcuterie": ALL_YEAR},
        "Élevage à l'herbe à {commune} ; viande en caissettes et charcuterie préparées à l'atelier de "
        "découpe de la ferme.",
    ),
    "volaille": (
        "ferme",
        {"volaille": ALL_YEAR, "oeufs-de-poule": ALL_YEAR, "canard": season(10, 3)},
        "Poulets et pintades élevés en plein air sur les prés de {commune}, œufs ramassés chaque jour.",
    ),
    "fournil": (
        "atelier",
        {"pain-au-levain": ALL_YEAR, "brioche": ALL_YEAR, "biscuits": ALL_YEAR},
        "Pain au levain cuit au feu de bois à {commune}, avec des farines de {department} ; brioches "
        "et biscuits le week-end.",
    ),
    "huitres": (
        "ferme",
        {"huitres": season(9, 4), "moules": season(6, 1)},
        "Huîtres élevées et affinées en claires à {commune}, moules de bouchot en saison.",
    ),
    "confitures": (
        "atelier",
        {"confitures": ALL_YEAR, "sirops": ALL_YEAR},
        "Confitures cuites en chaudron de cuivre et sirops de fruits, avec les fruits des vergers "
        "de {department}.",
    ),
    "olive": (
        "ferme",
        {"huile-d-olive": ALL_YEAR},
        "Oliviers en terrasses sur les hauteurs de {commune} ; huile d'olive vierge extra pressée au "
        "moulin dans les vingt-quatre heures.",
    ),
    "chataigne": (
        "ferme",
        {"chataignes": season(10, 12), "confitures": ALL_YEAR},
        "Châtaigneraie entretenue sur les pentes de {commune} : châtaignes fraîches à l'automne, "
        "crème de marrons toute l'année.",
    ),
    "noix": (
        "ferme",
        {"noix": season(10, 6), "huile-de-noix": ALL_YEAR},
        "Noyers de Franquette et de Marbot à {commune} ; noix sèches, cerneaux et huile pressée au moulin.",
    ),
    "fraises": (
        "ferme",
        {"fraises": season(4, 7), "framboises": season(6, 9)},
        "Fraises et framboises cueillies le matin même à {commune}, en pleine terre et sous abri.",
    ),
    "kiwi": (
        "ferme",
        {"kiwis": season(11, 4)},
        "Vergers de kiwis en bord de gave à {commune}, récoltés à la main en novembre.",
    ),
    "truite": (
        "ferme",
        {"truite": ALL_YEAR},
        "Truites élevées en eau de source à {commune}, vendues fraîches ou fumées à l'atelier.",
    ),
    "moutarde": (
        "atelier",
        {"moutarde": ALL_YEAR},
        "Moutarde à l'ancienne broyée à la meule à {commune}, avec des graines cultivées en {department}.",
    ),
    "sel": (
        "ferme",
        {"fleur-de-sel": season(6, 9)},
        "Fleur de sel et gros sel récoltés à la main dans les œillets des marais de {commune}.",
    ),
    "brebis": (
        "ferme",
        {"fromage-de-brebis": season(2, 10), "agneau": season(3, 6)},
        "Un troupeau de brebis laitières à {commune} ; fromages au lait cru affinés en cave, agneaux "
        "de printemps.",
    ),
    "clementine": (
        "ferme",
        {"clementines": season(11, 1)},
        "Clémentiniers de la plaine orientale à {commune}, fruits cueillis avec leurs feuilles.",
    ),
    "tisanes": (
        "ferme",
        {"tisanes": ALL_YEAR, "sirops": ALL_YEAR},
        "Plantes aromatiques et médicinales cultivées et séchées à {commune} : tisanes en vrac et "
        "sirops de fleurs.",
    ),
    "raisin": (
        "ferme",
        {"raisin-de-table": season(8, 10), "jus-de-raisin": ALL_YEAR},
        "Raisin de table cultivé en treilles sur les coteaux de {commune}, cueilli grappe par grappe.",
    ),
}

SECOND_SENTENCES = [
    "Vente à la ferme le vendredi après-midi et le samedi matin.",
    "Visites sur rendez-vous pour les gérant·e·s du réseau qui veulent connaître la ferme.",
    "Les commandes des cafés sont préparées la veille de la livraison.",
    "Installée depuis une dizaine d'années, l'exploitation accueille chaque année des stagiaires.",
    "Présente sur les marchés des villages voisins toute l'année.",
    "Travaille avec plusieurs épiceries et cafés des environs.",
]
DELIVERY_DAYS = ["le mardi", "mardi et vendredi", "le jeudi", "sur commande, le mercredi", "lundi et jeudi"]
MINIMUM_ORDERS = [None, Decimal("50"), Decimal("80"), Decimal("120"), Decimal("150")]
INVOICING = [
    "Facture à la livraison, paiement à 30 jours",
    "Facture mensuelle, paiement par virement",
    "Paiement à la commande, facture fournie",
    "Facture à la livraison, chèque ou virement",
]
LABEL_CODES = {
    "ab": "agriculture-biologique", "hve": "hve-haute-valeur-environnementale", "bf": "bienvenue-a-la-ferme",
    "np": "nature-progres", "demeter": "demeter", "aop": "aop", "igp": "igp", "lr": "label-rouge",
}  # fmt: skip
PHONE_PREFIXES = {"11": "01 99 00", "24": "02 61 91", "28": "02 61 91", "52": "02 61 91", "53": "02 61 91",
                  "27": "03 53 01", "32": "03 53 01", "44": "03 53 01", "84": "04 65 71", "93": "04 65 71",
                  "94": "04 65 71", "75": "05 36 49", "76": "05 36 49"}  # fmt: skip
RECOMMENDATIONS = [
    "Livraison chaque semaine, toujours à l'heure ; nos clients demandent ses {product} au comptoir.",
    "Des {product} d'une qualité régulière et un producteur qui s'adapte à nos petites quantités.",
    "Nous servons ses {product} au petit-déjeuner : les habitants du village les reconnaissent.",
]

# INSEE code, name (invented), archetype, labels (codes of LABEL_CODES), demo café it supplies or None
PRODUCERS = [
    ("43178", "Ferme des Quatre Vents", "legumineuses", "ab aop", None),  # Saint-Didier-sur-Doulon
    ("63380", "Ferme laitière de la Croix Blanche", "fromage_vache", "hve aop", None),  # Saint-Nectaire
    ("15219", "Fromagerie du Haut Chemin", "fromage_vache", "aop", None),  # Salers
    ("07110", "Châtaigneraie des Églantiers", "chataigne", "ab bf aop", None),  # Joyeuse
    ("26114", "Chèvrerie de la Garenne", "chevre", "bf ab aop", None),  # Dieulefit
    ("73271", "Ferme laitière du Champ Long", "fromage_vache", "np aop", None),  # Saint-Pierre-d'Alvey
    ("74295", "Vergers des Cerisiers", "verger", "igp", None),  # Vernaz
    ("01081", "Ferme avicole de la Motte", "volaille", "ab aop", None),  # Champfromier
    ("38559", "Noyeraie des Vignes Hautes", "noix", "demeter aop", None),  # Vinay
    ("69174", "Vignoble du Vieux Noyer", "vin", "ab aop", None),  # Sauvages
    ("42129", "Brasserie des Bruyères", "biere", "hve", None),  # Maclas
    ("03040", "Maraîchage de la Vallée", "maraicher", "", None),  # Bressolles
    ("21429", "Moutarderie du Clos Vert", "moutarde", "ab bf igp", None),  # Montigny-Montfort
    ("39434", "Ferme laitière des Ormeaux", "fromage_vache", "bf aop", None),  # Poligny
    ("25143", "Élevage de la Colline", "viande", "np igp", None),  # Chay
    ("89068", "Vignoble du Pont Vieux", "vin", "aop", None),  # Chablis
    ("71366", "Élevage du Bel Air", "viande", "ab lr", None),  # Ratenelle
    ("70388", "Conserverie des Grands Chênes", "confitures", "demeter", None),  # Noidans-lès-Vesoul
    ("58053", "Chèvrerie de la Fontaine", "chevre", "ab", None),  # Champlemy
    ("90041", "Miellerie du Grand Champ", "miel", "hve", None),  # Étueffont
    ("71453", "Volailles des Prés Verts", "volaille", "aop", None),  # Saint-Martin-du-Lac
    ("21241", "Maraîchage de la Lande", "maraicher", "ab bf", None),  # Échevronne
    ("39013", "Domaine du Ruisseau", "vin", "bf aop", None),  # Arbois
    ("58163", "Minoterie paysanne des Charmes", "moulin", "np", None),  # Menou
    ("14126", "Cidrerie de la Sablière", "cidre", "aop", None),  # Cambremer
    ("61071", "Ferme laitière de la Combe", "fromage_vache", "ab aop", None),  # Camembert
    ("50562", "Parcs ostréicoles du Moulin Neuf", "huitres", "demeter", None),  # Saint-Vaast-la-Hougue
    ("14342", "Ferme laitière des Coteaux", "fromage_vache", "ab aop", None),  # Isigny-sur-Mer
    ("27683", "Vergers de la Butte", "verger", "hve", None),  # Vézillon
    ("76279", "Maraîchage du Chêne Rond", "maraicher", "", None),  # Foucart
    ("50619", "Cidrerie des Peupliers", "cidre", "ab bf", None),  # Vast
    ("61349", "Ferme de l'Étang", "viande", "bf lr", None),  # Ri
    ("27323", "Volailles des Sources", "volaille", "np", None),  # Haye-Saint-Sylvestre
    ("76616", "Brasserie du Fond de Val", "biere", "", None),  # Saint-Martin-du-Manoir
    ("14162", "Rucher des Trois Tilleuls", "miel", "ab", None),  # Clécy
    ("50048", "Fournil de la Rivière", "fournil", "demeter", None),  # Beslon
    ("59384", "Fromagerie du Petit Bois", "fromage_vache", "ab aop", None),  # Maroilles
    ("62689", "Maraîchage des Noisetiers", "maraicher", "hve", None),  # Ransart
    ("80225", "Ferme de la Borde", "legumineuses", "", None),  # Creuse
    ("02726", "Minoterie paysanne du Vieux Pressoir", "moulin", "ab bf", None),  # Sommette-Eaucourt
    ("60531", "Vergers des Roches", "verger", "bf", None),  # Remy
    ("59545", "Brasserie de la Côte", "biere", "np", None),  # Saint-Souplet
    ("62289", "Volailles de la Source", "volaille", "lr", None),  # Écuires
    ("80039", "Maraîchage du Bois Joli", "maraicher", "ab", None),  # Ault
    ("02739", "Élevage des Saules", "viande", "demeter", None),  # Terny-Sorny
    ("60274", "Miellerie de la Noue", "miel", "ab", None),  # Glaignes
    ("62775", "Fournil du Mas Blanc", "fournil", "hve", None),  # Sanghen
    ("59130", "Conserverie des Hirondelles", "confitures", "", None),  # Cappelle-Brouck
    ("68277", "Domaine de la Guette", "vin", "ab bf aop", None),  # Riquewihr
    ("68071", "Ferme laitière des Landes Fleuries", "fromage_vache", "bf aop", None),  # Diefmatten
    ("67163", "Brasserie du Pré Haut", "biere", "np", None),  # Gougenheim
    ("88146", "Ferme fruitière des Genêts", "verger", "igp", None),  # Domjulien
    ("57437", "Rucher de la Pierre Plate", "miel", "ab igp", None),  # Malling
    ("51075", "Vignoble du Val Fleuri", "vin", "demeter aop", None),  # Bourgogne-Fresne
    ("10002", "Chèvrerie des Acacias", "chevre", "ab", None),  # Ailleville
    ("52227", "Ferme de la Forge", "viande", "hve", None),  # Graffigny-Chemin
    ("55516", "Volailles du Plateau", "volaille", "", None),  # Tréveray
    ("08006", "Minoterie paysanne du Grand Pré", "moulin", "ab bf", None),  # Alland'Huy-et-Sausseuil
    ("54514", "Vergers des Quatre Vents", "verger", "bf igp", None),  # Tellancourt
    ("88243", "Maraîchage de la Croix Blanche", "maraicher", "np", None),  # Housseras
    ("36228", "Chèvrerie du Haut Chemin", "chevre", "ab aop", None),  # Valençay
    ("18241", "Ferme caprine des Églantiers", "chevre", "ab aop", None),  # Sancerre
    ("37093", "Chèvrerie du Chêne Rond", "chevre", "demeter ab aop", None),  # Crouzilles
    ("18159", "Champs du Champ Long", "legumineuses", "ab igp", None),  # Nançay
    ("41278", "Jardins des Cerisiers", "maraicher", "hve", None),  # Villechauve
    ("45276", "Ferme fruitière de la Motte", "verger", "", None),  # Saint-Firmin-sur-Loire
    ("37181", "Domaine des Vignes Hautes", "vin", "ab bf aop", None),  # Paulmy
    ("28086", "Minoterie paysanne du Vieux Noyer", "moulin", "bf", None),  # Chassant
    ("45060", "Rucher des Bruyères", "miel", "np", None),  # Bussière
    ("41098", "Ferme avicole de la Vallée", "volaille", "", None),  # Gombergean
    ("28284", "Brasserie du Clos Vert", "biere", "ab", None),  # Oinville-Saint-Liphard
    ("36112", "Ferme des Ormeaux", "viande", "demeter", None),  # Mâron
    ("44069", "Marais salants de la Colline", "sel", "ab igp", None),  # Guérande
    ("85163", "Maraîchage du Pont Vieux", "maraicher", "hve", None),  # Noirmoutier-en-l'Île
    ("49330", "Domaine du Bel Air", "vin", "aop", None),  # Sceaux-d'Anjou
    ("72157", "Ferme avicole des Grands Chênes", "volaille", "ab bf lr", None),  # Lavardin
    ("53082", "Fromagerie de la Fontaine", "fromage_vache", "bf", None),  # Courbeveille
    ("49161", "Ferme fruitière du Grand Champ", "verger", "np", None),  # Jaille-Yvon
    ("85274", "Parcs ostréicoles des Prés Verts", "huitres", "", None),  # Saint-Valérien
    ("44200", "Maraîchage du Mas Blanc", "maraicher", "ab", None),  # Soulvache
    ("72084", "Élevage du Ruisseau", "viande", "demeter", None),  # Clermont-Créans
    ("53104", "Vergers des Charmes", "cidre", "ab", None),  # Gennes-Longuefuye
    ("85172", "Fournil de la Sablière", "fournil", "hve igp", None),  # Perrier
    ("49221", "Miellerie de la Combe", "miel", "", None),  # Mouliherne
    ("29189", "Fraiseraie du Moulin Neuf", "fraises", "ab bf", None),  # Plougastel-Daoulas
    ("29058", "Vergers des Coteaux", "cidre", "bf aop", None),  # Fouesnant
    ("35049", "Parcs ostréicoles de la Butte", "huitres", "np", None),  # Cancale
    ("56155", "Minoterie paysanne du Chêne Rond", "moulin", "igp", None),  # Pénestin
    ("22345", "Jardins des Peupliers", "maraicher", "ab aop", None),  # Trébry
    ("29236", "Cabane ostréicole de l'Étang", "huitres", "demeter", None),  # Riec-sur-Bélon
    ("35237", "Fromagerie des Sources", "fromage_vache", "ab", None),  # Renac
    ("56113", "Ferme avicole du Fond de Val", "volaille", "hve", None),  # Locmalo
    ("22335", "Élevage des Trois Tilleuls", "viande", "", None),  # Senven-Léhart
    ("35138", "Brasserie de la Rivière", "biere", "ab bf", None),  # Laignelet
    ("56006", "Rucher du Petit Bois", "miel", "bf", None),  # Augan
    ("22035", "Fournil des Noisetiers", "fournil", "np", None),  # Champs-Géraux
    ("24152", "Noyeraie de la Borde", "noix", "aop", None),  # Domme
    ("47089", "Conserverie du Vieux Pressoir", "confitures", "ab igp", None),  # Esclottes
    ("64330", "Élevage des Roches", "viande", "demeter igp", None),  # Lées-Athas
    ("40224", "Vergers de la Côte", "kiwi", "ab igp", None),  # Peyrehorade
    ("17219", "Parcs ostréicoles de la Source", "huitres", "hve", None),  # Marennes-Hiers-Brouage
    ("33480", "Vignoble du Bois Joli", "vin", "aop", None),  # Saint-Sulpice-de-Faleyrens
    ("19255", "Vergers des Saules", "verger", "ab bf aop", None),  # Seilhac
    ("87031", "Ferme de la Noue", "viande", "bf lr", None),  # Chalard
    ("79102", "Chèvrerie du Mas Blanc", "chevre", "np ab", None),  # Coulonges-Thouarsais
    ("16213", "Miellerie des Hirondelles", "miel", "", None),  # Mazerolles
    ("24015", "Fraiseraie de la Guette", "fraises", "ab igp", None),  # Audrix
    ("86121", "Champs des Landes Fleuries", "legumineuses", "demeter", None),  # Latillé
    ("12203", "Bergerie du Pré Haut", "brebis", "ab aop", None),  # Roquefort-sur-Soulzon
    ("12119", "Ferme laitière des Genêts", "fromage_vache", "hve aop", None),  # Laguiole
    ("46240", "Chèvrerie de la Pierre Plate", "chevre", "ab aop", None),  # Rocamadour
    ("34039", "Cabane ostréicole du Val Fleuri", "huitres", "ab bf", None),  # Bouzigues
    ("66046", "Vergers des Acacias", "verger", "bf", None),  # Caudiès-de-Fenouillèdes
    ("30149", "Oliveraie de la Forge", "olive", "np aop", None),  # Lirac
    ("32126", "Volailles des Charmes", "volaille", "igp", None),  # Estampes
    ("82177", "Treilles du Grand Pré", "raisin", "ab aop", None),  # Sauveterre
    ("11410", "Domaine des Quatre Vents", "vin", "demeter aop", None),  # Villalier
    ("09167", "Miellerie de la Croix Blanche", "miel", "ab", None),  # Lézat-sur-Lèze
    ("65197", "Élevage du Haut Chemin", "viande", "hve aop", None),  # Ger
    ("48075", "Pisciculture des Églantiers", "truite", "", None),  # Ispagnac
    ("04088", "Rucher de la Garenne", "miel", "ab bf igp", None),  # Forcalquier
    ("84068", "Ferme fruitière du Champ Long", "verger", "bf", None),  # Lourmarin
    ("13115", "Moulin à huile des Cerisiers", "olive", "np aop", None),  # Vernègues
    ("83151", "Vignoble de la Motte", "vin", "aop", None),  # Vins-sur-Caramy
    ("05132", "Élevage des Vignes Hautes", "viande", "ab igp", None),  # Saint-Bonnet-en-Champsaur
    ("04059", "Ferme caprine du Vieux Noyer", "chevre", "demeter aop", None),  # Clumanc
    ("84093", "Jardins des Bruyères", "maraicher", "ab", None),  # Puget
    ("06020", "Conserverie de la Vallée", "confitures", "hve", None),  # Bollène-Vésubie
    ("83135", "Jardin de simples du Clos Vert", "tisanes", "", None),  # Tavernes
    ("05050", "Pisciculture des Ormeaux", "truite", "ab bf", None),  # Espinasses
    ("84057", "Ferme de la Colline", "legumineuses", "bf", None),  # Joucas
    ("13029", "Fournil du Pont Vieux", "fournil", "np", None),  # Cornillon-Confoux
    ("2B087", "Agrumeraie du Bel Air", "clementine", "igp", None),  # Cervione
    ("2A198", "Bergerie des Grands Chênes", "brebis", "ab aop", None),  # Ota
    ("2B229", "Châtaigneraie de la Fontaine", "chataigne", "demeter aop", None),  # Pietroso
    ("2A215", "Oliveraie du Grand Champ", "olive", "ab aop", None),  # Pianottoli-Caldarello
    ("2B002", "Rucher des Prés Verts", "miel", "hve aop", None),  # Aghione
    ("2A099", "Ferme de la Lande", "viande", "aop", None),  # Cozzano
    ("2B057", "Domaine des Hirondelles", "vin", "ab bf aop", None),  # Canale-di-Verde
    ("2A142", "Conserverie des Charmes", "confitures", "bf", None),  # Levie
    ("2B236", "Chèvrerie de la Sablière", "chevre", "np ab", None),  # Poggio-di-Nazza
    ("2A351", "Brasserie de la Combe", "biere", "", None),  # Villanova
    ("2B318", "Fournil du Moulin Neuf", "fournil", "ab", None),  # Taglio-Isolaccio
    ("2A133", "Ferme fruitière des Coteaux", "verger", "demeter", None),  # Guitera-les-Bains
    ("77269", "Fromagerie de la Butte", "fromage_vache", "ab aop", None),  # Maincy
    ("91405", "Herboristerie du Chêne Rond", "tisanes", "hve", None),  # Milly-la-Forêt
    ("78310", "Volailles des Peupliers", "volaille", "", None),  # Houdan
    ("77283", "Ferme fruitière de l'Étang", "verger", "ab bf", None),  # May-en-Multien
    ("95452", "Jardins des Sources", "maraicher", "bf", None),  # Nointel
    ("91037", "Minoterie paysanne du Fond de Val", "moulin", "np", None),  # Auvernaux
    ("77216", "Rucher de la Croix Blanche", "miel", "", None),  # Grez-sur-Loing
    ("78049", "Maraîchage de la Rivière", "maraicher", "ab", None),  # Bazemont
    ("95023", "Brasserie du Petit Bois", "biere", "demeter", None),  # Arronville
    ("77144", "Champs des Noisetiers", "legumineuses", "ab", None),  # Crèvecœur-en-Brie
    ("91184", "Fournil de la Borde", "fournil", "hve", None),  # Courdimanche-sur-Essonne
    ("78104", "Ferme fruitière du Vieux Pressoir", "verger", "", None),  # Breuil-Bois-Robert
    ("03120", "Chèvrerie des Roches", "chevre", "ab bf", "03019"),  # Garnat-sur-Engièvre
    ("71389", "Maraîchage de la Côte", "maraicher", "bf", "03019"),  # Saint-Aubin-sur-Loire
    ("71047", "Volailles du Vieux Noyer", "volaille", "np", "03019"),  # Bourbon-Lancy
    ("63180", "Ferme fruitière du Bois Joli", "verger", "", "63131"),  # Joze
    ("63195", "Fromagerie des Saules", "fromage_vache", "ab", "63131"),  # Lezoux
    ("73275", "Ferme laitière de la Noue", "fromage_vache", "demeter aop", "73033"),
    ("73229", "Rucher du Mas Blanc", "miel", "ab", "73033"),  # Saint-Christophe
    ("56131", "Vergers des Hirondelles", "cidre", "hve", "29071"),  # Meslan
    ("29002", "Moulin de la Guette", "moulin", "", "29071"),  # Arzano
    ("35222", "Ferme avicole des Landes Fleuries", "volaille", "ab bf", "35248"),  # Pleine-Fougères
    ("35247", "Fournil du Pré Haut", "fournil", "bf", "35248"),  # Roz-sur-Couesnon
    ("71450", "Ferme des Genêts", "viande", "np", "71409"),  # Saint-Martin-de-Commune
    ("71413", "Chèvrerie du Grand Champ", "chevre", "ab", "71409"),  # Saint-Firmin
    ("45020", "Champs du Val Fleuri", "legumineuses", "ab", "45019"),  # Bardon
    ("45081", "Vergers de la Lande", "verger", "demeter", "45019"),  # Charsonville
    ("88147", "Ferme fruitière de la Forge", "verger", "ab", "88201"),  # Dommartin-aux-Bois
    ("88439", "Brasserie du Plateau", "biere", "hve", "88201"),  # Sanchey
]  # fmt: skip


def load(log) -> None:
    ensure_vocabulary()
    home = HomePage.objects.first()
    index = ProducerIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ProducerIndexPage(
                title="Producteurs", slug="producteurs", show_in_menus=True, intro=INDEX_INTRO
            )
        )
    products = {product.slug: product for product in Product.objects.all()}
    labels = {label.slug: label for label in Label.objects.all()}
    modes = {mode.slug: mode for mode in SalesMode.objects.all()}
    communes = Commune.objects.select_related("department__region").in_bulk(
        [row[0] for row in PRODUCERS], field_name="insee"
    )
    cafes = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    existing = set(ProducerPage.objects.values_list("slug", flat=True))
    created = 0
    for number, (insee, name, archetype, label_codes, cafe_insee) in enumerate(PRODUCERS):
        slug = slugify(name)
        if slug in existing:
            continue
        page = build_producer(number, communes[insee], name, slug, archetype, cafe_insee is not None)
        page.offers = [
            ProducerProduct(product=products[product], months=months)
            for product, months in ARCHETYPES[archetype][1].items()
        ]
        page.labels = [labels[LABEL_CODES[code]] for code in label_codes.split()]
        page.sales_modes = [modes[mode] for mode in sales_modes(number, page)]
        # One reference-index update per page instead of one per saved row (offers, labels, modes…).
        with disable_reference_index_auto_update():
            index.add_child(instance=page)
        ReferenceIndex.create_or_update_for_object(page)
        existing.add(slug)
        created += 1
        cafe = cafes.get(cafe_insee)
        if cafe is not None:
            recommend(page, cafe, number)
    log(f"Producteurs : {len(PRODUCERS)} dans l'annuaire ({created} ajoutés)")


def build_producer(
    number: int, commune: Commune, name: str, slug: str, archetype: str, near_cafe: bool
) -> ProducerPage:
    kind, _products, text = ARCHETYPES[archetype]
    delivers = near_cafe or number % 3 == 0
    place = name.split(" ", 1)[1] if " " in name else name
    presentation = text.format(commune=commune.name, department=commune.department.name_with_article)
    return ProducerPage(
        title=name,
        slug=slug,
        kind=kind,
        commune=commune,
        address=f"Chemin {place.split(' ', 1)[1] if place.startswith(('de ', 'du ', 'des ')) else place}, "
        f"{commune.postcode} {commune.name}",
        description=f"<p>{presentation} {SECOND_SENTENCES[number % len(SECOND_SENTENCES)]}</p>",
        phone=f"{PHONE_PREFIXES[commune.department.region.code]} {number // 100:02d} {number % 100:02d}",
        email=f"contact@{slug}.invalid",
        contact_public=number % 3 == 1,
        delivery_radius_km=40 if near_cafe else (25 + number % 4 * 10 if delivers else None),
        delivery_days=DELIVERY_DAYS[number % len(DELIVERY_DAYS)] if delivers else "",
        minimum_order_eur=MINIMUM_ORDERS[number % len(MINIMUM_ORDERS)],
        invoicing=INVOICING[number % len(INVOICING)],
    )


def sales_modes(number: int, page: ProducerPage) -> list[str]:
    modes = ["vente-a-la-ferme"] if page.kind == ProducerPage.Kind.FARM or number % 2 else []
    if number % 2 == 0:
        modes.append("marches")
    if number % 5 == 0:
        modes.append("vente-en-gros")
    if page.delivery_radius_km:
        modes.append(DELIVERY_TO_CAFES)
    return modes or ["marches"]


def recommend(page: ProducerPage, cafe: CafePage, number: int) -> None:
    product = page.offers.all()[0].product.name
    manager = Member.objects.filter(cafe=cafe).select_related("user").first()
    Recommendation.objects.get_or_create(
        producer=page,
        cafe=cafe,
        defaults={
            "text": RECOMMENDATIONS[number % len(RECOMMENDATIONS)].format(product=product),
            "author": manager.user if manager else None,
        },
    )
