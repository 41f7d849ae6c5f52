"""The directory's search form, the member's proposal of a producer, and a café's recommendation.

Every bad input gets a French error next to its field; the forms never write anything themselves (the views
call producteurs.services once a form is valid).
"""

from functools import partial

from django import forms
from django.core.validators import EmailValidator
from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, F, IntegerField, Model, QuerySet, Value
from django.db.models.functions import Cast

from producteurs.finding import Criteria, communes_named
from producteurs.models import Label, ProducerPage, Product, SalesMode, find_duplicate, phone_validator
from producteurs.months import MONTHS
from reseau.compiled import CompiledQuery, model_columns
from reseau.models import CafePage, Commune, Department, Region
from reseau.widgets import QuickSelect, SharedChoices

MAX_RADIUS_KM = 1000
RADIUS_ERROR = f"Le rayon doit être un nombre entier de kilomètres, entre 1 et {MAX_RADIUS_KM}."
ANY_LABEL = "avec-label"
ORGANIC_ONLY = "bio"


def _filter_rows(shape: None) -> QuerySet:
    """Every option of the directory's filters as (kind, value, label, pk, family, commune), in one union
    ordered as each list is shown: products, labels, regions and sales modes by name, departments by code,
    live cafés by title."""
    text, number = partial(Value, output_field=CharField()), partial(Value, output_field=IntegerField())

    def part(queryset: QuerySet, kind: str, value, label: str, sort: str, family=None, commune=None):
        columns = {"o_kind": text(kind), "o_value": value, "o_label": F(label), "o_sort": F(sort)}
        columns["o_family"] = number(None) if family is None else F(family)
        columns["o_commune"] = text(None) if commune is None else F(commune)
        return (
            queryset.order_by()
            .annotate(**columns)
            .values_list("o_kind", "o_value", "o_label", "pk", "o_family", "o_commune", "o_sort")
        )

    first, *others = [
        part(Product.objects, "product", F("slug"), "name", "name", family="parent_id"),
        part(Label.objects, "label", F("slug"), "name", "name"),
        part(Region.objects, "region", F("code"), "name", "name"),
        part(Department.objects, "department", F("code"), "name", "code"),
        part(SalesMode.objects, "mode", F("slug"), "name", "name"),
        part(
            CafePage.objects.live(),
            "cafe",
            Cast("pk", CharField()),
            "title",
            "title",
            commune="commune__name",
        ),
    ]
    return first.union(*others, all=True).order_by("o_kind", "o_sort", "pk")


_FILTER_ROWS = CompiledQuery(_filter_rows)
# The model of each kind of entry, and the field a filter's value is.
ENTRIES: dict[str, tuple[type[Model], str]] = {
    "product": (Product, "slug"),
    "label": (Label, "slug"),
    "region": (Region, "code"),
    "department": (Department, "code"),
    "mode": (SalesMode, "slug"),
}


class FilterChoices:
    """The options of the directory's filters, and the vocabulary entries their values stand for, built from
    one read of the vocabularies (`filter_choices`). The entries are models with their plain fields only
    (`from_db`: any other field is read when asked for)."""

    def __init__(self, rows: list[tuple]) -> None:
        by_kind: dict[str, list[tuple]] = {}
        for kind, *row in rows:
            by_kind.setdefault(kind, []).append(row)
        self.entries = {kind: {row[0]: row for row in kind_rows} for kind, kind_rows in by_kind.items()}
        products = by_kind.get("product", [])
        families = {pk: (slug, name) for slug, name, pk, parent, *_ in products if parent is None}
        children: dict[int, list[tuple[str, str]]] = {pk: [] for pk in families}
        for slug, name, _, parent, *_ in products:
            if parent in children:
                children[parent].append((slug, name))
        # Families by name, each with its products by name.
        self.product_groups = [
            (name, children[pk]) for pk, (slug, name) in sorted(families.items(), key=lambda item: item[1][1])
        ]
        self.family_heads = {name: (slug, f"{name} : tous") for slug, name in families.values()}

        def options(kind: str, first: tuple, label=lambda row: row[1]) -> SharedChoices:
            return SharedChoices([first, *((row[0], label(row)) for row in by_kind.get(kind, []))])

        self.products = SharedChoices([("", "Tous les produits"), *self.product_choices(True)])
        self.labels = SharedChoices(
            [
                ("", "Avec ou sans label"),
                (ANY_LABEL, "Au moins un label"),
                (ORGANIC_ONLY, "Bio uniquement (AB, Nature & Progrès, Demeter…)"),
                ("Un label précis", [(slug, name) for slug, name, *_ in by_kind.get("label", [])]),
            ]
        )
        self.regions = options("region", ("", "Toutes les régions"))
        self.departments = options(
            "department", ("", "Tous les départements"), lambda row: f"{row[0]} · {row[1]}"
        )
        self.modes = options("mode", ("", "Tous les modes de vente"))
        self.cafes = options("cafe", ("", "Aucun"), lambda row: f"{row[1]} ({row[4]})")

    def product_choices(self, families_selectable: bool) -> list:
        """The taxonomy as grouped choices: one group per family, its products inside."""
        if not families_selectable:
            return self.product_groups
        return [(name, [self.family_heads[name], *products]) for name, products in self.product_groups]

    def entry(self, kind: str, value: str) -> Model | None:
        """The `kind` entry ("product", "label", "region", "department" or "mode") a filter's value names, or
        None."""
        row = self.entries.get(kind, {}).get(value)
        if row is None:
            return None
        model, key = ENTRIES[kind]
        _, name, pk, family, *_ = row
        known = {"id": pk, key: value, "name": name} | ({"parent_id": family} if kind == "product" else {})
        fields = [name for name in model_columns(model) if name in known]
        return model.from_db(DEFAULT_DB_ALIAS, fields, [known[field] for field in fields])


_last_read: tuple[list[tuple], FilterChoices] | None = None


def filter_choices() -> FilterChoices:
    """The filters' options: one compiled query each time, the options rebuilt only when its rows differ from
    the last ones this process read (so an editor's new label shows at once, in every process)."""
    global _last_read
    rows = _FILTER_ROWS.rows(None)
    last = _last_read
    if last is not None and last[0] == rows:
        return last[1]
    choices = FilterChoices(rows)
    _last_read = (rows, choices)
    return choices


def product_choices(families_selectable: bool) -> list:
    """The taxonomy as grouped choices: one group per family, its products inside."""
    return filter_choices().product_choices(families_selectable)


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
        # Shared from one request to the next while the vocabularies do not change: building a few hundred
        # options per request cost more than the search itself.
        self.choices = choices = filter_choices()
        fields["produit"].choices = choices.products
        fields["label"].choices = choices.labels
        fields["region"].choices = choices.regions
        fields["departement"].choices = choices.departments
        fields["mode"].choices = choices.modes
        fields["cafe"].choices = choices.cafes

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
        entry = self.choices.entry
        return Criteria(
            text=data.get("q", "").strip(),
            product=entry("product", data.get("produit")),
            label=entry("label", label_value) if label_value not in {ANY_LABEL, ORGANIC_ONLY} else None,
            any_label=label_value == ANY_LABEL,
            organic_only=label_value == ORGANIC_ONLY,
            region=entry("region", data.get("region")),
            department=entry("department", data.get("departement")),
            sales_mode=entry("mode", data.get("mode")),
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
