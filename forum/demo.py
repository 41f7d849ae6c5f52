# ruff: noqa: E501 - long French demo texts, kept one sentence a line
"""Demo content of the forum: six categories and some fifty threads about the real life of rural cafés.

Managers of the demo cafés talk about suppliers, the licence IV, seasonal tourism, volunteers, the La Poste
relay, the grocery corner… Every text is written for the project (no real person). Idempotent: a thread is
found by its category and title, and only created (with its replies) when missing.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from forum import chat_demo, services
from forum.markup import render_markdown
from forum.models import Category, Post, Reaction, Subscription, Thread, ThreadRead
from reseau.access import Visibility
from reseau.demo import DEMO_PASSWORD
from reseau.models import CafePage, Member

# slug, name, visibility, description
CATEGORIES = [
    ("difficultes-entraide", "Difficultés & entraide", Visibility.MEMBERS,
     "Un souci au café ? Trésorerie, fatigue, voisinage, travaux : on s'entraide entre gérant·e·s."),
    ("recettes", "Recettes", Visibility.PUBLIC,
     "Les plats du jour, les goûters, les recettes de saison qui marchent au comptoir."),
    ("evenements", "Évènements", Visibility.PUBLIC,
     "Concerts, lotos, marchés de producteurs, ateliers : ce qui fait venir du monde."),
    ("fournisseurs-contrats", "Fournisseurs & contrats", Visibility.MEMBERS,
     "Brasseurs, grossistes, assurances, contrats négociés par le réseau : retours d'expérience."),
    ("services", "Services (poste, épicerie…)", Visibility.MEMBERS,
     "Relais poste, épicerie, dépôt de pain, point numérique : faire tourner les services du village."),
    ("vie-du-reseau", "Vie du réseau", Visibility.PUBLIC,
     "Les nouvelles des cafés, les rencontres régionales, les présentations des nouveaux."),
]  # fmt: skip

# Managers of the demo cafés that have no account yet: (username, INSEE code of their café).
EXTRA_MANAGERS = [
    ("gerant-guilligomarch", "29071"),
    ("gerant-sains", "35248"),
    ("gerant-saint-emiland", "71409"),
    ("gerant-girancourt", "88201"),
]

# category slug, title, opening post, specific replies (each: text); solution = index of the reply or None
THREADS = [
    ("fournisseurs-contrats", "Licence IV : transfert depuis une commune voisine, combien de temps ?",
     "Bonjour à tous, la mairie a racheté la licence IV de l'ancien bar d'un village voisin pour notre café. "
     "La préfecture parle d'un transfert possible mais personne ne sait nous dire le délai. Quelqu'un est "
     "passé par là récemment ?",
     ["Chez nous il a fallu quatre mois entre la délibération du conseil municipal et l'arrêté. Le plus long "
      "a été l'avis des douanes.",
      "Attention : le transfert n'est possible que dans le même département, et il faut que la licence "
      "n'ait pas dormi plus de trois ans. Vérifiez la date de la dernière exploitation avant tout.",
      "Pensez aussi au permis d'exploitation : la formation de deux jours est obligatoire pour la personne "
      "qui signe la déclaration. Le réseau a une liste d'organismes agréés."], 1),
    ("fournisseurs-contrats", "Brasseur local ou grossiste pour la pression ?",
     "Le contrat avec notre grossiste arrive à échéance. Une petite brasserie à 15 km nous propose une "
     "tireuse et deux fûts par mois. Qui a fait le choix du local, et comment ça se passe pour le matériel ?",
     ["On travaille avec une brasserie du coin depuis un an : les clients adorent, mais ils ne prêtent pas "
      "la tireuse, il a fallu l'acheter d'occasion (environ 600 €).",
      "Regardez bien la clause d'exclusivité de votre grossiste actuel : la nôtre courait encore dix-huit "
      "mois après la fin du prêt de matériel."], 0),
    ("fournisseurs-contrats", "Assurance multirisque : qui a renégocié ?",
     "Notre prime a pris 18 % cette année sans sinistre. Le contrat-cadre du réseau couvre-t-il aussi la "
     "partie épicerie et les colis du relais ?",
     ["Oui, l'épicerie est couverte si elle est déclarée dans l'activité. Pour les colis, il faut l'option "
      "« biens confiés », à demander explicitement.",
      "Nous sommes passés au contrat-cadre en janvier : 230 € d'économie sur l'année, même garanties."], 0),
    ("fournisseurs-contrats", "Livraisons de boissons en hiver quand la route est fermée",
     "À La Bauche, la route du col ferme parfois deux jours. Le livreur refuse de monter quand il neige. "
     "Comment faites-vous pour ne pas tomber en rupture ?",
     ["On commande double fin novembre et on stocke dans le garage communal, avec l'accord de la mairie.",
      "Nous avons négocié un point de dépôt dans la vallée : un habitant qui descend chaque jour remonte "
      "les caisses. Ça marche très bien."], None),
    ("fournisseurs-contrats", "Machine à café : location ou achat ?",
     "Le torréfacteur nous propose une machine en location à 90 € par mois contre un engagement de 8 kg de "
     "café par mois. On en vend à peine 5. Des conseils ?",
     ["Négociez un volume minimum adapté à l'hiver : le nôtre a accepté 5 kg d'octobre à avril.",
      "Nous avons acheté une machine reconditionnée 2 800 € avec un an de garantie. Amortie en trois ans."], 0),
    ("fournisseurs-contrats", "Le contrat-cadre avec la centrale d'achat épicerie",
     "Quelqu'un a testé la centrale d'achat proposée par le réseau pour l'épicerie sèche ? Les minimums de "
     "commande me font peur pour un petit rayon.",
     ["Le minimum est de 300 € par commande, mais on peut se grouper entre cafés proches pour la livraison.",
      "Pour nous, les prix sont corrects sur les conserves et les pâtes, moins sur les produits frais."], None),
    ("difficultes-entraide", "Trésorerie tendue en janvier-février",
     "Chaque hiver c'est la même chose : le chiffre baisse de moitié et les charges tombent. Comment "
     "lissez-vous la trésorerie sur l'année ?",
     ["On met de côté 10 % du chiffre de juillet-août sur un compte à part, sans y toucher.",
      "Demandez à la mairie d'étaler le loyer : la nôtre a accepté un loyer réduit de décembre à mars.",
      "L'équipe régionale du réseau peut faire un point trésorerie avec vous : ça m'a évité un découvert."], 1),
    ("difficultes-entraide", "Voisin qui se plaint du bruit les soirs de concert",
     "Depuis qu'on fait un concert par mois, un voisin a écrit au maire. On arrête à 23 h mais il dit "
     "que ça continue sur la terrasse. Vous avez vécu ça ?",
     ["On a invité le voisin au concert suivant et on lui a présenté les musiciens. Depuis, il vient.",
      "Rentrez les gens à 22 h 30 et affichez l'heure de fin à l'entrée : les habitués jouent le jeu.",
      "Un limiteur de son a rassuré la mairie chez nous, environ 400 € posé."], 0),
    ("difficultes-entraide", "Seule au comptoir six jours sur sept, comment tenir ?",
     "J'ouvre du mardi au dimanche et je commence à fatiguer. Les bénévoles aident le week-end mais la "
     "semaine je suis seule. Comment vous organisez-vous pour souffler ?",
     ["J'ai fermé le mercredi après-midi : personne ne l'a reproché, au contraire.",
      "Nous avons un contrat aidé à 20 heures par semaine depuis l'automne, la mission locale nous a aidés.",
      "Prenez vos congés l'hiver et annoncez-les tôt : les habitants comprennent très bien."], None),
    ("difficultes-entraide", "Dégât des eaux dans le local communal : qui paie ?",
     "Une canalisation a lâché dans la réserve. Le local appartient à la commune. Mon assurance dit de voir "
     "avec le propriétaire, la mairie dit de voir avec mon assurance…",
     ["Regardez le bail : en général la canalisation encastrée est à la charge du propriétaire, le "
      "contenu (stock) à la vôtre.",
      "Faites un constat amiable dégât des eaux avec la mairie, les deux assureurs s'arrangent ensuite."], 1),
    ("difficultes-entraide", "Client qui boit trop et devient agressif",
     "Un habitué devient pénible en fin de journée. Je connais sa famille, c'est délicat. Comment refuser "
     "de servir sans créer un drame au village ?",
     ["La loi vous oblige à refuser de servir une personne ivre : dites-le simplement, c'est la règle.",
      "Je propose un café ou un sirop offert, et je préviens discrètement un proche.",
      "La formation permis d'exploitation a un module là-dessus, ça m'a donné les mots."], None),
    ("difficultes-entraide", "Terminal de paiement en panne le samedi matin",
     "Plus de réseau mobile, le TPE ne passe plus. On a perdu des ventes au marché. Quelle solution de "
     "secours avez-vous ?",
     ["Un TPE qui passe par la box en filaire, avec la 4G en secours : plus de souci depuis.",
      "On garde un carnet de « crédits » pour les habitués, réglé la semaine suivante."], 0),
    ("difficultes-entraide", "Recruter un remplaçant pour l'été",
     "Je cherche quelqu'un pour trois semaines en août. Où passez-vous vos annonces ?",
     ["Le groupe des saisonniers du département marche bien, et le bouche-à-oreille au café.",
      "Le réseau a un fichier de gérant·e·s remplaçant·e·s formé·e·s : demandez à l'animation régionale."], 1),
    ("services", "Relais poste : combien de colis par jour chez vous ?",
     "On démarre le relais poste le mois prochain. On nous annonce 10 à 15 colis par jour. Est-ce réaliste, "
     "et où les stockez-vous ?",
     ["Chez nous, 8 par jour en moyenne, 25 en décembre. Prévoyez une étagère fermée dans la réserve.",
      "La rémunération est fixe plus une part par opération : ça ne fait pas vivre le café mais ça fait venir "
      "du monde tous les jours.",
      "Demandez le lecteur de codes en même temps que la tablette, sinon on perd un temps fou."], 0),
    ("services", "Épicerie de dépannage : quels produits tournent vraiment ?",
     "On a ouvert un petit rayon épicerie. Les pâtes et le lait partent, le reste dort. Qu'est-ce qui se "
     "vend chez vous ?",
     ["Œufs, beurre, pain, lait, papier toilette, piles. Et les produits des fermes voisines en vitrine.",
      "Faites une liste au comptoir « ce qui vous manque » : on a ajouté la levure et les croquettes.",
      "Évitez les produits à date courte au début, on jetait trop."], 1),
    ("services", "Dépôt de pain : accord avec le boulanger du bourg",
     "Le boulanger accepte de nous livrer mais demande une commande ferme la veille. Comment gérez-vous "
     "les invendus ?",
     ["On prend les commandes des habitants jusqu'à 18 h et on ajoute 10 % ; le pain de la veille part en "
      "croûtons ou en pain perdu au goûter.",
      "Notre boulanger reprend les invendus pour ses poules, c'est devenu un rituel."], 0),
    ("services", "Point numérique : aider pour les démarches en ligne",
     "De plus en plus d'habitants viennent pour la déclaration d'impôts ou la carte grise. Jusqu'où "
     "pouvez-vous les aider ?",
     ["On ne saisit jamais à la place des gens : on les accompagne, c'est la règle du point numérique.",
      "Le conseiller numérique de l'intercommunalité passe chez nous un jeudi sur deux."], 0),
    ("services", "Portage de repas aux aînés : l'assurance et l'hygiène",
     "La mairie nous demande de livrer des repas à six personnes âgées. Quelles règles d'hygiène et quelle "
     "assurance faut-il ?",
     ["Il faut des caisses isothermes, un relevé de température et un plan de maîtrise sanitaire simple.",
      "Vérifiez que votre contrat couvre l'usage du véhicule personnel pour l'activité."], None),
    ("services", "Le distributeur de billets a fermé : point retrait ?",
     "La banque a retiré le distributeur du bourg. Certains cafés proposent un retrait d'espèces au "
     "comptoir, comment ça marche ?",
     ["C'est le service de cash-back avec certains TPE : le client paie et vous lui rendez des espèces.",
      "Attention à votre fond de caisse, on limite à 60 € par retrait."], 0),
    ("recettes", "Plat du jour à moins de 4 € de revient",
     "Je cherche des idées de plats du jour simples, faisables seule, à moins de 4 € de matière. Vous "
     "avez des classiques qui marchent ?",
     ["Le hachis parmentier du mardi : pommes de terre du voisin, c'est notre succès.",
      "Soupe + tartine + dessert le midi en hiver, à 11 € : les artisans du coin adorent.",
      "Les lentilles vertes en salade tiède l'été, avec des œufs de la ferme."], None),
    ("recettes", "Goûter des enfants après l'école",
     "Les parents attendent le car devant le café. On voudrait proposer un goûter à 2 €. Des recettes "
     "faciles en grande quantité ?",
     ["Le gâteau au yaourt en plaque : 30 parts, coût dérisoire, on varie avec les fruits de saison.",
      "Les crêpes le mercredi, pâte préparée le matin."], 0),
    ("recettes", "Que faire des fruits tombés que les habitants apportent ?",
     "Tout le monde nous apporte ses pommes et ses prunes en septembre. On ne peut pas tout vendre. Vos "
     "recettes pour ne rien perdre ?",
     ["Compotes en bocaux pour l'épicerie, étiquetées avec le nom du verger : ça se vend très bien.",
      "Les tartes du dimanche, et le surplus en confitures pour le marché de Noël."], 0),
    ("recettes", "Boisson chaude sans alcool pour les soirées d'hiver",
     "On cherche une boisson chaude sans alcool à proposer les soirs de loto. Des idées ?",
     ["Le jus de pomme chaud aux épices, servi dans des tasses : un carton chez nous.",
      "Un chocolat chaud maison avec le lait de la ferme, simple et apprécié."], None),
    ("recettes", "Fiche recette et allergènes : comment l'afficher ?",
     "Depuis qu'on fait le plat du jour, on nous demande les allergènes. Comment les affichez-vous "
     "simplement ?",
     ["Une ardoise avec le plat et les 14 allergènes cochés, refaite chaque matin.",
      "Les fiches recettes du site du réseau listent les allergènes : on les imprime."], 1),
    ("evenements", "Marché de producteurs le vendredi soir : vos conseils",
     "On lance un marché de producteurs devant le café le vendredi de 17 h à 20 h. Combien de producteurs "
     "pour que ça prenne ?",
     ["Commencez à cinq ou six, avec au moins un maraîcher, un fromager et du pain.",
      "Faites-le même s'il pleut les trois premières fois : la régularité fait tout.",
      "Nous demandons 5 € par emplacement, reversés à l'animation de Noël."], 0),
    ("evenements", "Concert dans un café : déclarations et droits d'auteur",
     "Premier concert prévu en mars. Quelles démarches faut-il faire pour les droits et le cachet des "
     "musiciens ?",
     ["Déclaration à l'organisme des droits d'auteur avant le concert, forfait petit lieu.",
      "Le guichet unique du spectacle occasionnel permet de payer les musiciens simplement."], 1),
    ("evenements", "Loto du café : les règles à respecter",
     "Le comité des fêtes veut faire un loto au café. Un café a-t-il le droit d'organiser un loto ?",
     ["Le loto doit être organisé par une association, dans un but social ou culturel, pas par le café.",
      "On prête la salle au comité des fêtes et on tient la buvette : tout le monde y gagne."], 0),
    ("evenements", "Soirée jeux de société : ça marche chez vous ?",
     "On a une centaine de jeux donnés par les habitants. Est-ce qu'une soirée jeux mensuelle attire du "
     "monde ?",
     ["Oui, surtout les familles le vendredi. On a une quinzaine de fidèles.",
      "Associez-vous avec la médiathèque intercommunale, ils prêtent des jeux récents."], None),
    ("evenements", "Repair café au comptoir",
     "Un retraité du village propose d'animer un repair café un samedi par mois. Des retours ?",
     ["Chez nous il a fallu une assurance de l'association qui anime, pas du café.",
      "Prévoyez une table solide et des rallonges, et un registre des objets réparés."], None),
    ("evenements", "Fête de la musique dans un village de 300 habitants",
     "Comment organiser la fête de la musique sans scène ni sono ?",
     ["Scène ouverte acoustique : les musiciens amateurs du canton viennent volontiers.",
      "La communauté de communes prête une petite sono, à réserver tôt."], 0),
    ("vie-du-reseau", "Présentez-vous : les nouveaux cafés de l'année",
     "Bienvenue aux cafés qui ont ouvert cette année ! Dites-nous où vous êtes et ce que proposent vos "
     "cafés.",
     ["Le Café de Sains, repris en septembre : épicerie et relais colis, et beaucoup d'envie.",
      "Le Café de Girancourt : portage de repas et ateliers numériques le mercredi.",
      "Ti Kafe à Guilligomarc'h : dépôt de pain, presse et concerts une fois par mois."], None),
    ("vie-du-reseau", "Rencontre régionale Auvergne-Rhône-Alpes",
     "La rencontre des gérant·e·s de la région aura lieu au printemps. Quels sujets voulez-vous aborder ?",
     ["La saisonnalité et la trésorerie, sans hésiter.",
      "Le relais poste et les nouveaux services : on aimerait des témoignages.",
      "Du covoiturage depuis l'Allier ? Je peux prendre trois personnes."], None),
    ("vie-du-reseau", "Tourisme d'été : accueillir les randonneurs",
     "L'été nous voyons passer beaucoup de randonneurs. Comment les faire entrer sans perdre les habitués ?",
     ["Un point d'eau et des toilettes signalés, plus une carte des sentiers au mur : ils reviennent.",
      "Des paniers pique-nique avec les produits locaux, sur commande la veille.",
      "Les horaires élargis en juillet-août, compensés par une fermeture en novembre."], 1),
    ("vie-du-reseau", "Les bénévoles : comment les garder motivés ?",
     "Nous avons une dizaine de bénévoles pour les évènements. Comment les remercier et les garder ?",
     ["Un repas de fin de saison offert par le café, et leurs noms sur le tableau de l'entrée.",
      "Donnez-leur de vraies responsabilités : l'un gère la programmation des concerts chez nous.",
      "Ne les sollicitez pas pour le service quotidien, c'est le rôle du café."], 1),
    ("vie-du-reseau", "Partager nos affiches et nos visuels",
     "Certains cafés font de superbes affiches. Pourrait-on partager des modèles ?",
     ["Je mets nos modèles de loto et de concert à disposition, modifiables.",
      "Le réseau a un kit graphique : demandez l'accès à l'équipe communication."], None),
    ("difficultes-entraide", "Horaires d'ouverture : trouver le bon rythme",
     "Nous ouvrons de 7 h à 20 h et les après-midis sont vides. Faut-il fermer entre 14 h et 16 h ?",
     ["On ferme de 14 h à 16 h en semaine depuis un an : moins de fatigue, même chiffre.",
      "Affichez les horaires sur la porte et sur le site du réseau, les gens s'adaptent vite."], 0),
    ("services", "Presse et journaux : dépôt rentable ?",
     "Le dépositaire de presse nous propose de reprendre le point presse du village. Ça vaut le coup ?",
     ["La marge est faible mais c'est une visite quotidienne assurée, surtout des aînés.",
      "Attention à la place des invendus et au temps de pointage chaque matin."], 0),
    ("fournisseurs-contrats", "Producteurs locaux : facturation et TVA",
     "Nous vendons des fromages d'une ferme en dépôt-vente. Comment gérer la TVA et les factures ?",
     ["En dépôt-vente vous ne facturez que votre commission, le producteur facture le client.",
      "Votre comptable vous le confirmera : demandez un contrat de dépôt écrit."], 0),
    ("recettes", "Tartes salées du marché",
     "Je cherche des idées de tartes salées à vendre à la part au marché du vendredi.",
     ["Poireaux et fromage de chèvre du voisin, le grand classique.",
      "Courge et noix en automne, à la part c'est facile à vendre."], None),
    ("evenements", "Conférence de l'historien local",
     "Un passionné d'histoire propose une causerie sur le village au café. Comment la faire connaître ?",
     ["Affiche à la boulangerie et à la mairie, et un mot dans le bulletin municipal.",
      "Faites-la un dimanche après-midi avec un goûter : salle pleine chez nous."], None),
    ("vie-du-reseau", "Un an d'ouverture à Beaulon : le bilan",
     "Le café fête sa première année. Merci au réseau et aux cafés qui m'ont conseillé ici !",
     ["Bravo ! Le relais poste a-t-il trouvé son rythme ?",
      "Félicitations, on passera vous voir lors de la rencontre régionale."], None),
    ("difficultes-entraide", "Panne du frigo vitrine en plein mois d'août",
     "Le frigo vitrine a lâché un samedi d'août. Le réparateur ne peut venir que dans dix jours…",
     ["Un collègue restaurateur du bourg nous a prêté une vitrine : demandez autour de vous.",
      "Le contrat d'entretien froid du réseau prévoit une intervention sous 48 h."], 1),
    ("services", "Location de vélos électriques au café",
     "La commune a acheté quatre vélos à assistance électrique à louer au café. Quelles conditions de "
     "location avez-vous mises en place ?",
     ["Une caution par empreinte bancaire et une pièce d'identité, tarif à la demi-journée.",
      "Faites signer un état des lieux du vélo à chaque départ, avec photo."], 0),
    ("recettes", "Le croque du café, votre version",
     "Chaque café a son croque-monsieur. Partagez la vôtre !",
     ["Pain de campagne du dépôt, jambon de la ferme, tomme de Savoie : le « croque bauchois ».",
      "Version végétarienne aux champignons pour ceux qui le demandent."], None),
]  # fmt: skip

# Short replies that members add to any thread (the rest of the conversation around the specific answers).
REACTIONS = [
    "Merci pour ce retour, c'est exactement ce que je cherchais.",
    "Même situation chez nous, je suis la discussion avec intérêt.",
    "Très utile, je vais en parler au conseil municipal.",
    "On a essayé quelque chose de proche l'an dernier, je confirme que ça marche.",
    "Je note, on en reparle à la rencontre régionale ?",
    "Merci à tous, ça me rassure de voir qu'on n'est pas seuls.",
    "Bonne idée, je teste dès la semaine prochaine et je vous dis.",
    "Chez nous c'est un peu différent parce que la commune gère le local, mais l'idée reste bonne.",
]
FOLLOW_UPS = {
    "difficultes-entraide": [
        "L'animation régionale est de très bon conseil sur ce genre de question, n'hésitez pas à l'appeler.",
        "Le plus dur est d'en parler : on se sent moins seul au comptoir après.",
        "Pensez à noter tout ce qui se passe, ça aide ensuite avec la mairie comme avec l'assureur.",
    ],
    "fournisseurs-contrats": [
        "Demandez toujours le contrat écrit avant de signer le bon de livraison.",
        "Le comparatif des fournisseurs dans l'espace membres a été mis à jour le mois dernier.",
        "Se grouper à deux ou trois cafés proches change tout pour les frais de livraison.",
    ],
    "services": [
        "Les habitants âgés apprécient surtout qu'il y ait quelqu'un pour expliquer.",
        "On affiche les horaires de chaque service à l'entrée, ça évite beaucoup de questions.",
        "Ce service ne rapporte pas beaucoup mais il fait venir des gens qui ne seraient jamais entrés.",
    ],
    "recettes": [
        "Avec les produits de la ferme d'à côté, c'est encore meilleur.",
        "J'ai mis la recette sur l'ardoise, les clients la demandent.",
        "Pensez à la version sans gluten, on nous la demande de plus en plus.",
    ],
    "evenements": [
        "Le bouche-à-oreille reste la meilleure publicité au village.",
        "Prévenez la gendarmerie et la mairie si du monde est attendu dehors.",
        "Une affiche chez le boulanger et à l'école, et c'est plein.",
    ],
    "vie-du-reseau": [
        "Au plaisir de se retrouver bientôt !",
        "C'est ce qui fait la force du réseau, merci.",
        "Je relaie aux autres cafés du département.",
    ],
}


def load(log) -> None:
    categories = ensure_categories()
    authors = ensure_managers()
    team = list(get_user_model().objects.filter(username__in=["moderation", "edition"]))
    created_threads = created_posts = 0
    rng = random.Random(1000)  # noqa: S311 - deterministic demo content, not security
    now = timezone.now()
    beaulon = CafePage.objects.filter(commune__insee="03019").first()
    for number, (slug, title, opening, replies, solution) in enumerate(THREADS):
        category = categories[slug]
        if Thread.objects.filter(category=category, title=title).exists():
            continue
        people = authors + team
        starter = authors[number % len(authors)]
        start = now - timedelta(days=90 - 2 * number, hours=rng.randint(0, 10))
        texts = [opening, *replies]
        fillers = [REACTIONS[(number + k) % len(REACTIONS)] for k in range(3)]
        fillers.insert(1, FOLLOW_UPS[slug][number % len(FOLLOW_UPS[slug])])
        texts += fillers[: 8 - len(texts) + (number % 3)]
        thread = Thread.objects.create(
            category=category,
            title=title,
            author=starter,
            created_at=start,
            about_page=beaulon if "Beaulon" in title else None,
        )
        posts = []
        for position, text in enumerate(texts):
            writer = starter if position == 0 else rng.choice([p for p in people if p != starter])
            created = start + timedelta(hours=5 * position + rng.randint(0, 4))
            posts.append(
                Post.objects.create(
                    thread=thread,
                    author=writer,
                    body=text,
                    body_html=render_markdown(text).html,
                    created_at=created,
                )
            )
            Subscription.objects.get_or_create(user=writer, thread=thread, defaults={"level": "suivre"})
        for post in posts[1:]:
            for fan in rng.sample(people, 2):
                if fan != post.author:
                    Reaction.objects.get_or_create(
                        post=post, user=fan, emoji=rng.choice(list(Reaction.EMOJIS))
                    )
        last = posts[-1]
        thread.post_count = len(posts)
        thread.last_post = last
        thread.last_post_at = last.created_at
        thread.solution = posts[solution + 1] if solution is not None else None
        thread.is_pinned = title.startswith("Présentez-vous")
        thread.save()
        for reader in people:
            if reader != starter and rng.random() < 0.5:
                ThreadRead.objects.get_or_create(
                    user=reader, thread=thread, defaults={"last_read_post_id": posts[len(posts) // 2].pk}
                )
        created_threads += 1
        created_posts += len(posts)
    services.recount_categories()  # the threads above were written directly, not through forum.services
    log(
        f"Forum : {len(categories)} catégories, {created_threads} sujets et {created_posts} messages créés "
        f"({Thread.objects.count()} sujets, {Post.objects.count()} messages en tout)"
    )
    chat_demo.load(log)


def ensure_categories() -> dict[str, Category]:
    categories = {}
    for position, (slug, name, visibility, description) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "visibility": visibility,
                "description": description,
                "position": position,
            },
        )
    return categories


def ensure_managers() -> list:
    """The demo managers: reseau's accounts, plus one for each demo café that has none yet."""
    user_model = get_user_model()
    for username, insee in EXTRA_MANAGERS:
        cafe = CafePage.objects.filter(commune__insee=insee).first()
        if cafe is None:
            continue
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": "Gérance", "last_name": cafe.title}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Member.objects.get_or_create(user=user, defaults={"cafe": cafe})
    return list(user_model.objects.filter(member__isnull=False).order_by("username"))
