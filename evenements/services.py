"""Writes of evenements, one function per action, each in one transaction: nothing is stored half-way."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from evenements.forms import EventForm, FormatRunForm
from evenements.models import Event, FormatRun, Registration


class RegistrationRefused(Exception):
    """Why a registration was refused, in French, and the form field it concerns (None: the whole form)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@transaction.atomic
def create_event(form: EventForm, user) -> Event:
    """Save a validated event form (its start and end were set on the instance by the form)."""
    event = form.save(commit=False)
    event.created_by = user
    event.save()
    return event


def register(event: Event, *, name: str, email: str, seats: int = 1) -> Registration:
    """Take `seats` places at `event` for this person, or raise RegistrationRefused.

    The places are taken by one conditional UPDATE (`seats_taken + seats <= capacity`, registrations still
    open), which the database runs atomically: of two people racing for the last place, exactly one matches
    the condition, on SQLite as on PostgreSQL (where the second UPDATE waits for the first, then re-reads the
    row). The registration row is inserted in the same transaction, so a refusal stores nothing.
    """
    with transaction.atomic():
        taken = Event.objects.filter(
            pk=event.pk,
            registration_required=True,
            start__gt=timezone.now(),
            seats_taken__lte=F("capacity") - seats,
        ).update(seats_taken=F("seats_taken") + seats)
        if not taken:
            raise _refusal(Event.objects.get(pk=event.pk), seats)
        try:
            with transaction.atomic():
                return Registration.objects.create(event=event, name=name, email=email, seats=seats)
        except IntegrityError:
            raise RegistrationRefused(
                "Cette adresse e-mail est déjà inscrite à cet évènement.", field="email"
            ) from None


def _refusal(event: Event, seats: int) -> RegistrationRefused:
    """Why the conditional UPDATE matched nothing, read after the fact."""
    if not event.registration_required:
        return RegistrationRefused("Cet évènement est en accès libre : pas besoin de s'inscrire.")
    if event.start <= timezone.now():
        return RegistrationRefused("Les inscriptions sont closes : l'évènement a commencé ou est passé.")
    remaining = event.places_remaining or 0
    if remaining == 0:
        return RegistrationRefused("C'est complet : il ne reste plus de place.")
    return RegistrationRefused(
        f"Il ne reste que {remaining} place{'s' if remaining > 1 else ''} : réservez-en moins.", field="seats"
    )


def record_run(form: FormatRunForm, user, event: Event | None = None) -> FormatRun | None:
    """Save a "we ran it" report; None (with the error added to the form) if the event already has one."""
    run = form.save(commit=False)
    run.author = user
    run.event = event
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        form.add_error(None, "Le bilan de cet évènement a déjà été enregistré.")
        return None
    return run
