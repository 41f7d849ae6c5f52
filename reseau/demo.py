"""Demo content of the network's core: geography, the page tree, a few cafés and the demo accounts.

The cafés stand in communes that really joined the network (see ../shared/data/README.md); their names,
texts and people are illustrative, as the site's footer says.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page, Site

from reseau import demo_media
from reseau.access import Visibility
from reseau.geography import Commune, fold_name
from reseau.geography_import import import_geography
from reseau.models import (
    CafeIndexPage,
    CafePage,
    CafePhoto,
    CommuneApplication,
    ContentPage,
    HomePage,
    ManagerApplication,
    ManagerPosition,
    Member,
    Service,
    StoryIndexPage,
    StoryPage,
)
from reseau.recruitment import add_choices

DEMO_PASSWORD = "cafe-demo-2026"  # noqa: S105 - demo accounts only, listed in the README

HOME_INTRO = (
    "Dans les villages de moins de 3 500 habitants, le réseau 1000 cafés ouvre ou reprend des cafés "
    "multiservices : un café, un lieu de rencontre, et les services que les habitants ont choisis."
)
HOME_BODY = (
    "<p>Chaque café du réseau propose un socle commun (café, bar, petite restauration, lieu d'échanges) "
    "et des services décidés avec les habitants : relais poste, épicerie, point information, accès "
    "numérique, actions culturelles…</p><p>Les gérant·e·s du réseau partagent leurs fournisseurs, leurs "
    "recettes, leurs formats d'évènements et leurs producteurs locaux.</p>"
)

# (INSEE code, café name, status, opening hours, presentation, multiservices chosen with the inhabitants)
OPEN, SOON, TAKEN = CafePage.Status.OPEN, CafePage.Status.PREPARING, CafePage.Status.TAKEN_OVER
CAFES = [
    ("03019", "Le Café de Beaulon", OPEN, "Du mardi au dimanche, 7 h 30 – 20 h",
     "Café, épicerie de dépannage et relais poste au cœur du bourg, face à l'église.",
     ["relais-poste", "epicerie", "point-presse"]),
    ("63131", "Le Comptoir de Culhat", OPEN, "Du mercredi au dimanche, 8 h – 21 h",
     "Un café qui accueille les associations du village et un marché de producteurs le vendredi.",
     ["epicerie", "actions-culturelles", "point-informations"]),
    ("73033", "Le Café de La Bauche", OPEN, "Tous les jours sauf lundi, 8 h – 20 h",
     "Café de montagne, point information touristique et location de vélos à assistance électrique.",
     ["offres-touristiques", "location-de-velo", "point-informations"]),
    ("29071", "Ti Kafe Guilligomarc'h", OPEN, "Du mardi au samedi, 8 h – 20 h",
     "Café, dépôt de pain et point presse ; concerts le premier samedi du mois.",
     ["point-presse", "actions-culturelles", "epicerie"]),
    ("35248", "Le Café de Sains", TAKEN, "Du mardi au dimanche, 8 h – 19 h",
     "Le café menacé de fermeture a été repris par le réseau ; on y trouve désormais une épicerie.",
     ["epicerie", "relais-poste"]),
    ("71409", "Le Café de Saint-Émiland", OPEN, "Du jeudi au lundi, 9 h – 20 h",
     "Petite restauration le midi avec les produits de la ferme voisine, accès numérique.",
     ["acces-numerique", "epicerie"]),
    ("45019", "Le Café de Baccon", SOON, "Ouverture prévue au printemps",
     "Les travaux du local communal sont en cours ; les habitants ont choisi l'épicerie et le relais colis.",
     ["epicerie", "relais-poste"]),
    ("88201", "Le Café de Girancourt", OPEN, "Du mardi au dimanche, 7 h – 20 h",
     "Café, portage de repas aux aînés du village et ateliers numériques le mercredi.",
     ["portage-de-repas", "acces-numerique"]),
    ("37047", "Le Café de Cerelles", OPEN, "Du mardi au samedi, 7 h 30 – 19 h 30",
     "À deux pas de la mairie, un café où l'on imprime ses papiers et où l'on retire ses colis.",
     ["acces-numerique", "relais-poste"]),
    ("23105", "Le Café de Lavaveix", OPEN, "Du mercredi au dimanche, 8 h – 20 h",
     "L'ancien café des mineurs a rouvert : journaux du jour, soirées jeux et exposition sur la mine.",
     ["point-presse", "actions-culturelles"]),
    ("47165", "Le Café du Port de Meilhan", OPEN, "Tous les jours en été, sinon du mardi au dimanche",
     "Au bord du canal, le café accueille les cyclistes de la véloroute et loue des vélos.",
     ["location-de-velo", "offres-touristiques", "point-informations"]),
    ("19242", "Le Café de Saint-Solve", OPEN, "Du mardi au dimanche, 8 h – 19 h",
     "Un café-épicerie qui livre des repas chauds aux aînés des hameaux.",
     ["epicerie", "portage-de-repas"]),
    ("65108", "Le Café de Bours", OPEN, "Du lundi au samedi, 7 h – 20 h",
     "Dans la plaine de Tarbes, un café avec relais poste et point presse.",
     ["relais-poste", "point-presse"]),
    ("65331", "Le Café d'Odos", SOON, "Ouverture prévue à l'automne",
     "Le local est trouvé ; une réunion publique a fixé les services : épicerie et accès numérique.",
     ["epicerie", "acces-numerique"]),
    ("11068", "Le Café de Capendu", OPEN, "Du mardi au dimanche, 7 h – 21 h",
     "Sur la route des Corbières, un café avec point information et offres touristiques.",
     ["offres-touristiques", "point-informations", "actions-culturelles"]),
    ("53073", "Le Café de Congrier", OPEN, "Du mercredi au lundi, 8 h – 20 h",
     "Café, épicerie et bibliothèque partagée tenue par les bénévoles du village.",
     ["epicerie", "actions-culturelles"]),
    ("72163", "Le Café de Ligron", OPEN, "Du jeudi au dimanche, 9 h – 19 h",
     "Près du musée de la faïence, le café propose les circuits de randonnée et un point presse.",
     ["offres-touristiques", "point-presse"]),
    ("72361", "Le Café de Tresson", TAKEN, "Du mardi au samedi, 8 h – 19 h",
     "Repris quand le dernier commerce allait fermer ; le relais poste a suivi quelques mois plus tard.",
     ["relais-poste", "epicerie"]),
    ("88310", "Le Café de Monthureux", OPEN, "Du mardi au dimanche, 7 h 30 – 20 h",
     "Au bord de la Saône, un café avec location de vélos et accueil des randonneurs.",
     ["location-de-velo", "offres-touristiques"]),
    ("08449", "Le Café de Thin-le-Moutier", OPEN, "Du mercredi au dimanche, 8 h – 20 h",
     "Le café accueille la permanence numérique et un dépôt d'épicerie.",
     ["acces-numerique", "epicerie"]),
    ("54537", "Le Café d'Ugny", OPEN, "Du mardi au dimanche, 8 h – 20 h",
     "Un café où l'on trouve le journal, le pain et les informations de la commune.",
     ["point-presse", "point-informations"]),
    ("42073", "Le Café de Cottance", OPEN, "Du mardi au dimanche, 7 h 30 – 20 h",
     "Café, épicerie de produits des monts du Lyonnais et portage de repas.",
     ["epicerie", "portage-de-repas"]),
    ("62788", "Le Café de Seninghem", OPEN, "Du mercredi au dimanche, 8 h – 21 h",
     "Concerts et soirées contes dans l'arrière-salle ; relais colis au comptoir.",
     ["actions-culturelles", "relais-poste"]),
    ("76147", "Le Café de Bully", OPEN, "Du mardi au samedi, 7 h – 19 h 30",
     "Au pays de Bray, un café-épicerie qui vend les fromages et le cidre des fermes voisines.",
     ["epicerie", "point-presse"]),
    ("85158", "Le Café de Mouzeuil", OPEN, "Du mardi au dimanche, 8 h – 20 h",
     "À l'orée du Marais poitevin, location de vélos et point information pour les visiteurs.",
     ["location-de-velo", "offres-touristiques", "point-informations"]),
    ("36199", "Le Café de Sainte-Lizaigne", OPEN, "Du lundi au samedi, 7 h – 20 h",
     "Café, relais poste et aide aux démarches en ligne le jeudi matin.",
     ["relais-poste", "acces-numerique"]),
    ("89397", "Le Café de Sommecaise", SOON, "Ouverture prévue en juin",
     "Le plus petit village du réseau dans l'Yonne prépare son café avec une épicerie de dépannage.",
     ["epicerie"]),
    ("81192", "Le Café de Murat-sur-Vèbre", OPEN, "Du mardi au dimanche, 8 h – 20 h",
     "Dans les monts de Lacaune, un café avec point information touristique et portage de repas.",
     ["offres-touristiques", "portage-de-repas", "point-informations"]),
    ("42043", "Le Café de Chambœuf", OPEN, "Du mardi au dimanche, 7 h 30 – 20 h",
     "Café, point presse et accès numérique, au centre du village.",
     ["point-presse", "acces-numerique"]),
    ("12268", "Le Café de Sénergues", OPEN, "Du jeudi au mardi, 9 h – 19 h",
     "Sur les chemins de Conques, un café qui accueille les marcheurs et les expositions d'artistes.",
     ["offres-touristiques", "actions-culturelles"]),
]  # fmt: skip

# (café INSEE code, title, intro, story paragraphs, opening date, services opened, captions)
STORIES = [
    ("03019", "Beaulon : le café rouvre face à l'église",
     "Après trois ans sans café, les habitants de Beaulon ont retrouvé un comptoir, un relais poste et une "
     "épicerie.",
     ["Le dernier café du bourg avait fermé un hiver, et avec lui le seul endroit où l'on se croisait en "
      "semaine. La mairie a proposé l'ancienne boulangerie, rachetée quelques années plus tôt.",
      "Une réunion publique a réuni une soixantaine d'habitants : ils ont choisi le relais poste, l'épicerie "
      "de dépannage et le point presse. Le réseau a recruté et formé la gérante, venue d'un village voisin.",
      "Aujourd'hui, le café ouvre six jours sur sept ; le club des aînés y tient sa belote du jeudi."],
     date(2020, 3, 15), ["relais-poste", "epicerie", "point-presse"],
     ["Le café a rouvert face à l'église.", "On y retire ses colis et on y achète son pain.",
      "Le jeudi, c'est belote avec le club des aînés."]),
    ("63131", "Culhat : un comptoir pour les associations",
     "À Culhat, le café est devenu la maison commune des associations et du marché du vendredi.",
     ["Le village comptait une quinzaine d'associations mais plus aucun lieu pour se retrouver après les "
      "réunions. Le café a été pensé avec elles : une salle à l'arrière, un tableau d'affichage, "
      "des horaires tardifs le vendredi.",
      "Le marché de producteurs s'installe désormais devant la terrasse ; l'épicerie vend le reste de la "
      "semaine les produits des mêmes fermes."],
     date(2020, 9, 5), ["epicerie", "actions-culturelles", "point-informations"],
     ["Le vendredi, le marché s'installe devant la terrasse.", "Les associations se réunissent à l'arrière.",
      "L'épicerie vend les produits des fermes voisines."]),
    ("73033", "La Bauche : un café de montagne pour les habitants et les visiteurs",
     "À La Bauche, le café accueille les randonneurs l'été et reste le cœur du village l'hiver.",
     ["Le village voyait passer des cyclistes et des marcheurs sans rien pour les accueillir. Le café loue "
      "aujourd'hui des vélos à assistance électrique et tient le point information touristique.",
      "L'hiver, quand les visiteurs se font rares, il reste ouvert pour les habitants : soupe le midi, "
      "journaux et aide aux démarches."],
     date(2021, 5, 22), ["offres-touristiques", "location-de-velo", "point-informations"],
     ["Les vélos se louent à la journée.", "L'été, les randonneurs s'arrêtent au café.",
      "L'hiver, il reste le cœur du village."]),
    ("29071", "Guilligomarc'h : du pain, des journaux et des concerts",
     "À Guilligomarc'h, le café a ramené le pain au bourg et fait revenir la musique le samedi soir.",
     ["Depuis la fermeture de la boulangerie, il fallait prendre la voiture pour acheter une baguette. Le "
      "café reçoit chaque matin le pain d'un artisan du canton et les journaux.",
      "Le premier samedi du mois, des groupes de la région jouent dans la salle : on y vient de toutes les "
      "communes voisines."],
     date(2021, 10, 2), ["point-presse", "actions-culturelles", "epicerie"],
     ["Le pain arrive chaque matin au café.", "Les journaux du jour sont au comptoir.",
      "Le premier samedi du mois, concert dans la salle."]),
    ("35248", "Sains : le café menacé a été repris",
     "À Sains, le café allait fermer faute de repreneur ; le réseau l'a repris et y a ajouté une épicerie.",
     ["Le gérant partait à la retraite et personne ne se présentait. La commune a sollicité le réseau, qui a "
      "repris le fonds et rénové la salle avec l'aide des habitants.",
      "L'épicerie et le relais poste ont ouvert dans la foulée ; le café est redevenu le point de "
      "rendez-vous des parents à la sortie de l'école."],
     date(2022, 4, 9), ["epicerie", "relais-poste"],
     ["Le café allait fermer faute de repreneur.", "Les habitants ont aidé à rénover la salle.",
      "L'épicerie et le relais poste ont ouvert."]),
]  # fmt: skip

# (commune INSEE code, contact, café today, shops, premises, surface, housing, support, services, status)
APPLICATIONS = [
    ("15001", "Mairie d'Allanche (démonstration)", CommuneApplication.CafeToday.THREATENED,
     "Une boulangerie, une pharmacie.", "Ancienne poste, place de la mairie", 85, True,
     "Pétition de 240 signatures et une association de commerçants prête à aider.",
     ["relais-poste", "point-informations"], CommuneApplication.Status.STUDY),
    ("52023", "Mairie d'Auberive (démonstration)", CommuneApplication.CafeToday.NONE,
     "Aucun commerce depuis 2019.", "Rez-de-chaussée de l'ancienne école", 60, False,
     "Réunion publique avec 45 habitants ; le comité des fêtes propose des bénévoles.",
     ["epicerie", "offres-touristiques"], CommuneApplication.Status.RECEIVED),
    ("04022", "Mairie de Barrême (démonstration)", CommuneApplication.CafeToday.NONE,
     "Une épicerie ouverte le matin.", "Local communal rue principale", 110, True,
     "Questionnaire distribué à tous les foyers : 80 % de réponses favorables.",
     ["actions-culturelles", "acces-numerique"], CommuneApplication.Status.ACCEPTED),
]  # fmt: skip

# slug, title, visibility, shown in the menu, intro, body
CONTENT_PAGES = [
    ("qui-sommes-nous", "Qui sommes-nous ?", Visibility.PUBLIC, True,
     "Un réseau de cafés multiservices porté par le groupe SOS, au service des villages.",
     "<p>Le programme 1000 cafés ouvre ou reprend des cafés dans les communes de moins de 3 500 habitants. "
     "La commune met un local à disposition ; le réseau recrute et forme le ou la gérant·e, finance "
     "l'installation et accompagne le café dans la durée.</p><p>Chaque café choisit ses services avec les "
     "habitants : relais poste, épicerie, point information, accès numérique, portage de repas…</p>"),
    ("bienvenue-gerants", "Bienvenue dans le réseau", Visibility.MEMBERS, False,
     "Le guide des premières semaines pour les nouveaux gérants et gérantes.",
     "<p>Vos premiers pas : présentez-vous sur le forum, consultez les contrats fournisseurs négociés par "
     "le réseau et repérez les producteurs proches de votre café.</p><p>En cas de difficulté, l'équipe "
     "d'animation régionale répond sur le forum, rubrique « Difficultés &amp; entraide ».</p>"),
]  # fmt: skip

# username, display name, role, café INSEE code (for managers)
ACCOUNTS = [
    ("admin", ("Administration", "1000 cafés"), "superuser", None),
    ("moderation", ("Modération", "1000 cafés"), "Moderators", None),
    ("edition", ("Édition", "1000 cafés"), "Editors", None),
    ("gerant-beaulon", ("Gérance", "café de Beaulon"), "member", "03019"),
    ("gerant-culhat", ("Gérance", "café de Culhat"), "member", "63131"),
    ("gerant-la-bauche", ("Gérance", "café de La Bauche"), "member", "73033"),
    ("gerant-guilligomarch", ("Gérance", "café de Guilligomarc'h"), "member", "29071"),
    ("gerant-sains", ("Gérance", "café de Sains"), "member", "35248"),
    ("gerant-capendu", ("Gérance", "café de Capendu"), "member", "11068"),
    ("gerant-cottance", ("Gérance", "café de Cottance"), "member", "42073"),
]


def load(log) -> None:
    data = settings.GEO_DATA_DIR
    reports = import_geography(data / "regions.csv", data / "departements.csv", data / "communes.csv")
    log(f"Communes : {reports['communes']}")
    home = ensure_home()
    cafes = ensure_cafes(home)
    stories = ensure_stories(home, cafes, log)
    ensure_content_pages(home)
    ensure_accounts(cafes)
    applications = ensure_applications()
    positions, candidates = ensure_recruitment()
    log(
        f"Réseau : {len(cafes)} cafés, {stories} récits, {applications} candidatures, "
        f"{len(ACCOUNTS)} comptes de démonstration, {positions} postes de gérant·e ouverts, "
        f"{candidates} candidatures de gérant·e·s"
    )


def ensure_home() -> HomePage:
    """The home page at the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title="Le réseau 1000 cafés", slug="accueil", intro=HOME_INTRO, body=HOME_BODY)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        if welcome.specific_class is Page:
            welcome.delete()
    return home


