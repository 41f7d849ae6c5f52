"""Forms of the recipes: index filters, servings, technical sheet, "tried in my café" and sharing a recipe.

Every form keeps what was typed when it is re-displayed with errors, and says in French, next to the field,
what to write instead. Quantities, units and numbers are parsed by recettes.quantities.
"""

from decimal import Decimal, InvalidOperation
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CharField, Exists, OuterRef, QuerySet, Value
from taggit.models import Tag
from wagtail.images.fields import WagtailImageField

from recettes.models import Allergen, Diet, IngredientMatcher, Month, RecipePage, listed_recipes
from recettes.quantities import QuantityError, normalize_unit, parse_quantity, parse_servings
from reseau.access import Visibility
from reseau.compiled import CompiledQuery
from reseau.geography import fold_name
from reseau.widgets import QuickSelect

MAX_PHOTO_BYTES = 10 * 1024 * 1024


def parse_euros(text: str, label: str = "Ce montant") -> Decimal | None:
    """An amount in euros typed as "8,50", "8.5" or "8,50 €"; None when empty."""
    raw = str(text).replace("€", "").replace("\u202f", "").replace(" ", "").replace(",", ".").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(f"« {text} » n'est pas un montant : écrivez par exemple 8,50.") from None
    if not value.is_finite() or value < 0:
        raise ValidationError(f"{label} doit être un montant positif, par exemple 8,50.")
    if value >= 100_000:
        raise ValidationError(f"{label} est trop élevé : vérifiez la virgule.")
    return value.quantize(Decimal("0.01"))


class ServingsField(forms.CharField):
    """A number of servings typed by a person ("12"); French errors for "-3", "douze" or "0"."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise ValidationError("Écrivez un nombre entier de portions, par exemple 12.")
        try:
            return parse_servings(value)
        except QuantityError as error:
            raise ValidationError(str(error)) from None

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "size": 5}


class EurosField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return parse_euros(value, self.label.capitalize() if self.label else "Ce montant")

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "size": 8}


class ServingsForm(forms.Form):
    """?couverts=12 on a recipe page: every quantity and the cost follow."""

    couverts = ServingsField(label="Nombre de portions", required=False)


class TechnicalSheetForm(forms.Form):
    """The batch a café prepares and the price it sells a portion at, for the technical sheet."""

    couverts = ServingsField(label="Nombre de couverts", required=False)
    prix = EurosField(label="Prix de vente HT par portion (€)", required=False)


def _filter_choices(members: bool) -> QuerySet:
    """The diets, and the tags of the recipes members (or visitors) see, as (kind, slug, name)."""
    kind = partial(Value, output_field=CharField())
    diets = Diet.objects.order_by().values_list(kind("diet"), "slug", "name")
    # One probe per tag (its first visible recipe) rather than every tagged recipe made distinct.
    tagged = listed_recipes(members=members).filter(tagged_items__tag=OuterRef("pk"))
    tags = Tag.objects.filter(Exists(tagged))
    return diets.union(tags.order_by().values_list(kind("tag"), "slug", "name"), all=True)


# Read in one query compiled once per process for each audience.
FILTER_CHOICES = CompiledQuery(_filter_choices)


class RecipeFilterForm(forms.Form):
    """The filters and sorting of /recettes/, all optional; a wrong value is reported and ignored."""

    SORTS = [
        ("recentes", "les plus récentes"),
        ("mieux-notees", "les mieux notées"),
        ("plus-testees", "les plus testées"),
    ]

    type = forms.ChoiceField(
        label="Type de plat",
        required=False,
        choices=[("", "tous")] + RecipePage.Course.choices,
        widget=QuickSelect,
    )
    saison = forms.BooleanField(label="De saison ce mois-ci", required=False)
    # Plain choices of (slug, name), read with values_list: model choices build a model instance and a
    # wrapper per option, which on the tag list cost more than the rest of the filters.
    regime = forms.ChoiceField(label="Régime", required=False, widget=QuickSelect)
    mot_cle = forms.ChoiceField(label="Mot-clé", required=False, widget=QuickSelect)
    duree_max = forms.IntegerField(
        label="Durée totale maximale (min)", required=False, min_value=1, max_value=10_000,
        error_messages={"invalid": "Écrivez une durée en minutes, par exemple 45."},
    )  # fmt: skip
    cout_max = EurosField(label="Coût maximal par portion (€)", required=False)
    tri = forms.ChoiceField(label="Trier par", required=False, choices=SORTS, widget=QuickSelect)

    def __init__(self, *args, members: bool, **kwargs):
        """`members`: whether the reader is a member (the tags offered are those of the recipes they see)."""
        super().__init__(*args, **kwargs)
        self.fields["duree_max"].widget.attrs["size"] = 6
        choices: dict[str, list[tuple[str, str]]] = {"diet": [], "tag": []}
        for kind, slug, name in sorted(FILTER_CHOICES.rows(members), key=lambda row: fold_name(row[2])):
            choices[kind].append((slug, name))
        self.fields["regime"].choices = [("", "tous"), *choices["diet"]]
        self.fields["mot_cle"].choices = [("", "tous"), *choices["tag"]]


class TriedForm(forms.Form):
    """ "Testée dans mon café": a rating, a comment and how the café adapted the recipe."""

    note = forms.TypedChoiceField(
        label="Votre note",
        choices=[(str(n), f"{n} sur 5") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une note de 1 à 5.",
            "invalid_choice": "Choisissez une note de 1 à 5.",
        },
    )
    commentaire = forms.CharField(
        label="Comment ça s'est passé ?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Dites en une phrase comment la recette a été reçue."},
    )
    adaptation = forms.CharField(
        label="Vos adaptations (facultatif)",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text="Ce que vous avez changé : produits locaux, quantités, cuisson…",
    )


class PhotoField(WagtailImageField):
    """A recipe photo, checked by its content (not its name): a real JPEG, PNG or WebP of at most 10 Mo."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_upload_size = MAX_PHOTO_BYTES
        self.help_text = "JPEG, PNG ou WebP, 10 Mo au plus."
        self.error_messages.update(
            invalid_image="Ce fichier n'est pas une image (JPEG, PNG ou WebP) : choisissez une photo.",
            invalid_image_extension="Ce format n'est pas accepté : choisissez une photo JPEG, PNG ou WebP.",
            invalid_image_known_format=(
                "Le nom du fichier (.%(extension)s) ne correspond pas à son contenu (%(image_format)s) : "
                "choisissez une vraie photo."
            ),
            file_too_large="Cette photo pèse %(file_size)s : 10 Mo au plus. Réduisez-la avant de l'envoyer.",
            file_too_many_pixels="Cette image est trop grande (%(num_pixels)s pixels) : réduisez-la.",
            file_too_large_unknown_size="Cette photo est trop lourde : 10 Mo au plus.",
            empty="Ce fichier est vide.",
        )

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": "image/jpeg,image/png,image/webp"}


