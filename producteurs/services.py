"""Writes of the producers' directory, one function per action, each in a transaction."""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from producteurs.models import ProducerIndexPage, ProducerPage, ProducerProduct, Recommendation
from reseau.models import CafePage


def paragraphs(text: str) -> str:
    """Plain text typed by a member as rich-text HTML paragraphs (escaped)."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def unique_slug(index: ProducerIndexPage, name: str, commune_name: str) -> str:
    base = slugify(f"{name} {commune_name}")[:200] or "producteur"
    taken = set(
        ProducerPage.objects.child_of(index).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def propose_producer(index: ProducerIndexPage, data: dict, user) -> ProducerPage:
    """A member's proposal: an unpublished producer page submitted to the team's moderation workflow.

    Nothing is public until a moderator approves it in the admin ("Approuver et publier")."""
    commune = data["commune_obj"]
    page = ProducerPage(
        title=data["name"].strip(),
        slug=unique_slug(index, data["name"], commune.name),
        kind=data["kind"],
        commune=commune,
        description=paragraphs(data.get("description", "")),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        website=data.get("website", ""),
        contact_public=data.get("contact_public", False),
        delivery_radius_km=data.get("delivery_radius_km"),
        live=False,
        owner=user,
    )
    page.offers = [ProducerProduct(product=product) for product in data["product_objs"]]
    page.labels = list(data.get("labels", []))
    page.sales_modes = list(data.get("sales_modes", []))
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page


@transaction.atomic
def recommend(producer: ProducerPage, cafe: CafePage, user, text: str) -> Recommendation:
    """The café buys from this producer: create or update its manager's recommendation."""
    recommendation, _ = Recommendation.objects.update_or_create(
        producer=producer, cafe=cafe, defaults={"text": text.strip(), "author": user}
    )
    return recommendation
