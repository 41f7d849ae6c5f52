"""Recruiting café managers: the open positions page, the candidate's form, and every write about them.

The candidate's commune is typed text resolved like the communes' application (reseau.applications:
`resolve_commune`, the same autocomplete endpoint), the form carries the same one-time token and honeypot, and
`submit_application` is the one write (a double submit stores one application). Distances come from
`reseau.geography.great_circle_km`. Staff move applications through their stages in the Wagtail admin;
`record_stage_change` tells the candidate by e-mail, after the commit. Personal data: `anonymise`,
`export_applications`, `delete_applications` (used by the management commands).
"""

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from wagtail.signals import page_published

from reseau.applications import resolve_commune
from reseau.geography import Region, great_circle_km
from reseau.maps import marker
from reseau.models import CafePage
from reseau.recruitment_models import ManagerApplication, ManagerPosition, PositionChoice

PDF_HEADER_WINDOW = 1024  # the PDF specification allows the %PDF- header anywhere in the first 1,024 bytes
PDF_TRAILER_WINDOW = 2048


def open_positions() -> QuerySet[ManagerPosition]:
    """Open positions of live cafés, with what their labels and the map need, in one query."""
    return (
        ManagerPosition.objects.filter(is_open=True, cafe__live=True)
        .select_related("cafe__commune__department__region")
        .order_by("cafe__commune__department__code", "cafe__title")
    )


def position_label(position: ManagerPosition) -> str:
    commune = position.cafe.commune
    return f"{position.cafe.title} ({commune.name}, {commune.department.name})"


def ensure_position_for_preparing_cafe(cafe: CafePage) -> ManagerPosition | None:
    """A café in preparation looks for its manager: give it an open position unless it ever had one (a
    closed position stays closed: the team filled it)."""
    if cafe.status != CafePage.Status.PREPARING or ManagerPosition.objects.filter(cafe=cafe).exists():
        return None
    try:
        with transaction.atomic():
            return ManagerPosition.objects.create(cafe=cafe)
    except IntegrityError:  # published twice at once: the other request created it
        return None


def check_pdf(upload: UploadedFile) -> None:
    """A French ValidationError unless `upload` is a PDF by content (not name) within the size limit."""
    limit = settings.RECRUITMENT_CV_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            f"Votre CV pèse {upload.size / 1_048_576:.1f} Mo : la limite est de {limit / 1_048_576:.0f} Mo. "
            "Enregistrez-le en PDF plus léger (moins d'images), ou envoyez la candidature sans CV.",
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(PDF_HEADER_WINDOW)
    upload.seek(max(0, upload.size - PDF_TRAILER_WINDOW))
    tail = upload.read()
    upload.seek(0)
    if b"%PDF-" not in head or b"%%EOF" not in tail:
        raise forms.ValidationError(
            "Ce fichier n'est pas un PDF (nous vérifions son contenu, pas seulement son nom). Enregistrez "
            "votre CV au format PDF, ou envoyez la candidature sans CV : il est facultatif.",
            code="not_pdf",
        )


@receiver(page_published)
def open_position_when_preparing_cafe_is_published(sender, instance, **kwargs) -> None:
    """Connected when reseau.apps is ready: a published café in preparation looks for its manager."""
    if isinstance(instance, CafePage):
        ensure_position_for_preparing_cafe(instance)


