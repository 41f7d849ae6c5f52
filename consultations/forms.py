"""The inhabitants' answer form: no account, one answer per person (e-mail confirmation), a honeypot."""

from django import forms

from consultations.models import AgeBand, Consultation, Frequency
from consultations.services import nearby_communes
from reseau.models import Service

OTHER_COMMUNE = "autre"
EMPTY_ANSWER = (
    "Votre réponse est vide : cochez au moins un service ou écrivez une idée, pour qu'elle puisse être "
    "comptée."
)


class AnswerForm(forms.Form):
    services = forms.ModelMultipleChoiceField(
        label="Quels services utiliseriez-vous au café ?",
        queryset=Service.objects.filter(is_base=False),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez tous ceux qui vous serviraient.",
    )
    idea = forms.CharField(
        label="Une autre idée, un besoin ?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Avec vos mots : ce qui vous manque au village, ce que le café pourrait proposer.",
        error_messages={"max_length": "Votre idée dépasse 1 000 caractères : raccourcissez-la un peu."},
    )
    frequency = forms.ChoiceField(
        label="À quelle fréquence viendriez-vous ?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Dites à quelle fréquence vous viendriez."},
    )
    age_band = forms.ChoiceField(
        label="Votre tranche d'âge",
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez votre tranche d'âge."},
    )
    commune = forms.ChoiceField(
        label="Votre commune",
        error_messages={
            "required": "Choisissez votre commune.",
            "invalid_choice": "Choisissez votre commune dans la liste.",
        },
    )
    hamlet = forms.CharField(
        label="Votre hameau ou lieu-dit (facultatif)", required=False, max_length=120,
        error_messages={"max_length": "Le nom du hameau dépasse 120 caractères."},
    )  # fmt: skip
    email = forms.EmailField(
        label="Votre adresse électronique",
        help_text="Pour confirmer votre réponse (une seule par personne). Elle n'est pas conservée.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Indiquez votre adresse électronique : elle sert à confirmer votre réponse.",
            "invalid": "Cette adresse électronique n'est pas valide (exemple : prenom@exemple.fr).",
        },
    )
    consent = forms.BooleanField(
        label=(
            "J'accepte que ma réponse (sans mon adresse) soit utilisée par le café et la mairie pour choisir "
            "les services du café. Je peux la faire supprimer à tout moment."
        ),
        error_messages={
            "required": "Cochez la case de consentement pour que votre réponse puisse être comptée."
        },
    )
    # A field people never see (hidden by CSS, skipped by screen readers): only robots fill it in.
    site_web = forms.CharField(label="Ne pas remplir ce champ", required=False)

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.communes = {str(commune.pk): commune for commune in nearby_communes(consultation)}
        self.fields["commune"].choices = [
            ("", "Choisissez…"),
            *((pk, commune.name) for pk, commune in self.communes.items()),
            (OTHER_COMMUNE, "Une autre commune"),
        ]
        self.fields["site_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("site_web"))

    def clean_idea(self) -> str:
        return self.cleaned_data["idea"].strip()

    def clean_hamlet(self) -> str:
        return self.cleaned_data["hamlet"].strip()

    def clean_commune(self):
        value = self.cleaned_data["commune"]
        return None if value == OTHER_COMMUNE else self.communes[value]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("services") and not cleaned.get("idea") and not self.has_error("idea"):
            raise forms.ValidationError(EMPTY_ANSWER, code="empty")
        return cleaned
