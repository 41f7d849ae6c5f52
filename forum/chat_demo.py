"""Demo content of the chat: the network's room, the demo cafés' regions, two topic rooms, one private
conversation, and a plausible history between the demo accounts (see reseau.demo). Idempotent: a room that
already has messages is left as it is."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from forum import chat_services as chat
from forum.chat_models import ChatMessage, Room
from reseau.models import Member

DEMO_NAMESPACE = uuid.UUID("6f1f6a52-3c1e-4a8e-9d51-1000cafe0008")

TOPIC_ROOMS = [
    ("Épicerie et circuits courts", "Fournisseurs, producteurs voisins, dépôts-ventes : ce qui "
     "marche dans nos épiceries."),
    ("Animations et soirées", "Concerts, repair cafés, lotos, ateliers numériques : idées et "
     "retours d'expérience."),
]  # fmt: skip

# (room: "network", "region:<username>", "topic:<index>" or "direct"), author, minutes ago, text
HISTORY = [
    ("network", "moderation", 2900, "Bienvenue dans le salon de tout le réseau ! Ici on "
     "s'entraide entre cafés, "
     "les questions longues ont leur place sur le forum."),
    ("network", "gerant-beaulon", 2870, "Bonjour à toutes et à tous ! Quelqu'un a déjà mis en "
     "place un relais "
     "colis ? On nous le demande beaucoup au bourg."),
    ("network", "gerant-culhat", 2850, "Oui, depuis le printemps chez nous. Comptez une "
     "demi-heure par jour au "
     "début, ensuite ça roule. Le guide est ici : https://1000cafes.invalid/guides/relais-colis"),
    ("network", "gerant-la-bauche", 2700, "Même expérience à La Bauche, et ça fait venir des gens qui ne "
     "poussaient jamais la porte du café."),
    ("network", "gerant-beaulon", 1500, "Merci @gerant-culhat, je regarde ça cette semaine."),
    ("network", "edition", 300, "Le calendrier des formations de l'automne est en ligne dans les ressources "
     "du réseau."),
    ("region:gerant-beaulon", "gerant-culhat", 2000, "On organise un achat groupé de gobelets consignés pour "
     "l'Auvergne : qui est partant ?"),
    ("region:gerant-beaulon", "gerant-beaulon", 1980, "Partant pour 500 gobelets à Beaulon."),
    ("region:gerant-beaulon", "gerant-la-bauche", 1900, "Pareil pour La Bauche, on a la fête "
     "du col en août."),
    ("topic:0", "gerant-la-bauche", 4000, "Le fromager du col nous dépose ses tommes le mardi, "
     "en dépôt-vente "
     "à 20 % : c'est un bon équilibre pour vous ?"),
    ("topic:0", "gerant-culhat", 3950, "Nous sommes à 15 % avec la ferme maraîchère, mais on gère la "
     "chambre froide. 20 % me paraît juste."),
    ("topic:1", "gerant-beaulon", 800, "Notre premier repair café a réuni 23 personnes samedi, et 14 objets "
     "réparés !"),
    ("topic:1", "moderation", 780, "Bravo ! Vous pouvez raconter ça dans « Il y a un café dans "
     "mon village » ?"),
    ("direct", "gerant-beaulon", 600, "Salut, tu me donnes le contact de ton transporteur pour les colis ?"),
    ("direct", "gerant-culhat", 590, "Bien sûr, je t'envoie ça ce soir par courriel."),
]  # fmt: skip


def load(log) -> None:
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in={row[1] for row in HISTORY})}
    admin = User.objects.filter(username="admin").first()
    rooms = {"network": chat.network_room()}
    for member in Member.objects.select_related("user"):
        chat.join_default_rooms(member.user)
    if "gerant-beaulon" in users:
        region = chat.member_region(users["gerant-beaulon"])
        rooms["region:gerant-beaulon"] = chat.region_room(region)
    for index, (name, description) in enumerate(TOPIC_ROOMS):
        room = Room.objects.filter(kind=Room.Kind.TOPIC, name=name).first()
        if room is None and admin is not None:
            room = chat.create_topic_room(admin, name, description)
        rooms[f"topic:{index}"] = room
    if {"gerant-beaulon", "gerant-culhat"} <= users.keys():
        rooms["direct"] = chat.direct_room(users["gerant-beaulon"], users["gerant-culhat"])
    written = 0
    for key, room in rooms.items():
        if room is None or room.messages.exists():
            continue
        for index, (room_key, username, minutes, text) in enumerate(HISTORY):
            if room_key == key and username in users:
                write(room, users[username], text, minutes, uuid.uuid5(DEMO_NAMESPACE, f"{key}:{index}"))
                written += 1
    log(f"Discussion : {Room.objects.count()} salons, {written} messages ajoutés")


def write(room: Room, author, text: str, minutes_ago: int, client_id: uuid.UUID) -> None:
    """Store a past message with the room's next number (no broadcast: nobody is connected yet)."""
    Room.objects.filter(pk=room.pk).update(last_seq=F("last_seq") + 1)
    room.refresh_from_db(fields=["last_seq"])
    message = ChatMessage.objects.create(
        room=room, seq=room.last_seq, author=author, client_id=client_id, body=text
    )
    ChatMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
