# ruff: noqa: E501 - the demo tables keep one row per line, long French sentences included
"""Demo content of evenements: the section's pages, 16 formats, their "we ran it" reports, and upcoming
events in the demo cafés (dates relative to today, so the agenda is never empty).

Idempotent: formats are found by slug, events by café and title (a demo event that has passed is moved back
to its place relative to today), reports by format, café and date, registrations by event and e-mail.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from evenements import services
from evenements.models import (
    PARIS,
    Audience,
    BudgetLine,
    ChecklistItem,
    Event,
    EventFormatIndexPage,
    EventFormatPage,
    EventsIndexPage,
    FormatPartner,
    FormatRun,
    Registration,
    RunSheetStep,
    Season,
)
from reseau.access import Visibility
from reseau.models import CafePage, HomePage

A, S = Audience, Season
P = FormatPartner.Kind

# Usual obligations: (requirement, who to ask, days before, note).
LICENCE = (
    "Autorisation de buvette temporaire (débit de boissons hors du café)",
    "Mairie",
    21,
    "Seulement si l'on sert des boissons ailleurs qu'au café : place, salle des fêtes, terrain.",
)
SACEM = (
    "Déclaration de la musique diffusée ou jouée (Sacem)",
    "Sacem, espace en ligne",
    15,
    "Aussi pour une scène ouverte ou une playlist ; tarifs réduits pour les petits lieux.",
)
INSURANCE = (
    "Vérifier que l'assurance du café couvre l'évènement",
    "Assureur du café",
    30,
    "Surtout hors des murs, avec du public debout ou des bénévoles.",
)
PUBLIC_SPACE = ("Autorisation d'occuper la voie publique", "Mairie", 30, "Place, trottoir, parking communal.")
SAFETY = (
    "Déclaration de la manifestation et plan de sécurité (au-delà de 1 500 personnes)",
    "Mairie, puis préfecture",
    30,
    "En dessous de ce seuil, un plan simple (issues, secours) reste utile.",
)
HYGIENE = (
    "Règles d'hygiène des denrées : chaîne du froid, traçabilité, allergènes affichés",
    "DDPP du département en cas de doute",
    15,
    "",
)
TRAFFIC = ("Arrêté de circulation et de stationnement", "Mairie", 30, "")
FIRE = (
    "Feu ou barbecue en plein air : vérifier l'arrêté préfectoral",
    "Mairie ou préfecture",
    7,
    "Interdit en période de risque incendie dans plusieurs départements.",
)
FILM = (
    "Droits de projection publique du film",
    "Distributeur du film ou organisme de droits",
    30,
    "Un film loué ou acheté pour un usage privé ne peut pas être projeté en public.",
)
RESALE = (
    "Registre des exposants (vide-grenier) et déclaration en mairie",
    "Mairie",
    60,
    "Les particuliers ne peuvent pas participer à plus de deux ventes au déballage par an.",
)

# slug: (title, summary, audience, attendance, minutes, season, lead days, visibility, budget, materials,
#        partners, steps, tips, pitfalls, tags, checklist)
FORMATS = {
    "soiree-quiz": (
        "Soirée quiz", "Un quiz par équipes de quatre, trois manches, un soir de semaine où le café est calme.",
        A.EVERYONE, 30, 150, S.ALL_YEAR, 21, Visibility.PUBLIC,
        [("Lots (paniers de producteurs)", "60"), ("Affiches et flyers", "25")],
        "Micro et enceinte\nFeuilles de réponses et crayons\nArdoise des scores",
        [(P.ASSOCIATION, "le comité des fêtes prête une sono et relaie l'annonce")],
        [("avant", "J-21", "Écrire 30 questions, dont une manche sur le village"), ("avant", "J-10", "Afficher, annoncer au marché"),
         ("pendant", "20 h", "Former les équipes, rappeler les règles"), ("pendant", "", "Pause entre deux manches : c'est là qu'on sert"),
         ("apres", "J+1", "Publier le classement et les photos")],
        "Annoncez le thème de la manche locale : les anciens viennent pour elle.",
        "Des questions trop difficiles découragent : visez 60 % de bonnes réponses.",
        ["quiz", "soirée", "jeux"], [SACEM],
    ),
    "marche-de-producteurs": (
        "Marché de producteurs", "Huit à quinze producteurs du coin devant le café, un vendredi de fin d'après-midi.",
        A.EVERYONE, 150, 240, S.SPRING, 60, Visibility.PUBLIC,
        [("Location de barnums", "150"), ("Affiches", "40"), ("Verre de l'amitié", "50")],
        "Barnums et tables\nRallonges électriques\nPanneaux pour chaque producteur\nPoubelles de tri",
        [(P.TOWN_HALL, "autorise la place et prête les barrières"), (P.PRODUCERS, "viennent vendre, apportent leurs stands")],
        [("avant", "J-60", "Contacter les producteurs, fixer l'emplacement de chacun"), ("avant", "J-30", "Déposer les demandes en mairie"),
         ("pendant", "16 h", "Installation, le café sert les exposants"), ("pendant", "", "Animation : dégustation ou démonstration"),
         ("apres", "J+7", "Bilan avec les producteurs : on recommence ?")],
        "Publiez la liste des producteurs et de leurs produits une semaine avant.",
        "Un marché trop tôt dans la saison manque de légumes : attendez mai.",
        ["marché", "producteurs", "plein air"], [PUBLIC_SPACE, LICENCE, INSURANCE, HYGIENE],
    ),
    "concert-au-cafe": (
        "Concert au café", "Un groupe ou un musicien de la région, au chapeau ou avec une petite entrée.",
        A.EVERYONE, 60, 180, S.ALL_YEAR, 45, Visibility.PUBLIC,
        [("Cachet ou défraiement des musiciens", "300"), ("Sacem", "60"), ("Repas des musiciens", "45")],
        "Sono (ou celle du groupe)\nÉclairage d'appoint\nChapeau ou caisse",
        [(P.ARTISTS, "jouent, aident à la communication"), (P.ASSOCIATION, "l'école de musique fait la première partie")],
        [("avant", "J-45", "Réserver le groupe, fixer le cachet par écrit"), ("avant", "J-15", "Déclarer à la Sacem"),
         ("pendant", "19 h", "Balances, repas des musiciens"), ("pendant", "21 h", "Concert en deux sets"),
         ("apres", "J+1", "Payer les musiciens, remercier le public en ligne")],
        "Un extrait vidéo du groupe sur les réseaux du village vaut toutes les affiches.",
        "Prévenez les voisins et tenez l'heure de fin annoncée.",
        ["concert", "musique", "soirée"], [SACEM, INSURANCE],
    ),
    "repair-cafe": (
        "Repair café", "Des bénévoles bricoleurs réparent avec les habitants petit électroménager, vélos et vêtements.",
        A.EVERYONE, 25, 240, S.ALL_YEAR, 45, Visibility.PUBLIC,
        [("Petites fournitures (fusibles, fil, colle)", "50"), ("Affiches", "20")],
        "Tables solides et multiprises\nCaisse à outils\nFiches de suivi des réparations",
        [(P.ASSOCIATION, "les bénévoles réparateurs"), (P.TOWN_HALL, "relaie dans le bulletin municipal")],
        [("avant", "J-45", "Réunir trois ou quatre réparateurs"), ("avant", "J-7", "Rappeler : venir avec l'objet et ses accessoires"),
         ("pendant", "14 h", "Accueil, fiche par objet, ordre d'arrivée"), ("pendant", "", "Café offert pendant l'attente"),
         ("apres", "J+1", "Compter les objets sauvés, l'annoncer")],
        "Affichez le nombre d'objets réparés : c'est le chiffre qui fait revenir.",
        "Sans décharge signée, un appareil qui lâche après coup crée des tensions.",
        ["réparation", "atelier", "écologie"], [INSURANCE],
    ),
    "repas-des-aines": (
        "Repas des aînés", "Un déjeuner au café pour les aînés du village, avec ceux qui vivent seuls en priorité.",
        A.SENIORS, 40, 180, S.WINTER, 30, Visibility.PUBLIC,
        [("Courses chez les producteurs", "320"), ("Transport solidaire", "40"), ("Décoration", "20")],
        "Tables et nappes\nListe des inscrits et de leurs régimes",
        [(P.TOWN_HALL, "le CCAS repère les personnes isolées et participe au prix"), (P.ASSOCIATION, "le club des aînés aide au service")],
        [("avant", "J-30", "Fixer le menu et le prix avec la mairie"), ("avant", "J-7", "Appeler chaque inscrit, organiser le covoiturage"),
         ("pendant", "12 h", "Accueil, apéritif sans alcool proposé"), ("pendant", "", "Chansons ou photos anciennes du village"),
         ("apres", "J+2", "Appeler ceux qui n'ont pas pu venir")],
        "Le bouche-à-oreille et le bulletin municipal marchent mieux que les réseaux sociaux.",
        "Oublier le transport : ceux qui en ont le plus besoin ne conduisent plus.",
        ["repas", "aînés", "solidarité"], [HYGIENE, INSURANCE],
    ),
    "apres-midi-jeux": (
        "Après-midi jeux de société", "Jeux en bois et jeux de plateau pour toutes les générations, un dimanche d'hiver.",
        A.FAMILIES, 20, 180, S.ALL_YEAR, 14, Visibility.PUBLIC,
        [("Goûter", "30"), ("Location de jeux à la ludothèque", "25")],
        "Jeux en bois\nJeux de plateau\nTables dégagées",
        [(P.ASSOCIATION, "la ludothèque prête les jeux et explique les règles")],
        [("avant", "J-14", "Réserver les jeux à la ludothèque"), ("pendant", "14 h", "Une table par âge, un bénévole par table"),
         ("pendant", "16 h", "Goûter"), ("apres", "", "Rendre les jeux complets")],
        "Mettez une photo des jeux en bois sur l'affiche : les enfants la reconnaissent.",
        "Trop de jeux nouveaux à la fois : on passe l'après-midi à lire les règles.",
        ["jeux", "familles", "enfants"], [],
    ),
    "fete-de-la-musique": (
        "Fête de la musique", "Scène ouverte devant le café le 21 juin : groupes du coin, élèves de l'école de musique, buvette.",
        A.EVERYONE, 200, 300, S.SUMMER, 60, Visibility.PUBLIC,
        [("Location de sono et lumières", "450"), ("Sacem", "120"), ("Barrières et signalétique", "80"), ("Repas des musiciens", "120")],
        "Scène ou plancher\nSono et lumières\nBuvette et gobelets réutilisables",
        [(P.TOWN_HALL, "ferme la rue, prête barrières et électricité"), (P.ARTISTS, "les groupes se relaient"), (P.ASSOCIATION, "le comité des fêtes tient la buvette")],
        [("avant", "J-60", "Programmer les groupes, horaires par écrit"), ("avant", "J-30", "Demandes en mairie : rue, buvette, bruit"),
         ("pendant", "18 h", "Premiers groupes, les plus jeunes d'abord"), ("pendant", "23 h", "Fin annoncée et tenue"),
         ("apres", "J+1", "Nettoyage avec les bénévoles")],
        "Publiez le programme heure par heure : les familles viennent pour un groupe précis.",
        "Le bruit après minuit fâche le voisinage pour l'année.",
        ["concert", "musique", "plein air", "été"], [SACEM, PUBLIC_SPACE, LICENCE, TRAFFIC, INSURANCE, SAFETY],
    ),
    "atelier-numerique": (
        "Atelier numérique", "Deux heures pour apprendre à faire ses démarches en ligne, en petit groupe et sur son propre téléphone.",
        A.SENIORS, 8, 120, S.ALL_YEAR, 21, Visibility.PUBLIC,
        [("Intervenant (conseiller numérique)", "0"), ("Café et biscuits", "15")],
        "Connexion wifi stable\nMultiprises\nFiches pas à pas imprimées",
        [(P.TOWN_HALL, "met en relation avec le conseiller numérique du secteur")],
        [("avant", "J-21", "Choisir un thème (santé, impôts, photos)"), ("pendant", "", "Chacun sur son appareil, jamais de mot de passe dicté à voix haute"),
         ("apres", "", "Laisser les fiches au comptoir")],
        "Un thème précis par atelier remplit mieux qu'un « initiation à internet ».",
        "Plus de huit personnes : plus personne n'avance.",
        ["numérique", "aînés", "atelier"], [],
    ),
    "soiree-soupes": (
        "Soirée soupes", "Chacun apporte une soupe, on goûte tout, on vote pour la meilleure. Pain et fromage par le café.",
        A.EVERYONE, 40, 150, S.AUTUMN, 21, Visibility.PUBLIC,
        [("Pain et fromages", "70"), ("Bols compostables", "20")],
        "Réchauds et rallonges\nLouches\nÉtiquettes pour les soupes et leurs ingrédients",
        [(P.PRODUCERS, "le maraîcher offre des légumes pour la soupe du café")],
        [("avant", "J-21", "Lancer l'appel aux cuisiniers"), ("pendant", "19 h", "Chaque soupe étiquetée avec ses allergènes"),
         ("pendant", "21 h", "Vote et remise d'un panier de légumes"), ("apres", "", "Publier les recettes gagnantes")],
        "Demandez aux cuisiniers leur recette : elle fait un bel article ensuite.",
        "Soupes sans étiquette : impossible de répondre aux personnes allergiques.",
        ["repas", "soupe", "automne"], [HYGIENE],
    ),
    "troc-de-plantes": (
        "Troc de plantes et de graines", "Boutures, plants et graines s'échangent devant le café un samedi matin de printemps.",
        A.EVERYONE, 50, 180, S.SPRING, 30, Visibility.PUBLIC,
        [("Étiquettes et petits pots", "25"), ("Affiches", "20")],
        "Tables\nÉtiquettes et feutres\nSeaux d'eau",
        [(P.ASSOCIATION, "le club de jardinage conseille"), (P.SCHOOL, "l'école apporte les semis de la classe")],
        [("avant", "J-30", "Annoncer tôt pour que chacun prépare ses boutures"), ("pendant", "9 h", "Table des conseils, troc libre"),
         ("apres", "", "Les invendus vont au jardin de l'école")],
        "Photographiez les plus belles boutures pour l'an prochain.",
        "Plantes invasives : gardez la liste du département à portée de main.",
        ["jardin", "troc", "printemps", "écologie"], [PUBLIC_SPACE],
    ),
    "concours-de-petanque": (
        "Concours de pétanque", "Un concours en doublettes sur la place, buvette et grillades, tout l'après-midi.",
        A.EVERYONE, 48, 300, S.SUMMER, 30, Visibility.PUBLIC,
        [("Lots", "150"), ("Grillades", "200"), ("Tableau de marque", "15")],
        "Tableau des tirages\nCordeaux et craie\nBarbecue et extincteur",
        [(P.ASSOCIATION, "le club de pétanque arbitre"), (P.TOWN_HALL, "prête la place")],
        [("avant", "J-30", "Règlement, inscriptions au comptoir"), ("pendant", "14 h", "Tirage au sort des doublettes"),
         ("pendant", "19 h", "Finale et remise des lots"), ("apres", "", "Ranger la place, afficher les résultats")],
        "Un lot pour les derniers fait rire tout le monde.",
        "Inscriptions sur place sans limite : le concours finit à minuit.",
        ["pétanque", "plein air", "été"], [PUBLIC_SPACE, LICENCE, FIRE, INSURANCE],
    ),
    "scene-ouverte-jeunes": (
        "Scène ouverte des jeunes", "Les ados du village jouent, chantent, slament : le café leur prête la scène un samedi soir.",
        A.YOUTH, 40, 180, S.ALL_YEAR, 30, Visibility.PUBLIC,
        [("Location de sono", "120"), ("Sacem", "60"), ("Boissons sans alcool offertes aux artistes", "30")],
        "Sono et micros\nListe de passage",
        [(P.SCHOOL, "le collège relaie l'appel"), (P.ASSOCIATION, "la maison des jeunes encadre")],
        [("avant", "J-30", "Appel aux candidats, liste de passage"), ("pendant", "19 h", "Répétition rapide"),
         ("pendant", "20 h", "Passages de dix minutes"), ("apres", "", "Vidéo souvenir envoyée aux parents")],
        "Laissez les jeunes faire l'affiche.",
        "Servir de l'alcool à des mineurs : interdit, et un risque pour la licence du café.",
        ["jeunes", "musique", "soirée"], [SACEM, INSURANCE],
    ),
    "heure-du-conte": (
        "L'heure du conte", "Une conteuse ou un parent lit des histoires aux petits, le mercredi matin.",
        A.FAMILIES, 20, 60, S.ALL_YEAR, 21, Visibility.PUBLIC,
        [("Défraiement de la conteuse", "80"), ("Jus de fruits", "15")],
        "Tapis et coussins\nLivres de la médiathèque",
        [(P.ASSOCIATION, "la médiathèque prête les livres")],
        [("avant", "J-21", "Choisir les histoires avec la médiathèque"), ("pendant", "10 h", "Lecture, puis goûter"),
         ("apres", "", "Proposer la prochaine date aux parents")],
        "Les assistantes maternelles du village sont votre premier public.",
        "Un créneau en même temps que le marché : personne ne vient.",
        ["enfants", "lecture", "familles"], [],
    ),
    "vide-grenier": (
        "Vide-grenier", "Les habitants vident leurs greniers dans la rue du café un dimanche de printemps.",
        A.EVERYONE, 300, 480, S.SPRING, 90, Visibility.MEMBERS,
        [("Signalétique et fléchage", "60"), ("Registre et tickets", "15"), ("Buvette (achats)", "250")],
        "Registre des exposants\nCraies pour les emplacements\nGobelets réutilisables",
        [(P.TOWN_HALL, "autorise la vente au déballage, prend l'arrêté de circulation"), (P.ASSOCIATION, "l'association des parents tient la buvette")],
        [("avant", "J-90", "Déclaration en mairie"), ("avant", "J-30", "Inscriptions avec pièce d'identité"),
         ("pendant", "6 h", "Placement des exposants"), ("pendant", "", "Buvette et petite restauration"),
         ("apres", "18 h", "Nettoyage de la rue, dépôt des invendus à la ressourcerie")],
        "Le fléchage depuis la départementale fait venir les chineurs.",
        "Un registre mal tenu : amende pour l'organisateur.",
        ["brocante", "plein air", "printemps"], [RESALE, PUBLIC_SPACE, TRAFFIC, LICENCE, INSURANCE],
    ),
    "dictee-du-village": (
        "Dictée du village", "Une dictée lue par l'instituteur retraité, corrigée ensemble, avec un prix pour chaque âge.",
        A.EVERYONE, 30, 90, S.AUTUMN, 21, Visibility.MEMBERS,
        [("Prix (livres)", "60"), ("Photocopies", "10")],
        "Feuilles et stylos\nTexte de la dictée et son corrigé",
        [(P.SCHOOL, "l'école inscrit les élèves de CM2"), (P.ASSOCIATION, "le club des aînés corrige")],
        [("avant", "J-21", "Choisir un texte qui parle du village"), ("pendant", "15 h", "Lecture, puis correction au tableau"),
         ("apres", "", "Publier le texte et les meilleures copies")],
        "Mélangez les générations aux tables.",
        "Un classement public vexe : récompensez par âge.",
        ["jeux", "lecture", "aînés"], [],
    ),
    "cine-cafe": (
        "Ciné-café", "Un film projeté au café un soir d'hiver, suivi d'une discussion.",
        A.EVERYONE, 40, 150, S.WINTER, 45, Visibility.MEMBERS,
        [("Droits de projection", "150"), ("Location du vidéoprojecteur", "40"), ("Affiches", "20")],
        "Vidéoprojecteur et écran\nEnceinte\nChaises en rangées",
        [(P.ASSOCIATION, "le cinéma itinérant du département fournit film et matériel")],
        [("avant", "J-45", "Choisir le film et obtenir les droits"), ("pendant", "20 h", "Projection"),
         ("pendant", "22 h", "Discussion autour d'un verre"), ("apres", "", "Sondage pour le prochain film")],
        "Un film tourné dans la région attire toujours.",
        "Projeter un DVD acheté en magasin sans droits de projection publique.",
        ["cinéma", "soirée", "hiver"], [FILM, SACEM],
    ),
}  # fmt: skip

# (café INSEE, format slug or None, title, days from today, hour, minutes long, price, capacity or None)
EVENTS = [
    ("03019", "soiree-quiz", "Quiz du jeudi : spécial Bourbonnais", 4, 20, 150, "0", 32),
    ("03019", "heure-du-conte", "L'heure du conte de Noël", 9, 10, 60, "0", 20),
    ("03019", "repas-des-aines", "Repas des aînés de Beaulon", 16, 12, 180, "14", 40),
    ("03019", "cine-cafe", "Ciné-café : un film tourné en Auvergne", 23, 20, 150, "4", 40),
    ("03019", "repair-cafe", "Repair café de janvier", 44, 14, 240, "0", None),
    ("03019", None, "Galette des rois des habitants", 40, 16, 120, "0", None),
    ("63131", "marche-de-producteurs", "Marché de Noël des producteurs", 8, 16, 240, "0", None),
    ("63131", "concert-au-cafe", "Concert : chansons d'Auvergne", 13, 21, 150, "8", 60),
    ("63131", "apres-midi-jeux", "Dimanche jeux en bois", 18, 14, 180, "0", 24),
    ("63131", "soiree-quiz", "Quiz de l'hiver", 32, 20, 150, "0", 30),
    ("63131", "atelier-numerique", "Atelier : la carte Vitale sur le téléphone", 21, 10, 120, "0", 8),
    ("73033", "concert-au-cafe", "Concert acoustique au coin du feu", 6, 20, 180, "10", 50),
    ("73033", "soiree-soupes", "Soirée soupes de montagne", 11, 19, 150, "5", 40),
    ("73033", "scene-ouverte-jeunes", "Scène ouverte des jeunes des Bauges", 25, 20, 180, "0", 45),
    ("73033", "atelier-numerique", "Atelier : réserver ses billets de train", 36, 10, 120, "0", 8),
    ("73033", None, "Soirée raquettes et vin chaud", 52, 18, 180, "12", 25),
    ("29071", "concert-au-cafe", "Fest-noz au Ti Kafe", 10, 21, 240, "7", 80),
    ("29071", "dictee-du-village", "Dictée du village en breton et en français", 20, 15, 90, "0", 30),
    ("29071", "heure-du-conte", "Contes et légendes de Bretagne", 27, 10, 60, "0", 20),
    ("29071", "concert-au-cafe", "Premier samedi : concert de janvier", 38, 21, 180, "6", 60),
    ("35248", "apres-midi-jeux", "Après-midi jeux des familles", 5, 14, 180, "0", 20),
    ("35248", "repas-des-aines", "Repas des aînés de Sains", 19, 12, 180, "12", 36),
    ("35248", "cine-cafe", "Ciné-café : comédie d'hiver", 34, 20, 150, "3", 40),
    ("35248", "soiree-quiz", "Quiz de la Saint-Valentin", 80, 20, 150, "0", 30),
    ("71409", "soiree-soupes", "Soupes et châtaignes", 7, 19, 150, "0", None),
    ("71409", "atelier-numerique", "Atelier : payer ses impôts en ligne", 14, 14, 120, "0", 8),
    ("71409", "marche-de-producteurs", "Petit marché de la ferme voisine", 29, 16, 240, "0", None),
    ("71409", "troc-de-plantes", "Troc de graines d'hiver", 60, 10, 180, "0", None),
    ("88201", "repas-des-aines", "Repas partagé des aînés", 12, 12, 180, "10", 40),
    ("88201", "atelier-numerique", "Atelier numérique du mercredi", 3, 14, 120, "0", 8),
    ("88201", "soiree-quiz", "Quiz vosgien", 24, 20, 150, "0", 30),
    ("88201", "dictee-du-village", "Dictée de Girancourt", 48, 15, 90, "0", 30),
]

# (format slug, café INSEE, days ago, attendance, revenue, cost, rating, lessons)
RUNS = [
    ("soiree-quiz", "03019", 60, 34, "280", "85", 5, "Une manche sur l'histoire du village a fait venir des anciens qui ne sortaient plus le soir."),
    ("soiree-quiz", "63131", 120, 22, "190", "70", 4, "Trois manches suffisent ; à quatre, les équipes fatiguent avant la fin."),
    ("soiree-quiz", "88201", 200, 28, "240", "60", 4, "Les lots de producteurs plaisent plus que les bons d'achat."),
    ("marche-de-producteurs", "63131", 180, 210, "900", "260", 5, "Commencer à 16 h 30 pour attraper la sortie de l'école."),
    ("marche-de-producteurs", "71409", 150, 120, "520", "230", 4, "Un seul boulanger : il faut en prévoir deux ou prévenir."),
    ("concert-au-cafe", "29071", 30, 75, "640", "420", 5, "Le fest-noz a rempli le café ; prévoir de l'eau pour les danseurs."),
    ("concert-au-cafe", "73033", 90, 48, "380", "350", 3, "Concert trop tard en semaine : préférer le samedi."),
    ("repair-cafe", "03019", 45, 19, "60", "45", 4, "Quatorze objets réparés sur vingt ; les lampes sont les plus faciles."),
    ("repas-des-aines", "35248", 300, 38, "456", "390", 5, "Le covoiturage a permis à sept personnes de venir."),
    ("repas-des-aines", "88201", 330, 41, "410", "360", 5, "Chanter ensemble au dessert : le meilleur moment de l'année."),
    ("apres-midi-jeux", "35248", 70, 18, "90", "30", 4, "Une table pour les tout-petits libère les parents."),
    ("fete-de-la-musique", "63131", 158, 260, "2100", "980", 4, "Les gobelets réutilisables ont divisé les déchets par trois."),
    ("atelier-numerique", "88201", 20, 7, "0", "15", 5, "Thème « photos sur le téléphone » : complet en deux jours."),
    ("soiree-soupes", "73033", 380, 36, "150", "90", 4, "Dix-neuf soupes, il en fallait douze ; limiter les inscriptions."),
    ("troc-de-plantes", "71409", 210, 44, "80", "45", 5, "Les élèves ont tenu la table des semis comme des pros."),
    ("concours-de-petanque", "03019", 120, 52, "760", "380", 4, "Limiter à 24 doublettes pour finir avant 20 h."),
    ("vide-grenier", "35248", 190, 340, "1450", "420", 4, "Le fléchage depuis la départementale a tout changé."),
    ("cine-cafe", "29071", 330, 35, "210", "190", 3, "Le débat après le film a été plus long que le film."),
]  # fmt: skip

REGISTRATIONS = [
    ("Josiane", 2),
    ("Bernard et Odile", 2),
    ("Famille du moulin", 4),
    ("Yannick", 1),
    ("Sylvie", 1),
]


def load(log) -> None:
    home = HomePage.objects.first()
    section = EventsIndexPage.objects.first() or home.add_child(
        instance=EventsIndexPage(
            title="Évènements",
            slug="evenements",
            show_in_menus=True,
            intro="Les formats d'évènements qui ont marché dans les cafés du réseau, et l'agenda de chaque café.",
        )
    )
    index = EventFormatIndexPage.objects.first() or section.add_child(
        instance=EventFormatIndexPage(
            title="Les formats qui ont marché",
            slug="formats",
            intro="Soirées, marchés, ateliers, repas : de quoi les organiser dans votre café, budget et "
            "démarches compris, avec les bilans des cafés qui les ont menés.",
        )
    )
    formats = ensure_formats(index)
    cafes = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    runs = ensure_runs(formats, cafes)
    events = ensure_events(formats, cafes)
    log(f"Évènements : {len(formats)} formats, {runs} bilans, {events} évènements à venir")


def ensure_formats(index: EventFormatIndexPage) -> dict[str, EventFormatPage]:
    existing = {page.slug: page for page in EventFormatPage.objects.child_of(index)}
    for slug, row in FORMATS.items():
        if slug in existing:
            continue
        (title, summary, audience, attendance, minutes, season, lead, visibility, budget, materials, partners,
         steps, tips, pitfalls, tags, checklist) = row  # fmt: skip
        page = EventFormatPage(
            title=title,
            slug=slug,
            summary=summary,
            audience=audience,
            typical_attendance=attendance,
            duration_minutes=minutes,
            season=season,
            lead_time_days=lead,
            visibility=visibility,
            materials=materials,
            communication_tips=f"<p>{tips}</p>",
            pitfalls=f"<p>{pitfalls}</p>",
        )
        page.budget_lines = [BudgetLine(item=item, amount=Decimal(amount)) for item, amount in budget]
        page.partners = [FormatPartner(kind=kind, role=role) for kind, role in partners]
        page.steps = [RunSheetStep(phase=phase, when=when, text=text) for phase, when, text in steps]
        page.checklist = [
            ChecklistItem(requirement=requirement, who=who, days_before=days, note=note)
            for requirement, who, days, note in checklist
        ]
        page.tags.add(*tags)
        existing[slug] = index.add_child(instance=page)
    return existing


def ensure_runs(formats: dict[str, EventFormatPage], cafes: dict[str, CafePage]) -> int:
    today = timezone.localdate()
    for slug, insee, days_ago, attendance, revenue, cost, rating, lessons in RUNS:
        FormatRun.objects.get_or_create(
            format=formats[slug],
            cafe=cafes[insee],
            date=today - timedelta(days=days_ago),
            defaults={
                "attendance": attendance,
                "revenue": Decimal(revenue),
                "cost": Decimal(cost),
                "rating": rating,
                "lessons": lessons,
                "author": cafes[insee].managers.select_related("user").first().user
                if cafes[insee].managers.exists()
                else None,
            },
        )
    return FormatRun.objects.count()


def paris_at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0)).replace(tzinfo=PARIS)


def ensure_events(formats: dict[str, EventFormatPage], cafes: dict[str, CafePage]) -> int:
    today = timezone.localdate()
    now = timezone.now()
    for n, (insee, slug, title, days, hour, minutes, price, capacity) in enumerate(EVENTS):
        start = paris_at(today + timedelta(days=days), hour)
        event_format = formats[slug] if slug else None
        event, created = Event.objects.get_or_create(
            cafe=cafes[insee],
            title=title,
            defaults={
                "format": event_format,
                "description": event_format.summary
                if event_format
                else f"{title} : tout le village est invité.",
                "start": start,
                "end": start + timedelta(minutes=minutes),
                "price": Decimal(price),
                "registration_required": capacity is not None,
                "capacity": capacity,
            },
        )
        if not created and event.end < now:  # a demo event has passed: back to its place relative to today
            event.start, event.end = start, start + timedelta(minutes=minutes)
            event.save(update_fields=["start", "end"])
        if capacity and n % 3 == 0:
            for name, seats in REGISTRATIONS[: 1 + n % 4]:
                email = f"{slugify(name)}@exemple.invalid"
                if not Registration.objects.filter(event=event, email=email).exists():
                    services.register(event, name=name, email=email, seats=seats)
    return Event.objects.filter(end__gte=now).count()
