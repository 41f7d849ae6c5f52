"""The directory's search form, the member's proposal of a producer, and a café's recommendation.

Every bad input gets a French error next to its field; the forms never write anything themselves (the views
call producteurs.services once a form is valid).
"""

from django import forms
from django.core.validators import EmailValidator

from producteurs.finding import Criteria, communes_named
from producteurs.models import Label, ProducerPage, Product, SalesMode, find_duplicate, phone_validator
from producteurs.months import MONTHS
from reseau.models import CafePage, Commune, Department, Region
from reseau.widgets import QuickSelect

MAX_RADIUS_KM = 1000
RADIUS_ERROR = f"Le rayon doit être un nombre entier de kilomètres, entre 1 et {MAX_RADIUS_KM}."
ANY_LABEL = "avec-label"
ORGANIC_ONLY = "bio"


def product_choices(families_selectable: bool) -> list:
    """The taxonomy as grouped choices: one group per family, its products inside (one query, no models)."""
    rows = Product.objects.order_by("name").values_list("pk", "parent_id", "slug", "name")
    families: dict[int, tuple[str, str]] = {}
    products: dict[int, list] = {}
    for pk, parent_id, slug, name in rows:
        if parent_id is None:
            families[pk] = (slug, name)
        else:
            products.setdefault(parent_id, []).append((slug, name))
    groups = []
    for pk, (slug, name) in sorted(families.items(), key=lambda family: family[1][1]):
        head = [(slug, f"{name} : tous")] if families_selectable else []
        groups.append((name, head + products.get(pk, [])))
    return groups


class CommuneResolver:
    """Turns the text of a commune field into one Commune, or an error asking which one when several match.

    The candidates are kept in `commune_choices` so the template can offer them as radio buttons (field
    `insee`); the choice is honoured only while the typed name still matches it."""

    commune_choices: list[Commune]

    def resolve_commune(self, field: str, text: str, chosen_insee: str) -> Commune | None:
        self.commune_choices = []
        candidates = communes_named(text)
        if not candidates:
            self.add_error(
                field,
                f"Aucune commune ne s'appelle « {text} ». Vérifiez l'orthographe ou indiquez le code postal, "
                "par exemple « Beaulon » ou « 03230 ».",
            )
            return None
        if len(candidates) == 1:
            return candidates[0]
        chosen = next((commune for commune in candidates if commune.insee == chosen_insee), None)
        if chosen is not None:
            return chosen
        self.commune_choices = candidates
        self.add_error(
            field, f"Plusieurs communes correspondent à « {text} » : choisissez laquelle dans la liste."
        )
        return None