def ensure_cafes(home: HomePage) -> dict[str, CafePage]:
    index = CafeIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=CafeIndexPage(
                title="Les cafés",
                slug="cafes",
                show_in_menus=True,
                intro="Les cafés multiservices du réseau, dans des villages de moins de 3 500 habitants.",
            )
        )
    communes = Commune.objects.in_bulk([row[0] for row in CAFES], field_name="insee")
    services = {service.slug: service for service in Service.objects.all()}
    existing = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    for insee, name, status, hours, text, chosen in CAFES:
        cafe = existing.get(insee)
        if cafe is None:
            cafe = existing[insee] = index.add_child(
                instance=CafePage(
                    title=name,
                    commune=communes[insee],
                    status=status,
                    opening_hours=hours,
                    description=f"<p>{text}</p>",
                    address=f"Place du bourg, {communes[insee].postcode} {communes[insee].name}",
                )
            )
        # Filled when missing: a database loaded by an older demo gets them too, and a rerun changes nothing.
        if not cafe.services.exists():
            cafe.services.set([services[slug] for slug in chosen])
            cafe.save()
        if not cafe.photos.exists():
            ensure_photo(cafe, name, f"{cafe.commune.name} ({cafe.commune.department.name})")
    return existing


def ensure_photo(cafe: CafePage, name: str, place: str) -> None:
    """One illustrative drawing of the café's front in its gallery."""
    image = demo_image(f"Façade – {name}", name, place, cafe.commune.insee)
    CafePhoto.objects.create(
        page=cafe,
        image=image,
        alt=f"Dessin de la façade du café « {name} », avec son enseigne et son auvent rayé.",
        caption="Illustration de démonstration.",
    )