class ManagerApplicationForm(forms.Form):
    """What a candidate tells the network. No diploma asked: motivation, ties, welcoming experience."""

    name = forms.CharField(
        label="Prénom et nom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="Adresse électronique",
        help_text="Nous vous écrivons à chaque étape de votre candidature.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Téléphone",
        max_length=30,
        required=False,
        help_text="Facultatif, pour vous appeler plus vite.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    commune = forms.CharField(
        label="Commune où vous habitez",
        max_length=120,
        help_text="Tapez le nom de la commune (ou son code postal) puis choisissez-la dans la liste.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "communes-proposees"}),
    )
    positions = forms.ModelMultipleChoiceField(
        label="Le ou les cafés qui vous intéressent",
        queryset=ManagerPosition.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez-en un ou plusieurs.",
        error_messages={"required": "Cochez au moins un café."},
    )
    available_from = forms.DateField(
        label="Disponible à partir du",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Une date au format jj/mm/aaaa.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Indiquez une date, par exemple 01/09/2026."},
    )
    live_on_site = forms.TypedChoiceField(
        label="Habiteriez-vous sur place ?",
        choices=[("oui", "Oui"), ("non", "Non")],
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
        help_text="Beaucoup de locaux ont un logement à l'étage.",
    )
    motivation = forms.CharField(
        label="Votre motivation, avec vos mots",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    village_ties = forms.CharField(
        label="Vos liens avec le village ou la région",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
        help_text="Famille, travail, associations… ou aucun : c'est très bien aussi.",
    )
    welcoming_experience = forms.CharField(
        label="Votre expérience de l'accueil",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text="De toute sorte : commerce, bénévolat, fêtes de village, accueil du public… Aucun diplôme "
        "n'est demandé.",
    )
    cv = forms.FileField(
        label="CV (facultatif)",
        required=False,
        help_text="Un fichier PDF de 3 Mo au plus. Il n'est lu que par l'équipe du réseau.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    consent = forms.BooleanField(
        label="J'accepte que le réseau 1000 cafés conserve ces informations pour étudier ma candidature et "
        "les transmette à la mairie du café concerné si elle avance. Elles sont anonymisées au bout de deux "
        "ans ; je peux demander à les consulter ou à les effacer à tout moment.",
        error_messages={
            "required": "Cochez cette case : sans votre accord, nous ne pouvons pas garder votre candidature."
        },
    )
    token = forms.UUIDField(widget=forms.HiddenInput)
    # Hidden by CSS and skipped by keyboards: only robots fill it in (as on /candidature/).
    site_web = forms.CharField(label="Ne pas remplir ce champ", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["positions"]
        # Validate against every position, so a closed one gets its own message rather than "invalid choice";
        # offer only the open ones.
        field.queryset = ManagerPosition.objects.select_related("cafe__commune__department")
        self.open_positions = list(open_positions())
        field.widget.choices = [(p.pk, position_label(p)) for p in self.open_positions]
        self.fields["site_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_commune(self):
        return resolve_commune(self.cleaned_data["commune"])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and len(re.sub(r"\D", "", phone)) < 10:
            raise forms.ValidationError("Indiquez un numéro à 10 chiffres, par exemple 06 00 00 00 00.")
        return phone

    def clean_positions(self):
        positions = self.cleaned_data["positions"]
        closed = [p for p in positions if not p.is_open or not p.cafe.live]
        if closed:
            names = ", ".join(p.cafe.title for p in closed)
            raise forms.ValidationError(
                f"Ce poste n'est plus ouvert : {names}. Il vient d'être pourvu ou fermé ; choisissez "
                "un autre café parmi ceux qui cherchent leur gérant.",
                code="closed",
            )
        return positions

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if upload:
            check_pdf(upload)
        return upload

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("site_web"))


def add_choices(application: ManagerApplication, positions: list[ManagerPosition]) -> None:
    """Link a new application to its positions with the distance from the candidate's commune to each café,
    and keep the nearest on the application (the admin's ranking)."""
    choices = PositionChoice.objects.bulk_create(
        PositionChoice(
            application=application,
            position=position,
            distance_km=great_circle_km(application.commune, position.cafe.commune),
        )
        for position in positions
    )
    known = [choice.distance_km for choice in choices if choice.distance_km is not None]
    application.nearest_km = min(known) if known else None
    application.save(update_fields=["nearest_km"])


def submit_application(form: ManagerApplicationForm) -> tuple[ManagerApplication, bool]:
    """Store the valid form's application once per token, with the distance to each café; returns
    (application, created). The candidate's acknowledgement is e-mailed after the commit."""
    data = form.cleaned_data
    token = data["token"]
    existing = ManagerApplication.objects.filter(token=token).first()
    if existing is not None:
        return existing, False
    application = ManagerApplication(
        token=token,
        name=data["name"].strip(),
        email=data["email"],
        phone=data["phone"],
        commune=data["commune"],
        available_from=data["available_from"],
        live_on_site=data["live_on_site"],
        motivation=data["motivation"].strip(),
        village_ties=data["village_ties"].strip(),
        welcoming_experience=data["welcoming_experience"].strip(),
        consent_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            if data.get("cv"):
                application.cv.save("cv.pdf", data["cv"], save=False)
            application.save()
            add_choices(application, data["positions"])
            transaction.on_commit(lambda: send_acknowledgement(application))
    except IntegrityError:
        # The same form sent twice at once: the other request stored it first; drop this request's file.
        if application.cv:
            application.cv.delete(save=False)
        return ManagerApplication.objects.get(token=token), False
    return application, True


def cafes_text(application: ManagerApplication) -> str:
    return ", ".join(choice.position.cafe.title for choice in application.sorted_choices)


def send_acknowledgement(application: ManagerApplication) -> None:
    send_mail(
        "Nous avons bien reçu votre candidature · Réseau 1000 cafés",
        f"Bonjour {application.name},\n\n"
        f"Merci pour votre candidature pour tenir un café du réseau ({cafes_text(application)}). "
        "L'équipe la lit avec attention et vous écrit à chaque étape.\n\n"
        "Vous pouvez à tout moment demander à consulter ou à effacer vos informations : dites-le à "
        "l'équipe qui suit votre candidature.\n\n"
        "L'équipe du réseau 1000 cafés",
        None,
        [application.email],
    )


# What the candidate is told when staff move their application to a stage (none for "received": the
# acknowledgement said it, and moving back there is the team's own correction).
Stage = ManagerApplication.Stage
STAGE_MESSAGES = {
    Stage.CALL: (
        "Votre candidature avance : nous allons vous appeler",
        "Votre candidature nous a touchés. Une personne de l'équipe va vous appeler dans les prochains jours "
        "pour faire connaissance et répondre à vos questions.",
    ),
    Stage.MET: (
        "Merci pour notre rencontre",
        "Merci d'avoir pris le temps de nous rencontrer. Nous revenons vers vous rapidement avec la suite.",
    ),
    Stage.PROPOSED: (
        "Votre candidature est présentée à la mairie",
        "Nous présentons votre candidature à la mairie de la commune du café. Elle décide avec nous ; nous "
        "vous tenons au courant dès que nous avons sa réponse.",
    ),
    Stage.SELECTED: (
        "Votre candidature est retenue",
        "Bonne nouvelle : votre candidature est retenue pour tenir le café. Nous vous appelons pour préparer "
        "votre arrivée et votre formation.",
    ),
    Stage.DECLINED: (
        "Votre candidature n'est pas retenue",
        "Nous n'avons pas retenu votre candidature cette fois-ci. Merci sincèrement pour votre intérêt ; "
        "d'autres cafés ouvrent chaque année, et vous pouvez candidater à nouveau sur /devenir-gerant/.",
    ),
}


def record_stage_change(application: ManagerApplication, previous_stage: str) -> bool:
    """After staff saved `application`: date the change and e-mail the candidate (after the commit) when the
    new stage is one they are told about. Returns whether a message was sent."""
    if application.stage == previous_stage:
        return False
    ManagerApplication.objects.filter(pk=application.pk).update(stage_changed_at=timezone.now())
    message = STAGE_MESSAGES.get(application.stage)
    if message is None or not application.email:
        return False
    subject, text = message
    body = (
        f"Bonjour {application.name},\n\n{text}\n\nCafé(s) : {cafes_text(application)}\n\n"
        "L'équipe du réseau 1000 cafés"
    )
    recipient = application.email
    transaction.on_commit(lambda: send_mail(f"{subject} · Réseau 1000 cafés", body, None, [recipient]))
    return True


ANONYMOUS_NAME = "Candidature anonymisée"


def anonymise(application: ManagerApplication) -> None:
    """Erase who the candidate is, keep what the network counts (commune, cafés, distances, stage)."""
    if application.cv:
        application.cv.delete(save=False)
    ManagerApplication.objects.filter(pk=application.pk).update(
        name=ANONYMOUS_NAME,
        email="",
        phone="",
        motivation="",
        village_ties="",
        welcoming_experience="",
        staff_notes="",
        cv="",
        anonymised_at=timezone.now(),
    )


def applications_of(email: str) -> QuerySet[ManagerApplication]:
    return ManagerApplication.objects.filter(email__iexact=email.strip())


def export_applications(email: str) -> list[dict]:
    """Everything stored about the person writing from `email` (a right-of-access request), as plain data."""
    rows = []
    applications = (
        applications_of(email).select_related("commune").prefetch_related("choices__position__cafe")
    )
    for app in applications:
        rows.append(
            {
                "reçue le": app.created_at.isoformat(),
                "nom": app.name,
                "adresse électronique": app.email,
                "téléphone": app.phone,
                "commune": str(app.commune),
                "cafés": [
                    {
                        "café": c.position.cafe.title,
                        "distance (km)": c.distance_km and round(c.distance_km, 1),
                    }
                    for c in app.sorted_choices
                ],
                "disponible à partir du": app.available_from.isoformat() if app.available_from else None,
                "habiterait sur place": app.live_on_site,
                "motivation": app.motivation,
                "liens avec le village": app.village_ties,
                "expérience de l'accueil": app.welcoming_experience,
                "CV joint": bool(app.cv),
                "consentement donné le": app.consent_at.isoformat(),
                "étape": app.get_stage_display(),
                "notes de l'équipe": app.staff_notes,
            }
        )
    return rows


def delete_applications(email: str) -> int:
    """Delete every application from `email` and their CVs (a deletion request); returns how many."""
    count = 0
    for app in applications_of(email):
        with transaction.atomic():
            app.delete()  # the post_delete signal removes the CV file
        count += 1
    return count


class RegionFilterForm(forms.Form):
    region = forms.ChoiceField(label="Région", required=False)

    def __init__(self, data, regions: list[Region]):
        super().__init__(data)
        self.fields["region"].choices = [("", "Toutes les régions"), *((r.code, r.name) for r in regions)]


@dataclass
class PositionCard:
    position: ManagerPosition
    cafe_url: str
    apply_url: str


def positions_context(request: HttpRequest, apply_url: str) -> dict:
    """/devenir-gerant/: the open positions (filtered by region), their map, in a fixed number of queries."""
    positions = list(open_positions())
    regions = sorted(
        {p.cafe.commune.department.region.code: p.cafe.commune.department.region for p in positions}.values(),
        key=lambda r: r.name,
    )
    form = RegionFilterForm(request.GET or None, regions)
    if form.is_valid() and form.cleaned_data["region"]:
        positions = [
            p for p in positions if p.cafe.commune.department.region.code == form.cleaned_data["region"]
        ]
    cards = [PositionCard(p, p.cafe.get_url(request), f"{apply_url}?poste={p.pk}") for p in positions]
    return {
        "filter_form": form,
        "is_filtered": form.is_valid() and bool(form.cleaned_data["region"]),
        "cards": cards,
        "markers": [
            marker(card.position.cafe.title, card.cafe_url, card.position.cafe.commune, "Cherche son gérant")
            for card in cards
        ],
        "local_km": settings.RECRUITMENT_LOCAL_KM,
    }