class RecipeShareForm(forms.Form):
    """What a member types to share a recipe; the ingredient lines and steps are formsets beside it."""

    title = forms.CharField(label="Nom de la recette", max_length=255)
    description = forms.CharField(
        label="En quelques mots", widget=forms.Textarea(attrs={"rows": 3}), max_length=600,
        help_text="Ce qui la rend bonne, quand vous la servez.",
    )  # fmt: skip
    course = forms.ChoiceField(label="Type de plat", choices=RecipePage.Course.choices)
    difficulty = forms.ChoiceField(label="Difficulté", choices=RecipePage.Difficulty.choices)
    servings = ServingsField(label="Nombre de portions")
    prep_minutes = forms.IntegerField(label="Préparation (min)", min_value=0, max_value=10_000, initial=0)
    cook_minutes = forms.IntegerField(label="Cuisson (min)", min_value=0, max_value=10_000, initial=0)
    rest_minutes = forms.IntegerField(label="Repos (min)", min_value=0, max_value=10_000, initial=0)
    equipment = forms.CharField(
        label="Matériel",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Un ustensile par ligne.",
    )
    months = forms.ModelMultipleChoiceField(
        label="Saison (mois)",
        queryset=Month.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    diets = forms.ModelMultipleChoiceField(
        label="Régimes", queryset=Diet.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    tags = forms.CharField(
        label="Mots-clés",
        required=False,
        max_length=255,
        help_text="Séparés par des virgules : goûter, marché…",
    )
    allergens = forms.ModelMultipleChoiceField(
        label="Allergènes présents",
        queryset=Allergen.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Les 14 allergènes à déclarer (règlement UE 1169/2011). Ceux de vos ingrédients sont vérifiés."
        ),
    )
    allergens_confirmed = forms.BooleanField(
        label="J'ai vérifié la liste des allergènes de cette recette",
        error_messages={
            "required": "Cochez cette case après avoir vérifié les allergènes : le café doit les afficher."
        },
    )
    photo = PhotoField(label="Photo", required=False)
    photo_alt = forms.CharField(
        label="Ce que montre la photo",
        required=False,
        max_length=255,
        help_text="Pour les personnes qui ne la voient pas.",
    )
    visibility = forms.ChoiceField(
        label="Qui peut la voir ?",
        choices=[
            (Visibility.MEMBERS, "les membres du réseau"),
            (Visibility.PUBLIC, "tout le monde (public)"),
        ],
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )

    def clean_tags(self) -> list[str]:
        return [t.strip()[:100] for t in self.cleaned_data["tags"].split(",") if t.strip()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt"):
            self.add_error(
                "photo_alt", "Décrivez la photo en quelques mots (ex. : tarte aux pommes sur une planche)."
            )
        return cleaned

    def check_allergens(self, ingredient_names: list[str], matcher: IngredientMatcher) -> None:
        """The allergens the vocabulary finds in the lines must be ticked: the café has to display them."""
        if "allergens" not in self.cleaned_data:
            return
        ticked = set(self.cleaned_data["allergens"])
        missing = {
            a: names for a, names in matcher.allergens_for(ingredient_names).items() if a not in ticked
        }
        if missing:
            detail = " ; ".join(f"{a.name.lower()} ({', '.join(names)})" for a, names in missing.items())
            self.add_error("allergens", f"Vos ingrédients contiennent : {detail}. Cochez ces allergènes.")


class IngredientLineForm(forms.Form):
    """One ingredient line as typed: "250" "g" "farine de blé" "tamisée" "0,40"."""

    quantity = forms.CharField(label="Quantité", required=False, max_length=20)
    unit = forms.CharField(label="Unité", required=False, max_length=30)
    name = forms.CharField(label="Ingrédient", required=False, max_length=120)
    note = forms.CharField(label="Précision", required=False, max_length=120)
    cost = forms.CharField(label="Coût (€)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].widget.attrs.update(inputmode="decimal", size=6)
        self.fields["unit"].widget.attrs.update(list="unites", size=8)
        self.fields["cost"].widget.attrs.update(inputmode="decimal", size=6)

    def clean_quantity(self):
        try:
            return parse_quantity(self.cleaned_data["quantity"])
        except QuantityError as error:
            raise ValidationError(str(error)) from None

    def clean_unit(self) -> str:
        try:
            return normalize_unit(self.cleaned_data["unit"]).value
        except QuantityError as error:
            raise ValidationError(str(error)) from None

    def clean_cost(self):
        return parse_euros(self.cleaned_data["cost"], "Le coût")

    def clean(self):
        cleaned = super().clean()
        typed = any(
            self.data.get(self.add_prefix(f), "").strip() for f in ("quantity", "unit", "note", "cost")
        )
        if typed and not cleaned.get("name"):
            self.add_error("name", "Nommez l'ingrédient de cette ligne (ou videz la ligne).")
        return cleaned

    @property
    def is_blank(self) -> bool:
        return not any(self.data.get(self.add_prefix(f), "").strip() for f in self.fields)


class StepForm(forms.Form):
    text = forms.CharField(
        label="Étape", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=3000
    )


class BaseLinesFormSet(forms.BaseFormSet):
    """Blank rows are ignored; at least one row must be filled in."""

    required_message = "Ajoutez au moins une ligne."

    def filled_forms(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        if not self.filled_forms():
            raise ValidationError(self.required_message)


class IngredientFormSetBase(BaseLinesFormSet):
    required_message = "Ajoutez au moins un ingrédient."


class StepFormSetBase(BaseLinesFormSet):
    required_message = "Décrivez au moins une étape."


IngredientFormSet = forms.formset_factory(
    IngredientLineForm, formset=IngredientFormSetBase, extra=0, min_num=8, max_num=60, absolute_max=60
)
StepFormSet = forms.formset_factory(
    StepForm, formset=StepFormSetBase, extra=0, min_num=5, max_num=30, absolute_max=30
)
