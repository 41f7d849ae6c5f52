"""Writes on consultations, one function per action in a transaction (views stay thin).

One answer per person: an answer is keyed by a digest of its author's e-mail address (`email_digest`, an HMAC
under the site's secret key, so the address is never stored), unique per consultation. An unconfirmed answer
sent again is replaced (the newest link is the only valid one); a confirmed one is never replaced. The
confirmation link is signed (TimestampSigner), expires after settings.CONSULTATION_CONFIRM_DAYS, names the
answer and its current nonce, and only confirms: a second use changes nothing.
"""

import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from consultations.models import Answer, Consultation, OpenedService
from reseau.geography import Commune, haversine_km

CONFIRM_SALT = "consultations.answer.confirm"


class ConsultationError(Exception):
    """The action is refused; the message says why, in French, to the person who tried."""


def email_digest(email: str) -> str:
    """The keyed digest that stands for an e-mail address (case and surrounding spaces ignored)."""
    return salted_hmac("consultations.email", email.strip().lower(), algorithm="sha256").hexdigest()


def nearby_communes(consultation: Consultation, limit: int = 25) -> list[Commune]:
    """The café's commune and the real communes around it (within CONSULTATION_NEARBY_KM), nearest first.

    Finding them scans the communes' coordinates (tens of milliseconds), and communes do not move: the ids are
    kept in the cache for a day, so the form costs one query by primary key."""
    home = consultation.cafe.commune
    key = f"consultations:nearby:{home.pk}:{settings.CONSULTATION_NEARBY_KM}:{limit}"
    ids = cache.get(key)
    if ids is None:
        ids = [commune.pk for commune in _communes_around(home, limit)]
        cache.set(key, ids, 86_400)
    communes = Commune.objects.in_bulk(ids)
    return [communes[pk] for pk in ids if pk in communes]


def _communes_around(home: Commune, limit: int) -> list[Commune]:
    if home.latitude is None or home.longitude is None:
        return [home]
    # About 1/111 of a degree per km in latitude; a wider box in longitude, trimmed by the exact distance.
    box = settings.CONSULTATION_NEARBY_KM / 111
    around = Commune.objects.filter(
        latitude__range=(home.latitude - box, home.latitude + box),
        longitude__range=(home.longitude - 1.6 * box, home.longitude + 1.6 * box),
    ).exclude(pk=home.pk)
    ranked = sorted(
        (
            (haversine_km(home.latitude, home.longitude, commune.latitude, commune.longitude), commune)
            for commune in around.only("pk", "latitude", "longitude")
        ),
        key=lambda pair: pair[0],
    )
    return [home, *(commune for km, commune in ranked if km <= settings.CONSULTATION_NEARBY_KM)][:limit]


@dataclass
class Submitted:
    answer: Answer
    replaced: bool


def submit_answer(consultation: Consultation, data: dict, email: str, request_base: str) -> Submitted:
    """Store the answer (or replace the same person's unconfirmed one) and e-mail the confirmation link.

    `data` is AnswerForm.cleaned_data; `request_base` the site's origin for the link ("https://…").
    Raises ConsultationError if the consultation is not open or this person already confirmed an answer."""
    if not consultation.is_open():
        raise ConsultationError(closed_message(consultation))
    digest = email_digest(email)
    fields = {
        "idea": data["idea"],
        "frequency": data["frequency"],
        "age_band": data["age_band"],
        "commune": data["commune"],
        "hamlet": data["hamlet"],
        "consent_at": timezone.now(),
        "confirmation_nonce": secrets.token_hex(16),
    }
    try:
        with transaction.atomic():
            existing = (
                Answer.objects.select_for_update()
                .filter(consultation=consultation, email_digest=digest)
                .first()
            )
            if existing is not None and existing.confirmed_at is not None:
                raise ConsultationError(ALREADY_ANSWERED)
            if existing is None:
                answer = Answer.objects.create(consultation=consultation, email_digest=digest, **fields)
            else:
                answer = existing
                for name, value in fields.items():
                    setattr(answer, name, value)
                answer.save()
            answer.services.set(data["services"])
            link = request_base + confirmation_url(answer)
            transaction.on_commit(lambda: send_confirmation(consultation, email, link))
    except IntegrityError:
        # The same person sent the form twice at once: the other request stored the answer first.
        raise ConsultationError(ALREADY_SENT) from None
    return Submitted(answer=answer, replaced=existing is not None)


