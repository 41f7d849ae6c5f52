# ruff: noqa: E501 - the demo tables keep one row per line, long French sentences included
"""Demo content of consultations: three cafés asking their inhabitants (two open now, one closed whose café
opened a service after it), with confirmed answers from the real communes around each café.

Answers are drawn by a seeded generator (the same on every run) and keyed by the digest of a demo address
(`habitant-<n>@<café>.invalid`), so a second run finds them and adds nothing. No hamlet is invented: the demo
answers name only real communes.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from consultations.models import AgeBand, Answer, Consultation, Frequency, OpenedService
from consultations.services import email_digest, nearby_communes
from reseau.models import CafePage, Member, Service

# café INSEE code, title, intro, opened (days from today), closes (days from today), number of answers,
# the services the village asks for most (weights), ideas written by inhabitants, services opened after it
CONSULTATIONS = [
    ("03019", "Quels services voulez-vous trouver au café ?",
     "Le café de Beaulon a deux ans : dites-nous ce qui vous manque au village pour la suite.",
     -24, 21, 38,
     {"portage-de-repas": 5, "acces-numerique": 4, "point-informations": 2, "actions-culturelles": 3, "location-de-velo": 1},
     ["Du pain le lundi, quand la boulangerie est fermée", "Une épicerie ouverte le dimanche matin",
      "Un atelier pour apprendre à se servir d'une tablette", "Des repas livrés aux anciens des écarts",
      "Un concert de temps en temps", "Imprimer des papiers pour la mairie", "Un dépôt de médicaments de la pharmacie",
      "Une soirée jeux pour les jeunes le vendredi", "Du pain le lundi, quand la boulangerie est fermée"],
     []),
    ("63131", "Le Comptoir de Culhat et vous",
     "Avant de choisir de nouveaux services, le Comptoir a demandé leur avis aux habitants.",
     -150, -90, 46,
     {"point-informations": 5, "relais-poste": 5, "point-presse": 3, "acces-numerique": 3, "portage-de-repas": 2},
     ["Pouvoir envoyer un colis sans aller en ville", "Les horaires des cars et du marché", "Le journal le matin",
      "Une aide pour les démarches en ligne", "Un point information pour les nouveaux habitants",
      "Des ateliers numériques le samedi", "Pouvoir envoyer un colis sans aller en ville"],
     ["point-informations", "relais-poste"]),
    ("42073", "Le café de Cottance demain",
     "Épicerie, repas, culture : aidez-nous à choisir ce que le café proposera l'an prochain.",
     -10, 35, 22,
     {"actions-culturelles": 4, "acces-numerique": 2, "relais-poste": 3, "point-presse": 2, "location-de-velo": 2},
     ["Des spectacles pour les enfants pendant les vacances", "Un relais colis, le plus proche est à 10 km",
      "Louer des vélos pour les monts du Lyonnais", "Un marché de producteurs le vendredi soir",
      "Une bibliothèque partagée"],
     []),
]  # fmt: skip

FREQUENCY_WEIGHTS = [
    (Frequency.DAILY, 2),
    (Frequency.WEEKLY, 5),
    (Frequency.MONTHLY, 3),
    (Frequency.SOMETIMES, 2),
]
AGE_WEIGHTS = [(AgeBand.UNDER_18, 1), (AgeBand.FROM_18, 2), (AgeBand.FROM_30, 3), (AgeBand.FROM_45, 4),
               (AgeBand.FROM_60, 4), (AgeBand.FROM_75, 3)]  # fmt: skip


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def load(log) -> None:
    cafes = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    services = {service.slug: service for service in Service.objects.filter(is_base=False)}
    today = timezone.localdate()
    total = 0
    for insee, title, intro, opens, closes, count, wanted, ideas, opened in CONSULTATIONS:
        cafe = cafes[insee]
        consultation, created = Consultation.objects.get_or_create(
            cafe=cafe,
            title=title,
            defaults={
                "intro": intro,
                "opens_on": today + timedelta(days=opens),
                "closes_on": today + timedelta(days=closes),
            },
        )
        total += ensure_answers(consultation, insee, count, wanted, ideas, services)
        manager = Member.objects.filter(cafe=cafe).select_related("user").first()
        for slug in opened:
            OpenedService.objects.get_or_create(
                consultation=consultation,
                service=services[slug],
                defaults={
                    "opened_on": consultation.closes_on + timedelta(days=30),
                    "marked_by": manager.user if manager else None,
                },
            )
    log(f"Consultations : {len(CONSULTATIONS)} consultations, {total} réponses confirmées")


def ensure_answers(
    consultation: Consultation, insee: str, count: int, wanted: dict, ideas: list[str], services: dict
) -> int:
    rng = random.Random(f"consultation-{insee}")  # noqa: S311 - demo content, not security
    communes = nearby_communes(consultation)[:8]
    # The café's own commune answers most; its neighbours less, the farther the fewer.
    commune_weights = [(commune, max(8 - i * 2, 1)) for i, commune in enumerate(communes)]
    existing = set(Answer.objects.filter(consultation=consultation).values_list("email_digest", flat=True))
    last_day = min(consultation.closes_on, timezone.localdate())
    days = max((last_day - consultation.opens_on).days, 1)
    slugs, weights = zip(*wanted.items(), strict=True)
    for n in range(count):
        digest = email_digest(f"habitant-{n}@{consultation.cafe.slug}.invalid")
        # Drawn before the skip, so that the n-th answer is the same whether or not it already exists.
        chosen = set(rng.choices(slugs, weights=weights, k=rng.randint(1, 3)))
        idea = ideas[n % len(ideas)] if rng.random() < 0.45 else ""
        frequency, age_band = _pick(rng, FREQUENCY_WEIGHTS), _pick(rng, AGE_WEIGHTS)
        commune = _pick(rng, commune_weights)
        # Most answers come in the first days (the café and the mairie announced it), then fewer.
        day = consultation.opens_on + timedelta(days=min(int(rng.expovariate(3 / days)), days - 1))
        moment = timezone.make_aware(datetime.combine(day, time(8 + rng.randrange(12), rng.randrange(60))))
        if digest in existing:
            continue
        answer = Answer.objects.create(
            consultation=consultation,
            email_digest=digest,
            idea=idea,
            frequency=frequency,
            age_band=age_band,
            commune=commune,
            consent_at=moment,
            confirmation_nonce=f"demo{n:028d}",
            confirmed_at=moment + timedelta(minutes=rng.randrange(5, 240)),
        )
        answer.services.set([services[slug] for slug in chosen if slug in services])
    return Answer.objects.confirmed().filter(consultation=consultation).count()
