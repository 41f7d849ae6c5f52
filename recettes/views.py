"""Views of the recipes: the recipe page's context, its technical sheet, "tried in my café", and sharing.

Recipe pages are served by Wagtail (RecipePage routes call the functions here); sharing from the site is
under /recettes/partager/ and /recettes/mes-recettes/ (recettes/urls.py), for members only.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.http import require_POST
from wagtail.images import get_image_model
from wagtail.models import Collection

from recettes import fragments, services
from recettes.facts import TryRow, recipe_facts
from recettes.forms import (
    IngredientFormSet,
    RecipeShareForm,
    ServingsForm,
    StepFormSet,
    TechnicalSheetForm,
    TriedForm,
)
from recettes.models import IngredientMatcher, RecipePage
from recettes.quantities import Unit, format_number
from recettes.schema import for_request, recipe_json_ld
from reseau import access, page_cache
from reseau.geography import fold_name
from reseau.models import member_cafe

ADD_ROWS = 5
SHOWN_TRIES = 20


def chosen_servings(page: RecipePage, form: ServingsForm | None) -> int:
    """The servings asked with `form` (None when none are), if valid, else the recipe's own."""
    if form is not None and form.is_valid() and form.cleaned_data.get("couverts"):
        return form.cleaned_data["couverts"]
    return page.servings


def tried_figures(tries: list[TryRow]) -> dict:
    """Average rating, number of cafés and their regions (shown to everyone who may see the recipe), from
    each café's try: a recipe is tried by a few dozen cafés at most."""
    scores = [row.rating for row in tries]
    return {
        "average": sum(scores) / len(scores) if scores else None,
        "count": len(scores),
        "regions": sorted({row.region for row in tries if row.region}, key=fold_name),
    }


def recipe_context(page: RecipePage, request: HttpRequest) -> dict:
    """Everything recipe_page.html shows, at the servings asked in ?couverts= (or the recipe's own); what
    recettes.fragments holds for a live recipe is neither read from the database nor put in the context."""
    servings_form = ServingsForm(request.GET) if "couverts" in request.GET else None
    servings = chosen_servings(page, servings_form)
    scaled = servings != page.servings
    frame = page_cache.frame(request)
    url = frame.url_for(page.url_path) if page.pk and page.live else None
    member = access.is_member(request.user) and page.pk is not None
    cafe = member_cafe(request.user) if member else None
    cached = (
        fragments.read(page, frame, servings_form is not None, cafe.pk if cafe else None)
        if fragments.usable(page, request)
        else None
    )
    context = {
        "fragments": cached,
        "servings": servings,
        "scaled": scaled,
        "index_url": frame.url_for(page.get_parent().url_path) if page.pk else "",
        "sheet_url": url + page.reverse_subpage("technical_sheet") if url else None,
    }
    if cached is None or cached.json_ld is None:
        if cached is not None and page.photo_id is not None:  # the page and its JSON-LD show two renditions
            prefetch_related_objects([page.photo], "renditions")
        facts = recipe_facts(page, frame.url_for)
        figures = tried_figures(facts.tries)
        json_ld = recipe_json_ld(page, facts, figures, url)
        if cached is not None:
            cached.built(json_ld, facts.tries)
        context.update(
            {
                "cafe": facts.cafe,
                "allergens": facts.allergens,
                "producers": facts.producers,
                "diets": facts.diets,
                "months": facts.months,
                "tags": facts.tags,
                "equipment": [line.strip() for line in page.equipment.splitlines() if line.strip()],
                "figures": figures,
            }
        )
        tries = facts.tries
    else:
        json_ld, tries = cached.json_ld, cached.tries
    if cached is None or fragments.SERVINGS_FRAGMENT not in cached.cached:
        context["servings_form"] = servings_form or ServingsForm()
        batch_cost = page.batch_cost(servings)
        context["lines"] = page.scaled_lines(servings)
        context["batch_cost"] = batch_cost
        context["portion_cost"] = (
            (batch_cost / servings).quantize(Decimal("0.01")) if batch_cost is not None else None
        )
    context["json_ld"] = for_request(json_ld, request)
    if member:
        context["tries"] = tries[:SHOWN_TRIES]
        context["member_cafe"] = cafe
        if cafe is not None:
            own = next((t for t in tries if t.cafe_id == cafe.pk), None)
            initial = (
                {"note": str(own.rating), "commentaire": own.comment, "adaptation": own.adaptation}
                if own
                else {}
            )
            context["own_try"] = own
            if cached is None or fragments.TRY_FORM_FRAGMENT not in cached.cached:
                context["tried_form"] = TriedForm(initial=initial)
            context["try_url"] = url + page.reverse_subpage("record_try") if url else None
    return context