def demo_image(title: str, sign: str, subtitle: str, seed: str) -> Image:
    """The demo image called `title`, drawn once (its title is its natural key)."""
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = demo_media.cafe_front(sign, subtitle, seed)
        image = Image(title=title, file=ImageFile(ContentFile(data), name=f"demo-{seed}.jpg"))
        image.save()
    return image


def ensure_stories(home: HomePage, cafes: dict[str, CafePage], log) -> int:
    """The series index and five village stories; their clip is made once and shared (see demo_media)."""
    index = StoryIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=StoryIndexPage(
                title="Il y a un café dans mon village",
                slug="il-y-a-un-cafe-dans-mon-village",
                show_in_menus=True,
                intro="Les villages racontent la réouverture de leur café : ce qui manquait, ce que les "
                "habitants ont choisi, ce qui a changé.",
            )
        )
    services = {service.slug: service for service in Service.objects.all()}
    existing = set(StoryPage.objects.values_list("commune__insee", flat=True))
    clip_name = StoryPage.objects.exclude(video_file="").values_list("video_file", flat=True).first()
    for insee, title, intro, paragraphs, opened, chosen, caption_lines in STORIES:
        if insee in existing:
            continue
        cafe = cafes[insee]
        poster = demo_image(f"Affiche – {title}", cafe.title, "Il y a un café dans mon village", f"r{insee}")
        story = StoryPage(
            title=title,
            commune=cafe.commune,
            cafe=cafe,
            intro=intro,
            body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
            poster=poster,
            poster_alt=f"Dessin de la façade du café « {cafe.title} ».",
            reopened_on=opened,
        )
        if clip_name:
            story.video_file.name = clip_name
        else:
            poster.file.open("rb")
            clip = demo_media.story_clip(poster.file.read())
            poster.file.close()
            if clip is None:
                log("ffmpeg absent : les récits de démonstration n'ont pas de vidéo.")
            else:
                story.video_file.save("il-y-a-un-cafe-demo.webm", ContentFile(clip), save=False)
                clip_name = story.video_file.name
        if story.video_file:
            story.video_captions.save(
                f"sous-titres-{insee}.vtt",
                ContentFile(demo_media.captions(caption_lines).encode()),
                save=False,
            )
        story.services_opened.set([services[slug] for slug in chosen])
        index.add_child(instance=story)
    return StoryPage.objects.count()


