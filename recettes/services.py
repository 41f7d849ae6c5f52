"""Writes on recipes, one function per action, each in a transaction (views stay thin).

Sharing a recipe from the site creates (or updates) an unpublished RecipePage draft owned by the member; the
member previews it and submits it to Wagtail's moderation workflow, where the team publishes it.
"""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, WorkflowState
from wagtail.rich_text import RichText

from recettes.models import RecipeIndexPage, RecipeIngredient, RecipePage, TriedReport
from reseau.models import member_cafe


class SharingError(Exception):
    """The action is not possible in the draft's current state; the message says why, in French."""


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


@transaction.atomic
def save_shared_recipe(
    user,
    data: dict,
    lines: list[dict],
    steps: list[str],
    photo=None,
    kept_photo=None,
    page: RecipePage | None = None,
) -> RecipePage:
    """Create the member's draft recipe, or save a new revision of `page`; never publishes.

    `data` is RecipeShareForm.cleaned_data, `lines` the cleaned ingredient lines, `steps` the steps' texts;
    `photo` a new upload, `kept_photo` an image already stored from an earlier, invalid submission.
    """
    cafe = member_cafe(user)
    if page is not None and page_state(page) == "submitted":
        raise SharingError(
            "Cette recette attend la modération : elle ne peut pas être modifiée pour l'instant."
        )
    recipe = page.get_latest_revision_as_object() if page is not None else RecipePage(live=False)
    recipe.title = data["title"]
    recipe.description = data["description"]
    recipe.course = data["course"]
    recipe.difficulty = data["difficulty"]
    recipe.servings = data["servings"]
    recipe.prep_minutes = data["prep_minutes"]
    recipe.cook_minutes = data["cook_minutes"]
    recipe.rest_minutes = data["rest_minutes"]
    recipe.equipment = data["equipment"]
    recipe.visibility = data["visibility"]
    recipe.author = user
    if recipe.cafe_id is None:
        recipe.cafe = cafe
    recipe.steps = [("step", {"text": RichText(_paragraphs(text)), "photo": None}) for text in steps]
    recipe.ingredients = [
        RecipeIngredient(
            quantity=line["quantity"],
            unit=line["unit"],
            name=line["name"],
            note=line["note"],
            cost=line["cost"],
            sort_order=order,
        )
        for order, line in enumerate(lines)
    ]
    recipe.months = list(data["months"])
    recipe.diets = list(data["diets"])
    recipe.allergens = list(data["allergens"])
    recipe.tags.set(data["tags"], clear=True)
    if photo is not None:
        recipe.photo = get_image_model().objects.create(
            title=data["photo_alt"][:255],
            file=photo,
            collection=Collection.get_first_root_node(),
            uploaded_by_user=user,
        )
    elif kept_photo is not None:
        recipe.photo = kept_photo
    if page is None:
        index = RecipeIndexPage.objects.first()
        if index is None:
            raise SharingError("La rubrique des recettes n'existe pas encore : prévenez l'équipe.")
        recipe.owner = user
        index.add_child(instance=recipe)
        recipe.save_revision(user=user, log_action=True)
        return recipe
    recipe.save_revision(user=user, log_action=True)
    return page


def page_states(pages: list[RecipePage]) -> dict[int, str]:
    """page_state() of several pages in one query (for "Mes recettes")."""
    latest: dict[str, WorkflowState] = {}
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(p.pk) for p in pages]
    ).order_by("created_at")
    for state in states:
        latest[state.object_id] = state
    result = {}
    for page in pages:
        state = latest.get(str(page.pk))
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            result[page.pk] = "submitted"
        elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            result[page.pk] = "changes"
        elif page.live and not page.has_unpublished_changes:
            result[page.pk] = "published"
        else:
            result[page.pk] = "draft"
    return result


def page_state(page: RecipePage) -> str:
    """Where a shared recipe stands: "draft", "submitted", "changes" (asked by a moderator) or "published"."""
    return page_states([page])[page.pk]


@transaction.atomic
def submit_for_moderation(page: RecipePage, user) -> WorkflowState:
    """Send the member's latest draft to the team through the page's Wagtail workflow."""
    status = page_state(page)
    if status == "submitted":
        raise SharingError("Cette recette est déjà en attente de modération.")
    if status == "published":
        raise SharingError("Cette recette est déjà publiée.")
    if status == "changes":
        state = page.workflow_states.order_by("-created_at").first()
        page.save_revision(user=user, submitted_for_moderation=False)
        state.resume(user)
        return state
    workflow = page.get_workflow()
    if workflow is None:
        raise SharingError("Aucun circuit de modération n'est configuré : prévenez l'équipe.")
    return workflow.start(page, user)


@transaction.atomic
def record_try(recipe: RecipePage, user, rating: int, comment: str, adaptation: str) -> TriedReport:
    """The member's café made `recipe`: one report per café, updated if the café tries it again."""
    cafe = member_cafe(user)
    if cafe is None:
        raise SharingError(
            "Seuls les cafés du réseau notent. Votre compte n'est rattaché à aucun café : l'équipe peut le "
            "faire pour vous."
        )
    report, _ = TriedReport.objects.update_or_create(
        recipe=recipe,
        cafe=cafe,
        defaults={"member": user, "rating": rating, "comment": comment, "adaptation": adaptation},
    )
    return report


def margin(price: Decimal | None, cost: Decimal | None) -> dict | None:
    """Gross margin of a portion sold at `price` (excl. VAT) that costs `cost` in ingredients."""
    if price is None or cost is None or price == 0:
        return None
    amount = price - cost
    return {
        "amount": amount,
        "rate": (amount / price * 100).quantize(Decimal("0.1")),
        "coefficient": (price / cost).quantize(Decimal("0.01")) if cost else None,
    }