ALREADY_ANSWERED = (
    "Cette adresse électronique a déjà répondu à cette consultation : une seule réponse par personne. "
    "Votre première réponse est bien comptée."
)
ALREADY_SENT = (
    "Votre réponse vient d'être envoyée : vérifiez votre messagerie pour la confirmer (une seule réponse "
    "par personne)."
)


def closed_message(consultation: Consultation) -> str:
    if consultation.has_closed:
        return (
            f"Cette consultation est close depuis le {consultation.closes_on:%d/%m/%Y} : elle ne reçoit plus "
            "de réponses. Merci de votre intérêt ; parlez-en au café !"
        )
    return f"Cette consultation ouvrira le {consultation.opens_on:%d/%m/%Y}."


def confirmation_url(answer: Answer) -> str:
    token = signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{answer.pk}.{answer.confirmation_nonce}")
    return reverse("consultations:confirmer", kwargs={"slug": answer.consultation.cafe.slug, "token": token})


def send_confirmation(consultation: Consultation, email: str, link: str) -> None:
    cafe = consultation.cafe.title
    send_mail(
        subject=f"Confirmez votre réponse à la consultation de {cafe}",
        message=(
            f"Bonjour,\n\nVous avez répondu à la consultation « {consultation.title} » de {cafe}.\n"
            f"Pour que votre réponse soit comptée, confirmez-la en ouvrant ce lien "
            f"(valable {settings.CONSULTATION_CONFIRM_DAYS} jours) :\n\n{link}\n\n"
            "Si vous n'avez pas répondu à cette consultation, ignorez ce message : rien ne sera compté.\n"
            "Votre adresse n'est pas conservée. Pour faire supprimer votre réponse, écrivez au café "
            "ou au réseau 1000 cafés.\n\nLe réseau 1000 cafés"
        ),
        from_email=None,
        recipient_list=[email],
    )


def answer_for_token(token: str) -> Answer:
    """The answer a confirmation link names, or a French ConsultationError (invalid, expired, replaced)."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=settings.CONSULTATION_CONFIRM_DAYS * 86_400
        )
    except signing.SignatureExpired:
        raise ConsultationError(
            f"Ce lien de confirmation a expiré (il est valable {settings.CONSULTATION_CONFIRM_DAYS} jours) : "
            "répondez de nouveau à la consultation pour en recevoir un nouveau."
        ) from None
    except signing.BadSignature:
        raise ConsultationError(
            "Ce lien de confirmation n'est pas valide : copiez-le en entier depuis le message reçu."
        ) from None
    pk, _, nonce = value.partition(".")
    answer = Answer.objects.select_related("consultation__cafe").filter(pk=pk).first()
    if answer is None:
        raise ConsultationError("Cette réponse n'existe plus (elle a pu être supprimée à votre demande).")
    if not secrets.compare_digest(answer.confirmation_nonce, nonce):
        raise ConsultationError(
            "Ce lien a été remplacé : vous avez renvoyé le formulaire depuis, utilisez le lien du dernier "
            "message reçu."
        )
    return answer


def confirm_answer(token: str) -> tuple[Answer, bool]:
    """Count the answer the link names; returns (answer, newly confirmed). A second use changes nothing."""
    with transaction.atomic():
        answer = answer_for_token(token)
        consultation = answer.consultation
        if answer.confirmed_at is not None:
            return answer, False
        if timezone.localdate() > consultation.closes_on:
            raise ConsultationError(
                f"La consultation est close depuis le {consultation.closes_on:%d/%m/%Y} : les réponses non "
                "confirmées avant cette date ne sont pas comptées."
            )
        updated = Answer.objects.filter(pk=answer.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        answer.refresh_from_db()
        return answer, bool(updated)


@transaction.atomic
def set_opened(consultation: Consultation, service, user, opened: bool) -> None:
    """Mark (or unmark) `service` as opened following `consultation`; marking twice keeps one row."""
    if opened:
        OpenedService.objects.get_or_create(
            consultation=consultation, service=service, defaults={"marked_by": user}
        )
    else:
        OpenedService.objects.filter(consultation=consultation, service=service).delete()


@transaction.atomic
def new_results_key(consultation: Consultation) -> None:
    """A new secret for the mayor's read-only link; the old link stops working."""
    consultation.results_key = uuid.uuid4()
    consultation.save(update_fields=["results_key"])


def delete_answers_of(email: str) -> list[Answer]:
    """Delete every answer (confirmed or not) given with `email`; returns what was deleted, for the log."""
    with transaction.atomic():
        answers = list(
            Answer.objects.select_related("consultation__cafe").filter(email_digest=email_digest(email))
        )
        Answer.objects.filter(pk__in=[answer.pk for answer in answers]).delete()
    return answers