def ensure_applications() -> int:
    """A few applications from real eligible communes, in each status the team uses."""
    services = {service.slug: service for service in Service.objects.all()}
    for insee, mayor, cafe_today, shops, address, surface, housing, support, chosen, status in APPLICATIONS:
        commune = Commune.objects.get(insee=insee)
        application, created = CommuneApplication.objects.get_or_create(
            commune=commune,
            mayor_email=f"mairie-{insee}@1000cafes.invalid",
            defaults={
                "mayor_name": mayor,
                "mayor_phone": "01 00 00 00 00",
                "cafe_today": cafe_today,
                "other_shops": shops,
                "premises_address": f"{address}, {commune.postcode} {commune.name}",
                "premises_surface": surface,
                "premises_housing": housing,
                "inhabitants_support": support,
                "status": status,
            },
        )
        if created:
            application.wanted_services.set([services[slug] for slug in chosen])
    return CommuneApplication.objects.count()


def ensure_content_pages(home: HomePage) -> None:
    existing = set(ContentPage.objects.values_list("slug", flat=True))
    for slug, title, visibility, in_menu, intro, body in CONTENT_PAGES:
        if slug not in existing:
            home.add_child(
                instance=ContentPage(
                    title=title,
                    slug=slug,
                    visibility=visibility,
                    show_in_menus=in_menu,
                    intro=intro,
                    body=body,
                )
            )