class ProducerSearchForm(CommuneResolver, forms.Form):
    """GET filters of /producteurs/. Field names are the French query-string parameters."""

    q = forms.CharField(label="Nom du producteur", required=False, max_length=100)
    produit = forms.ChoiceField(
        widget=QuickSelect,
        label="Produit",
        required=False,
        help_text="Une famille (tous les fruits…) ou un produit précis.",
        error_messages={
            "invalid_choice": "« %(value)s » n'est pas dans la liste des produits : choisissez un produit "
            "ou une famille de la liste."
        },
    )
    label = forms.ChoiceField(
        widget=QuickSelect,
        label="Labels",
        required=False,
        error_messages={
            "invalid_choice": "« %(value)s » n'est pas un label connu : choisissez dans la liste."
        },
    )
    region = forms.ChoiceField(
        widget=QuickSelect,
        label="Région",
        required=False,
        error_messages={"invalid_choice": "Région inconnue : choisissez dans la liste."},
    )
    departement = forms.ChoiceField(
        widget=QuickSelect,
        label="Département",
        required=False,
        error_messages={"invalid_choice": "Département inconnu : choisissez dans la liste."},
    )
    mode = forms.ChoiceField(
        widget=QuickSelect,
        label="Mode de vente",
        required=False,
        error_messages={"invalid_choice": "Mode de vente inconnu : choisissez dans la liste."},
    )
    ce_mois = forms.BooleanField(label="Disponible ce mois-ci", required=False)
    cafe = forms.ChoiceField(
        widget=QuickSelect,
        label="Distance depuis un café du réseau",
        required=False,
        error_messages={"invalid_choice": "Café inconnu : choisissez un café du réseau dans la liste."},
    )
    commune = forms.CharField(
        label="ou depuis une commune",
        required=False,
        max_length=100,
        help_text="Nom ou code postal, par exemple « Saint-Pourçain-sur-Sioule » ou « 03500 ».",
    )
    insee = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)
    rayon = forms.IntegerField(
        label="Dans un rayon de (km)",
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        error_messages={"invalid": RADIUS_ERROR, "min_value": RADIUS_ERROR, "max_value": RADIUS_ERROR},
    )
    livre = forms.BooleanField(
        label="Livre mon café",
        required=False,
        help_text="Le café choisi (ou le vôtre) est dans le rayon de livraison du producteur.",
    )

    def __init__(self, *args, month: int, user_cafe: CafePage | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.month = month
        self.user_cafe = user_cafe
        self.commune_choices = []
        fields = self.fields
        fields["ce_mois"].label = f"Disponible ce mois-ci ({MONTHS[month - 1]})"
        fields["produit"].choices = [("", "Tous les produits"), *product_choices(families_selectable=True)]
        # Plain rows rather than models: building a few hundred model instances per request for the options
        # cost more than the search itself.
        fields["label"].choices = [
            ("", "Avec ou sans label"),
            (ANY_LABEL, "Au moins un label"),
            (ORGANIC_ONLY, "Bio uniquement (AB, Nature & Progrès, Demeter…)"),
            ("Un label précis", list(Label.objects.order_by("name").values_list("slug", "name"))),
        ]
        fields["region"].choices = [
            ("", "Toutes les régions"),
            *Region.objects.order_by("name").values_list("code", "name"),
        ]
        fields["departement"].choices = [
            ("", "Tous les départements"),
            *(
                (code, f"{code} · {name}")
                for code, name in Department.objects.order_by("code").values_list("code", "name")
            ),
        ]
        fields["mode"].choices = [
            ("", "Tous les modes de vente"),
            *SalesMode.objects.order_by("name").values_list("slug", "name"),
        ]
        cafes = CafePage.objects.live().order_by("title").values_list("pk", "title", "commune__name")
        fields["cafe"].choices = [
            ("", "Aucun"),
            *((str(pk), f"{title} ({commune})") for pk, title, commune in cafes),
        ]

    def clean(self) -> dict:
        data = super().clean()
        cafe = (
            CafePage.objects.live().select_related("commune").filter(pk=data["cafe"]).first()
            if data.get("cafe")
            else None
        )
        commune_text = (data.get("commune") or "").strip()
        origin = None
        if cafe and commune_text:
            self.add_error("commune", "Choisissez un café ou une commune, pas les deux.")
        elif cafe:
            origin = cafe.commune
        elif commune_text:
            origin = self.resolve_commune("commune", commune_text, data.get("insee") or "")
        data["origin_commune"] = origin
        if data.get("rayon") is not None and origin is None and "commune" not in self.errors:
            self.add_error("rayon", "Indiquez un café ou une commune d'où compter ce rayon.")
        delivers_to = None
        if data.get("livre"):
            delivers_to = cafe or self.user_cafe
            if delivers_to is None:
                self.add_error(
                    "livre", "Choisissez le café à livrer dans « Distance depuis un café du réseau »."
                )
        data["delivers_to"] = delivers_to
        if origin is None and delivers_to is not None:
            # "Delivers to my café" reads best nearest first.
            data["origin_commune"] = delivers_to.commune
        return data

    def criteria(self) -> Criteria:
        """The valid form as search criteria (call after is_valid())."""
        data = self.cleaned_data
        label_value = data.get("label") or ""
        origin: Commune | None = data.get("origin_commune")
        return Criteria(
            text=data.get("q", "").strip(),
            product=Product.objects.filter(slug=data["produit"]).first() if data.get("produit") else None,
            label=Label.objects.filter(slug=label_value).first()
            if label_value not in {"", ANY_LABEL, ORGANIC_ONLY}
            else None,
            any_label=label_value == ANY_LABEL,
            organic_only=label_value == ORGANIC_ONLY,
            region=Region.objects.filter(code=data["region"]).first() if data.get("region") else None,
            department=Department.objects.filter(code=data["departement"]).first()
            if data.get("departement")
            else None,
            sales_mode=SalesMode.objects.filter(slug=data["mode"]).first() if data.get("mode") else None,
            month=self.month if data.get("ce_mois") else None,
            origin=(origin.latitude, origin.longitude) if origin is not None else None,
            radius_km=data.get("rayon"),
            delivers_to=data.get("delivers_to"),
        )


class ProposalForm(CommuneResolver, forms.Form):
    """A member proposes a producer; the team validates it in the admin (Wagtail moderation)."""

    name = forms.CharField(label="Nom de la ferme ou de l'atelier", max_length=255)
    kind = forms.ChoiceField(label="Type", choices=ProducerPage.Kind.choices)
    commune = forms.CharField(label="Commune", max_length=100, help_text="Nom ou code postal.")
    insee = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)
    products = forms.MultipleChoiceField(
        label="Produits",
        widget=forms.SelectMultiple(attrs={"size": 12}),
        error_messages={
            "required": "Choisissez au moins un produit.",
            "invalid_choice": "« %(value)s » n'est pas dans la liste des produits.",
        },
        help_text="Ctrl (ou Cmd) + clic pour en choisir plusieurs.",
    )
    labels = forms.ModelMultipleChoiceField(
        label="Labels", queryset=Label.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    sales_modes = forms.ModelMultipleChoiceField(
        label="Modes de vente",
        queryset=SalesMode.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label="Présentation", widget=forms.Textarea(attrs={"rows": 5}), max_length=3000, required=False
    )
    phone = forms.CharField(label="Téléphone", required=False, max_length=20, validators=[phone_validator])
    email = forms.CharField(
        label="E-mail",
        required=False,
        max_length=254,
        validators=[EmailValidator("Adresse e-mail invalide, par exemple contact@ferme.fr.")],
    )
    website = forms.URLField(
        label="Site web",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Adresse de site invalide, par exemple https://ferme.fr."},
    )
    contact_public = forms.BooleanField(
        label="Le producteur accepte que ses coordonnées soient publiques", required=False
    )
    delivery_radius_km = forms.IntegerField(
        label="Rayon de livraison (km)",
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        error_messages={"invalid": RADIUS_ERROR, "min_value": RADIUS_ERROR, "max_value": RADIUS_ERROR},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune_choices = []
        self.fields["products"].choices = product_choices(families_selectable=False)

    def clean(self) -> dict:
        data = super().clean()
        text = (data.get("commune") or "").strip()
        commune = self.resolve_commune("commune", text, data.get("insee") or "") if text else None
        data["commune_obj"] = commune
        if commune is not None and data.get("name"):
            duplicate = find_duplicate(data["name"], commune.pk)
            if duplicate is not None:
                state = (
                    "est déjà dans l'annuaire"
                    if duplicate.live
                    else "a déjà été proposé et attend la validation de l'équipe"
                )
                self.duplicate = duplicate
                self.add_error("name", f"« {duplicate.title} » à {commune.name} {state}.")
        if data.get("products"):
            data["product_objs"] = list(
                Product.objects.filter(slug__in=data["products"], parent__isnull=False)
            )
        return data


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label="Votre recommandation",
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce que vous achetez, la qualité, la fiabilité des livraisons… (600 caractères au plus).",
        error_messages={"required": "Écrivez quelques mots de recommandation."},
    )