def technical_sheet(request: HttpRequest, page: RecipePage) -> HttpResponse:
    """The one-page "fiche technique": quantities for N covers, batch and portion cost, margin at a price."""
    form = TechnicalSheetForm(request.GET if request.GET else None)
    valid = form.is_valid() if form.is_bound else False
    servings = (form.cleaned_data.get("couverts") if valid else None) or page.servings
    price = form.cleaned_data.get("prix") if valid else None
    batch_cost = page.batch_cost(servings)
    portion_cost = (batch_cost / servings).quantize(Decimal("0.01")) if batch_cost is not None else None
    facts = recipe_facts(page, page_cache.frame(request).url_for)
    return TemplateResponse(
        request,
        "recettes/technical_sheet.html",
        {
            "page": page,
            "form": form,
            "servings": servings,
            "lines": page.scaled_lines(servings),
            "batch_cost": batch_cost,
            "portion_cost": portion_cost,
            "price": price,
            "margin": services.margin(price, portion_cost),
            "cafe": facts.cafe,
            "allergens": facts.allergens,
            "equipment": [line.strip() for line in page.equipment.splitlines() if line.strip()],
        },
    )


def record_try(request: HttpRequest, page: RecipePage) -> HttpResponse:
    """POST of "Testée dans mon café"; errors re-display the recipe page with what was typed."""
    if request.method != "POST":
        return redirect(page.url)
    if not access.is_member(request.user):
        return redirect_to_login(page.url)
    form = TriedForm(request.POST)
    if form.is_valid():
        try:
            services.record_try(
                page,
                request.user,
                form.cleaned_data["note"],
                form.cleaned_data["commentaire"],
                form.cleaned_data["adaptation"],
            )
        except services.SharingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Merci ! Votre essai est enregistré et aide les autres cafés.")
            return HttpResponseRedirect(page.url + "#essais")
    context = page.get_context(request)
    context["tried_form"] = form
    if context["fragments"] is not None:
        context["fragments"].forget_form()
    return TemplateResponse(request, page.get_template(request), context, status=400)


def member_required(view):
    """Members of the network only: visitors log in, other accounts get a French 403."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not access.is_member(request.user):
            raise PermissionDenied("Le partage de recettes est réservé aux membres du réseau.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def own_recipe(request: HttpRequest, pk: int) -> RecipePage:
    page = get_object_or_404(RecipePage, pk=pk)
    if page.author_id != request.user.pk and page.owner_id != request.user.pk:
        raise PermissionDenied("Cette recette a été partagée par quelqu'un d'autre.")
    return page


def initial_from(page: RecipePage) -> tuple[dict, list[dict], list[dict]]:
    """The share forms' initial values from the latest revision of a member's recipe."""
    draft = page.get_latest_revision_as_object()
    data = {
        "title": draft.title,
        "description": draft.description,
        "course": draft.course,
        "difficulty": draft.difficulty,
        "servings": str(draft.servings),
        "prep_minutes": draft.prep_minutes,
        "cook_minutes": draft.cook_minutes,
        "rest_minutes": draft.rest_minutes,
        "equipment": draft.equipment,
        "months": [m.pk for m in draft.months.all()],
        "diets": [d.pk for d in draft.diets.all()],
        "allergens": [a.pk for a in draft.allergens.all()],
        "tags": ", ".join(t.name for t in draft.tags.all()),
        "visibility": draft.visibility,
        "photo_alt": draft.photo.title if draft.photo else "",
    }
    lines = [
        {
            "quantity": format_number(line.quantity) if line.quantity is not None else "",
            "unit": line.unit,
            "name": line.name,
            "note": line.note,
            "cost": format_number(line.cost) if line.cost is not None else "",
        }
        for line in draft.ingredients.all()
    ]
    steps = [{"text": strip_tags(str(block.value["text"]))} for block in draft.steps]
    return data, lines, steps


def with_more_rows(data, prefix: str, rows: int = ADD_ROWS):
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, 0)) + rows)
    except ValueError:
        data[key] = str(rows)
    return data


@member_required
def share(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Share a recipe (or edit one's draft): a form, then a preview, then moderation."""
    page = own_recipe(request, pk) if pk is not None else None
    if page is not None and services.page_state(page) in {"submitted", "published"}:
        messages.info(request, "Cette recette n'est plus un brouillon : elle ne se modifie plus ici.")
        return redirect("recettes:apercu", pk=page.pk)
    kept_photo = None
    if request.method == "POST":
        data = request.POST
        if "ajouter_ingredients" in data:
            data = with_more_rows(data, "ingredients")
        if "ajouter_etapes" in data:
            data = with_more_rows(data, "etapes")
        form = RecipeShareForm(data, request.FILES)
        lines = IngredientFormSet(data, prefix="ingredients")
        steps = StepFormSet(data, prefix="etapes")
        kept_photo = kept_photo_for(request)
        if "ajouter_ingredients" in data or "ajouter_etapes" in data:
            return render_share(request, page, form, lines, steps, kept_photo, validate=False)
        valid = form.is_valid() & lines.is_valid() & steps.is_valid()
        if valid:
            form.check_allergens([f.cleaned_data["name"] for f in lines.filled_forms()], IngredientMatcher())
            valid = form.is_valid()
        photo = form.cleaned_data.get("photo") if "photo" in form.cleaned_data else None
        if not valid:
            if photo and not form.has_error("photo"):
                kept_photo = keep_photo(request, photo, form.cleaned_data.get("photo_alt", ""))
            return render_share(request, page, form, lines, steps, kept_photo)
        try:
            saved = services.save_shared_recipe(
                request.user,
                form.cleaned_data,
                [f.cleaned_data for f in lines.filled_forms()],
                [f.cleaned_data["text"] for f in steps.filled_forms() if f.cleaned_data.get("text")],
                photo=photo,
                kept_photo=kept_photo,
                page=page,
            )
        except services.SharingError as error:
            form.add_error(None, str(error))
            return render_share(request, page, form, lines, steps, kept_photo)
        messages.success(request, "Brouillon enregistré : relisez-le, puis envoyez-le à la modération.")
        return redirect("recettes:apercu", pk=saved.pk)
    if page is not None:
        data, line_rows, step_rows = initial_from(page)
        form = RecipeShareForm(initial=data)
        lines = IngredientFormSet(prefix="ingredients", initial=line_rows)
        steps = StepFormSet(prefix="etapes", initial=step_rows)
    else:
        form = RecipeShareForm()
        lines = IngredientFormSet(prefix="ingredients")
        steps = StepFormSet(prefix="etapes")
    return render_share(request, page, form, lines, steps, None)


