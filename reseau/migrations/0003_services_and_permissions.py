"""The network's offer as the initial list of services, folded commune names, and the team's permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# name, slug, icon, description, is_base, order: the base every café has, then the multiservices.
SERVICES = [
    ("Café", "cafe", "☕", "Le café du matin au soir, au comptoir ou en terrasse.", True, 1),
    ("Bar / débit de boissons", "bar", "🍷", "Une licence pour servir les boissons du village.", True, 2),
    ("Restauration légère", "restauration-legere", "🥪",
     "Un plat du jour, des assiettes et des sandwichs faits avec les produits du coin.", True, 3),
    ("Lieu d'échanges", "lieu-d-echanges", "💬",
     "Un endroit où l'on se retrouve, où les associations se réunissent, où l'on se rend service.", True, 4),
    ("Relais poste", "relais-poste", "📮", "Envoyer et retirer lettres et colis, acheter des timbres.", False, 10),
    ("Épicerie", "epicerie", "🧺", "Les produits du quotidien et ceux des producteurs voisins.", False, 11),
    ("Offres touristiques", "offres-touristiques", "🗺️",
     "Conseils, cartes de randonnée et accueil des visiteurs de passage.", False, 12),
    ("Location de vélo", "location-de-velo", "🚲", "Des vélos, parfois à assistance électrique, à la journée.",
     False, 13),
    ("Point informations", "point-informations", "ℹ️",
     "Les informations de la commune, des services publics et des associations.", False, 14),
    ("Point presse", "point-presse", "📰", "Les journaux du jour et la presse locale.", False, 15),
    ("Actions culturelles", "actions-culturelles", "🎭", "Concerts, lectures, expositions et soirées jeux.",
     False, 16),
    ("Accès numérique", "acces-numerique", "💻",
     "Un ordinateur, une imprimante et de l'aide pour les démarches en ligne.", False, 17),
    ("Portage de repas à domicile", "portage-de-repas", "🍲",
     "Des repas livrés aux aînés et aux personnes qui ne peuvent pas se déplacer.", False, 18),
]  # fmt: skip

TEAM_PERMISSIONS = {
    "Editors": ["add_service", "change_service", "delete_service", "view_service",
                "change_communeapplication", "view_communeapplication"],
    "Moderators": ["view_service", "view_communeapplication"],
}  # fmt: skip


def add_services(apps, schema_editor):
    Service = apps.get_model("reseau", "Service")
    for name, slug, icon, description, is_base, order in SERVICES:
        Service.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "icon": icon, "description": description, "is_base": is_base,
                      "sort_order": order},
        )


def fold_commune_names(apps, schema_editor):
    from reseau.geography import fold_name

    Commune = apps.get_model("reseau", "Commune")
    communes = list(Commune.objects.only("id", "name"))
    for commune in communes:
        commune.search_name = fold_name(commune.name)
    Commune.objects.bulk_update(communes, ["search_name"], batch_size=2000)


def grant_team_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; the app stub needs a models module to get them now.
    app_config = apps.get_app_config("reseau")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in TEAM_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="reseau", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reseau", "0002_cafes_services_stories_applications"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(add_services, migrations.RunPython.noop),
        migrations.RunPython(fold_commune_names, migrations.RunPython.noop),
        migrations.RunPython(grant_team_permissions, migrations.RunPython.noop),
    ]
