"""Demo content of the network's core: geography, the page tree, a few cafés and the demo accounts.

The cafés stand in communes that really joined the network (see ../shared/data/README.md); their names,
texts and people are illustrative, as the site's footer says.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from reseau.access import Visibility
from reseau.geography import Commune
from reseau.geography_import import import_geography
from reseau.models import CafeIndexPage, CafePage, ContentPage, HomePage, Member

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

# (INSEE code, café name, status, opening hours, presentation)
CAFES = [
    ("03019", "Le Café de Beaulon", CafePage.Status.OPEN, "Du mardi au dimanche, 7 h 30 – 20 h",
     "Café, épicerie de dépannage et relais poste au cœur du bourg, face à l'église."),
    ("63131", "Le Comptoir de Culhat", CafePage.Status.OPEN, "Du mercredi au dimanche, 8 h – 21 h",
     "Un café qui accueille les associations du village et un marché de producteurs le vendredi."),
    ("73033", "Le Café de La Bauche", CafePage.Status.OPEN, "Tous les jours sauf lundi, 8 h – 20 h",
     "Café de montagne, point information touristique et location de vélos à assistance électrique."),
    ("29071", "Ti Kafe Guilligomarc'h", CafePage.Status.OPEN, "Du mardi au samedi, 8 h – 20 h",
     "Café, dépôt de pain et point presse ; concerts le premier samedi du mois."),
    ("35248", "Le Café de Sains", CafePage.Status.TAKEN_OVER, "Du mardi au dimanche, 8 h – 19 h",
     "Le café menacé de fermeture a été repris par le réseau ; on y trouve désormais une épicerie."),
    ("71409", "Le Café de Saint-Émiland", CafePage.Status.OPEN, "Du jeudi au lundi, 9 h – 20 h",
     "Petite restauration le midi avec les produits de la ferme voisine, accès numérique."),
    ("45019", "Le Café de Baccon", CafePage.Status.PREPARING, "Ouverture prévue au printemps",
     "Les travaux du local communal sont en cours ; les habitants ont choisi l'épicerie et le relais colis."),
    ("88201", "Le Café de Girancourt", CafePage.Status.OPEN, "Du mardi au dimanche, 7 h – 20 h",
     "Café, portage de repas aux aînés du village et ateliers numériques le mercredi."),
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
]


def load(log) -> None:
    data = settings.GEO_DATA_DIR
    reports = import_geography(data / "regions.csv", data / "departements.csv", data / "communes.csv")
    log(f"Communes : {reports['communes']}")
    home = ensure_home()
    cafes = ensure_cafes(home)
    ensure_content_pages(home)
    ensure_accounts(cafes)
    log(f"Réseau : {len(cafes)} cafés, {len(ACCOUNTS)} comptes de démonstration")


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
    existing = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    for insee, name, status, hours, text in CAFES:
        if insee not in existing:
            existing[insee] = index.add_child(
                instance=CafePage(
                    title=name,
                    commune=communes[insee],
                    status=status,
                    opening_hours=hours,
                    description=f"<p>{text}</p>",
                    address=f"Place du bourg, {communes[insee].postcode} {communes[insee].name}",
                )
            )
    return existing


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