def kept_photo_for(request: HttpRequest):
    """A photo already received in a previous, invalid submission of the same member (see keep_photo)."""
    pk = request.POST.get("photo_gardee", "")
    if not pk.isdigit():
        return None
    return get_image_model().objects.filter(pk=int(pk), uploaded_by_user=request.user).first()


def keep_photo(request: HttpRequest, photo, alt: str):
    """Store a valid photo at once, so that a form re-displayed for another field's error does not lose it."""
    return get_image_model().objects.create(
        title=(alt or photo.name)[:255],
        file=photo,
        collection=Collection.get_first_root_node(),
        uploaded_by_user=request.user,
    )


def render_share(request, page, form, lines, steps, kept_photo, validate: bool = True) -> HttpResponse:
    """The share form; `validate=False` re-displays what was typed (with more rows) without any error."""
    if not validate:
        form._errors = ErrorDict()
        for formset in (lines, steps):
            formset._errors = []
            formset._non_form_errors = ErrorList()
            for sub in formset.forms:
                sub._errors = ErrorDict()
    has_errors = validate and request.method == "POST"
    return render(
        request,
        "recettes/share_form.html",
        {
            "form": form,
            "lines": lines,
            "steps": steps,
            "recipe": page,
            "kept_photo": kept_photo,
            "units": [u.value for u in Unit if u.value],
        },
        status=400 if has_errors else 200,
    )


@member_required
def my_recipes(request: HttpRequest) -> HttpResponse:
    recipes = list(RecipePage.objects.filter(author=request.user).order_by("-latest_revision_created_at"))
    states = services.page_states(recipes)
    return render(
        request,
        "recettes/my_recipes.html",
        {"recipes": [(recipe, states[recipe.pk]) for recipe in recipes]},
    )


@member_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The author's draft as it will look once published, with the buttons to edit or submit it."""
    page = own_recipe(request, pk)
    draft = page.get_latest_revision_as_object()
    context = {"page": draft, "self": draft, "request": request, "preview_state": services.page_state(page)}
    context["draft_pk"] = page.pk
    context.update(recipe_context(draft, request))
    context.pop("tried_form", None)
    return render(request, "recettes/recipe_page.html", context)


@require_POST
@member_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    page = own_recipe(request, pk)
    try:
        services.submit_for_moderation(page, request.user)
    except services.SharingError as error:
        messages.error(request, str(error))
        return redirect("recettes:apercu", pk=page.pk)
    messages.success(
        request, "Recette envoyée à la modération : l'équipe la relit et la publie, vous serez prévenu·e."
    )
    return redirect(reverse("recettes:mes-recettes"))
