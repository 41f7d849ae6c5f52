"""A commune's application (/candidature/): finding the commune, checking eligibility, storing it once.

The mayor types the commune's name (the form's autocomplete suggests real communes from
`search_communes`, over /candidature/communes/); the server resolves the text itself, so the form works
without JavaScript. `submit_application` is the one write: a transaction keyed on the form's token, so a
double submit stores one application.
"""

import re

from django import forms
from django.db import IntegrityError, transaction

from reseau.geography import Commune, fold_name
from reseau.models import CommuneApplication, Service, eligibility_error

NAME_WITH_POSTCODE = re.compile(r"^(?P<name>.*?)\s*\((?P<postcode>\d[\dAB]\d{3})\)\s*$")
SUGGESTIONS = 10


def search_communes(query: str, limit: int = SUGGESTIONS) -> list[Commune]:
    """Communes whose name starts like `query` (accents, case and hyphens ignored) or whose postcode does."""
    query = query.strip()
    if len(query) < 2:
        return []
    communes = Commune.objects.select_related("department")
    if query.isdigit():
        communes = communes.filter(postcode__startswith=query)
    else:
        # A range rather than LIKE 'x%': SQLite's case-insensitive LIKE cannot use the index, a range can.
        folded = fold_name(query)
        communes = communes.filter(search_name__gte=folded, search_name__lt=folded + "\uffff")
    return list(communes.order_by("search_name", "postcode")[:limit])


def commune_label(commune: Commune) -> str:
    """How a commune is written in the form's field and its suggestions: « Beaulon (03230) »."""
    return f"{commune.name} ({commune.postcode})" if commune.postcode else commune.name


def resolve_commune(text: str) -> Commune:
    """The one real commune `text` names (« Beaulon », « beaulon (03230) »), or a French ValidationError."""
    text = text.strip()
    match = NAME_WITH_POSTCODE.match(text)
    name, postcode = (match["name"], match["postcode"]) if match else (text, "")
    candidates = list(Commune.objects.filter(search_name=fold_name(name)).select_related("department"))
    if postcode and any(c.postcode == postcode for c in candidates):
        candidates = [c for c in candidates if c.postcode == postcode]
    if not candidates:
        raise forms.ValidationError(
            f"Nous ne trouvons pas de commune nommée « {name} ». Vérifiez l'orthographe, ou tapez les "
            "premières lettres et choisissez votre commune dans la liste proposée.",
            code="unknown",
        )
    if len(candidates) > 1:
        examples = " ; ".join(f"« {commune_label(c)} » ({c.department.name})" for c in candidates[:6])
        raise forms.ValidationError(
            f"Plusieurs communes s'appellent {candidates[0].name} : précisez le code postal, par exemple "
            f"{examples}.",
            code="ambiguous",
        )
    return candidates[0]


class CommuneApplicationForm(forms.ModelForm):
    """What a mayor tells the network; `commune` is typed text resolved to a real, eligible commune."""

    commune = forms.CharField(
        label="Commune",
        max_length=120,
        help_text="Tapez le nom de la commune (ou son code postal) puis choisissez-la dans la liste.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "communes-proposees"}),
    )
    premises_housing = forms.TypedChoiceField(
        label="Un logement pour deux salariés est-il disponible ?",
        choices=[("oui", "Oui"), ("non", "Non")],
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
    )
    wanted_services = forms.ModelMultipleChoiceField(
        label="Services souhaités",
        queryset=Service.objects.filter(is_base=False),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="En plus du socle commun (café, bar, petite restauration, lieu d'échanges).",
    )
    token = forms.UUIDField(widget=forms.HiddenInput)
    # A field people never see (hidden by CSS, skipped by screen readers): only robots fill it in.
    site_web = forms.CharField(label="Ne pas remplir ce champ", required=False)

    class Meta:
        model = CommuneApplication
        fields = [
            "commune",
            "mayor_name",
            "mayor_email",
            "mayor_phone",
            "cafe_today",
            "other_shops",
            "premises_address",
            "premises_surface",
            "premises_housing",
            "inhabitants_support",
            "wanted_services",
            "services_ideas",
        ]
        widgets = {
            "cafe_today": forms.RadioSelect,
            "other_shops": forms.Textarea(attrs={"rows": 3}),
            "inhabitants_support": forms.Textarea(attrs={"rows": 4}),
            "services_ideas": forms.Textarea(attrs={"rows": 3}),
            "mayor_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "mayor_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "mayor_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        labels = {
            "mayor_name": "Nom du maire ou de la maire",
            "cafe_today": "Y a-t-il un café dans la commune aujourd'hui ?",
            "other_shops": "Autres commerces présents dans la commune",
            "premises_surface": "Surface du local (m²)",
            "inhabitants_support": "Le soutien des habitants",
            "services_ideas": "Premières idées de services",
        }
        help_texts = {
            "premises_address": "Le local que la commune peut mettre à disposition du café.",
            "inhabitants_support": "Réunion publique, pétition, association, bénévoles prêts à aider…",
            "other_shops": "Boulangerie, épicerie, tabac, marché… ou « aucun ».",
        }
        error_messages = {
            "premises_surface": {
                "min_value": "Un café a besoin d'au moins 10 m².",
                "max_value": "Indiquez une surface de 5 000 m² au plus.",
            }
        }

    field_order = ["commune", *Meta.fields[1:], "token", "site_web"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["mayor_phone"].help_text = "Pour vous rappeler au sujet de la candidature."

    def clean_commune(self) -> Commune:
        commune = resolve_commune(self.cleaned_data["commune"])
        if error := eligibility_error(commune):
            raise forms.ValidationError(
                f"{error} Votre commune n'est donc pas éligible au programme 1000 cafés.", code="ineligible"
            )
        return commune

    def clean_mayor_phone(self) -> str:
        phone = self.cleaned_data["mayor_phone"].strip()
        if len(re.sub(r"\D", "", phone)) < 10:
            raise forms.ValidationError(
                "Indiquez un numéro de téléphone à 10 chiffres, par exemple 04 70 00 00 00."
            )
        return phone

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("site_web"))


def submit_application(form: CommuneApplicationForm) -> tuple[CommuneApplication, bool]:
    """Store the valid form's application once per token; returns (application, created)."""
    token = form.cleaned_data["token"]
    existing = CommuneApplication.objects.filter(token=token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            application = form.save(commit=False)
            application.token = token
            application.save()
            form.save_m2m()
    except IntegrityError:
        # The same form sent twice at once: the other request stored it first.
        return CommuneApplication.objects.get(token=token), False
    return application, True