def ensure_accounts(cafes: dict[str, CafePage]) -> None:
    User = get_user_model()
    for username, (first, last), role, cafe_insee in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@1000cafes.invalid"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = role == "superuser"
            user.save()
            if role in {"Moderators", "Editors"}:
                user.groups.add(Group.objects.get(name=role))
        if role == "member":
            Member.objects.get_or_create(user=user, defaults={"cafe": cafes[cafe_insee]})


# Cafés looking for their manager: the three in preparation and two whose manager retires.
# (café INSEE code, housing on site, what the position is like)
POSITIONS = [
    ("45019", True, "Un local communal neuf au cœur du bourg, avec un appartement à l'étage."),
    ("65331", False, "Le café ouvre à l'automne ; la commune cherche une personne prête à s'installer."),
    ("89397", True, "Le plus petit village du réseau dans l'Yonne : un café-épicerie à faire vivre."),
    ("37047", False, "La gérante part à la retraite au printemps ; elle formera la personne qui reprend."),
    ("72163", True, "Le gérant rejoint un autre café du réseau ; un trois-pièces au-dessus du café."),
]

# Invented candidates (first name + initial or a plain label), living in real communes.
# (label, commune INSEE code, cafés applied to, stage, days since the application, would live on site,
#  motivation, ties to the village, experience of welcoming people)
CANDIDATES = [
    ("Maëlle T.", "45109", ["45019"], "rencontre", 20, True,
     "Je veux que Baccon retrouve un endroit où l'on se dit bonjour.", "J'habite à six kilomètres.",
     "Buvette du club de foot depuis dix ans."),
    ("Yanis B.", "45167", ["45019"], "appel", 12, False,
     "Après vingt ans d'usine, j'ai envie d'un métier de contact.", "Mon père est né à Baccon.",
     "Bénévole aux Restos du cœur le samedi."),
    ("Odile R.", "45203", ["45019", "37047"], "recue", 3, True,
     "Tenir un café, c'est tenir un village debout.", "Aucun, mais j'aime la Beauce.",
     "Serveuse en brasserie pendant huit ans."),
    ("Candidate de Nantes", "44109", ["45019", "72163"], "non_retenue", 60, True,
     "Je cherche à quitter la ville pour un projet qui a du sens.", "Aucun.",
     "Animatrice de centre de loisirs."),
    ("Jean-Marc P.", "65440", ["65331"], "mairie", 35, True,
     "Je connais tout le monde ici et je veux rendre la pareille.", "J'ai grandi à Odos.",
     "Comité des fêtes, bals et lotos."),
    ("Inès L.", "65350", ["65331"], "rencontre", 25, False,
     "Ouvrir un lieu où les anciens et les jeunes se croisent.", "Je travaille à Odos.",
     "Accueil en office de tourisme."),
    ("Candidat de Lourdes", "65286", ["65331"], "recue", 5, True,
     "Le commerce de proximité me manque.", "Ma sœur habite la commune voisine.",
     "Gérant d'une supérette pendant cinq ans."),
    ("Aurélie D.", "89086", ["89397"], "retenue", 50, True,
     "Je veux que mes enfants grandissent avec un café au village.", "Je vis à quinze kilomètres.",
     "Aide à domicile : j'écoute beaucoup."),
    ("Samuel K.", "89024", ["89397"], "appel", 10, False,
     "J'ai envie d'un travail où l'on voit les gens.", "Mes grands-parents vivaient à Sommecaise.",
     "Caissier, puis responsable de rayon."),
    ("Candidate de Sens", "89387", ["89397"], "recue", 2, True,
     "Un café, c'est le cœur d'un village.", "Aucun.",
     "Organisatrice du marché de Noël de mon quartier."),
    ("Hugo M.", "37214", ["37047"], "appel", 8, False,
     "Reprendre un café qui marche et le faire vivre encore mieux.", "Je fais du vélo jusqu'à Cerelles.",
     "Barman en guinguette l'été."),
    ("Nadia F.", "37050", ["37047"], "recue", 1, True,
     "Je veux un métier où je suis utile tous les jours.", "Ma mère habite Cerelles.",
     "Secrétaire de mairie pendant six ans."),
    ("Candidat de Tours", "37261", ["37047", "72163"], "rencontre", 18, True,
     "Changer de vie sans quitter la région.", "Aucun lien particulier.",
     "Accueil dans un centre social."),
    ("Léa V.", "72154", ["72163"], "mairie", 40, True,
     "Faire du café un lieu pour les randonneurs et les habitants.", "J'ai grandi près du Loir.",
     "Guide au musée de la faïence."),
    ("Bruno S.", "72264", ["72163"], "recue", 4, False,
     "Partager ma passion des produits locaux.", "Je livre des fromages dans le village.",
     "Vendeur sur les marchés depuis quinze ans."),
]  # fmt: skip

DEMO_NAMESPACE = uuid.UUID("7b0e5c1e-3d43-4a35-9d5c-1000cafe0012")


def ensure_recruitment() -> tuple[int, int]:
    """Five open positions and about fifteen applications, each keyed by a stable token (idempotent)."""
    cafes = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    positions = {}
    for insee, housing, description in POSITIONS:
        positions[insee], _ = ManagerPosition.objects.get_or_create(
            cafe=cafes[insee], is_open=True, defaults={"housing": housing, "description": description}
        )
    for label, insee, applied, stage, days, live_on_site, motivation, ties, experience in CANDIDATES:
        token = uuid.uuid5(DEMO_NAMESPACE, label)
        if ManagerApplication.objects.filter(token=token).exists():
            continue
        slug = fold_name(label).replace(" ", ".").replace("..", ".").strip(".")
        application = ManagerApplication.objects.create(
            token=token,
            name=label,
            email=f"{slug}@exemple.invalid",
            commune=Commune.objects.get(insee=insee),
            available_from=date(2026, 9, 1),
            live_on_site=live_on_site,
            motivation=motivation,
            village_ties=ties,
            welcoming_experience=experience,
            consent_at=timezone.now() - timedelta(days=days),
            stage=stage,
        )
        add_choices(application, [positions[code] for code in applied])
        ManagerApplication.objects.filter(pk=application.pk).update(
            created_at=timezone.now() - timedelta(days=days)
        )
    return ManagerPosition.objects.filter(is_open=True).count(), ManagerApplication.objects.count()
