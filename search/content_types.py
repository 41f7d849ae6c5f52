"""The content apps' types in the network-wide search: village stories, event formats, dated events, producers
and forum threads. One `SearchType` each (see search.registry), declared here so the search reads the other
apps only through their models, their querysets and their own visibility rules.

What is indexed is what a visitor of the object's page may read, nothing more:
- a producer's contact details and address are members-only (reseau.access.can_see_contact): not indexed;
- an event never carries its format's title (the format may be members-only);
- a forum thread is its title and its first post (unless hidden or deleted), and it is public exactly when
  forum.services.visible_threads lets a visitor see it (a members-only category's threads stay members-only).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.text import slugify

from reseau import access
from reseau.geography import Region
from search.registry import Dependency, FacetValues, SearchType, place_names, region_of_cafe, register
from search.text import plain


def _place_text(commune) -> str:
    return " ".join(place_names(commune))


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


def _live_cafe(cafe):
    """A café shown beside a result only while its page is live and public."""
    return cafe if cafe is not None and cafe.live else None


# ----- reseau: « Il y a un café dans mon village » -----


def register_stories() -> None:
    from reseau.models import CafePage, Service, StoryPage

    register(
        SearchType(
            key="recit",
            label="Récit",
            model=StoryPage,
            queryset=lambda: (
                StoryPage.objects.live()
                .public()
                .select_related("commune__department__region", "cafe")
                .prefetch_related("services_opened")
            ),
            text=lambda story: f"{story.intro} {plain(story.body)}",
            keywords=lambda story: [
                *(service.name for service in story.services_opened.all()),
                *place_names(story.commune),
            ],
            cafe=lambda story: _live_cafe(story.cafe),
            region=lambda story: story.commune.department.region,
            facets=lambda story: {
                "tag": [(service.slug, service.name) for service in story.services_opened.all()]
            },
            depends_on=(
                Dependency(
                    CafePage, lambda cafe: StoryPage.objects.filter(cafe=cafe).values_list("pk", flat=True)
                ),
                Dependency(
                    Service,
                    lambda service: StoryPage.objects.filter(services_opened=service).values_list(
                        "pk", flat=True
                    ),
                ),
            ),
        )
    )


# ----- evenements: formats and dated events -----


def _format_text(page) -> str:
    return " ".join(
        [
            page.summary,
            page.get_audience_display(),
            page.get_season_display(),
            page.materials,
            plain(page.communication_tips),
            plain(page.pitfalls),
            " ".join(step.text for step in page.steps.all()),
            " ".join(f"{item.requirement} {item.note}" for item in page.checklist.all()),
        ]
    )


def _format_facets(page) -> FacetValues:
    return {
        "saison": [(page.season, _capitalised(page.get_season_display()))],
        "tag": [(item.tag.slug, item.tag.name) for item in page.tagged.all()],
    }


def _event_text(event) -> str:
    cafe = event.cafe
    return f"{event.description} {cafe.title} {_place_text(cafe.commune)}"


def register_events() -> None:
    from evenements.models import Event, EventFormatPage
    from reseau.models import CafePage

    register(
        SearchType(
            key="format",
            label="Format d'évènement",
            model=EventFormatPage,
            # Visibility is the page's own (RestrictedPageMixin): members-only formats are indexed as such.
            queryset=lambda: (
                EventFormatPage.objects.live().public().prefetch_related("tagged__tag", "steps", "checklist")
            ),
            text=_format_text,
            keywords=lambda page: [item.tag.name for item in page.tagged.all()],
            facets=_format_facets,
        )
    )
    register(
        SearchType(
            key="evenement",
            label="Évènement",
            model=Event,
            # Every event of a live café, past ones too: their pages stay online (an index of "upcoming" only
            # would go stale as days pass, with no save to tell it).
            queryset=lambda: Event.objects.filter(cafe__live=True).select_related(
                "cafe__commune__department__region"
            ),
            text=_event_text,
            url=lambda event: event.get_absolute_url(),
            cafe=lambda event: event.cafe,
            region=lambda event: region_of_cafe(event.cafe),
            natural_key=lambda event: f"{event.cafe.slug}/{event.slug}",
            depends_on=(
                Dependency(
                    CafePage, lambda cafe: Event.objects.filter(cafe=cafe).values_list("pk", flat=True)
                ),
            ),
        )
    )


# ----- producteurs -----


def _producer_text(producer) -> str:
    return " ".join(
        [
            plain(producer.description),
            _place_text(producer.commune),
            " ".join(mode.name for mode in producer.sales_modes.all()),
        ]
    )


def _producer_keywords(producer) -> list[str]:
    offers = producer.offers.all()
    return [
        producer.get_kind_display(),
        *(offer.product.name for offer in offers),
        *sorted({offer.product.parent.name for offer in offers if offer.product.parent}),
        *(label.name for label in producer.labels.all()),
    ]


def register_producers() -> None:
    from producteurs.models import Label, ProducerPage, ProducerProduct, Product, SalesMode

    def producers_of_product(product) -> list[int]:
        return list(
            ProducerPage.objects.filter(offers__product__in=[product, *product.children.all()])
            .values_list("pk", flat=True)
            .distinct()
        )

    register(
        SearchType(
            key="producteur",
            label="Producteur",
            model=ProducerPage,
            queryset=lambda: (
                ProducerPage.objects.live()
                .public()
                .select_related("commune__department__region")
                .prefetch_related(
                    Prefetch(
                        "offers",
                        queryset=ProducerProduct.objects.select_related("product__parent").order_by(
                            "product__name"
                        ),
                    ),
                    "labels",
                    "sales_modes",
                )
            ),
            text=_producer_text,
            keywords=_producer_keywords,
            region=lambda producer: producer.commune.department.region,
            facets=lambda producer: {"label": [(label.slug, label.name) for label in producer.labels.all()]},
            suggestions=lambda producer: [offer.product.name for offer in producer.offers.all()],
            depends_on=(
                Dependency(Label, lambda label: label.producers.values_list("pk", flat=True)),
                Dependency(SalesMode, lambda mode: mode.producers.values_list("pk", flat=True)),
                Dependency(Product, producers_of_product),
            ),
        )
    )


# ----- forum -----


def _thread_first_post(thread):
    posts = thread.first_posts
    return posts[0] if posts else None


def _thread_text(thread) -> str:
    post = _thread_first_post(thread)
    if post is None or not post.is_visible:
        return ""
    return plain(post.body_html)


def _about_page(thread):
    """The café or producer page a thread is about (to place it on the map of regions), if any."""
    page = thread.about_page
    if page is None or not page.live:
        return None
    for attribute in ("cafepage", "producerpage"):
        try:
            return getattr(page, attribute)
        except ObjectDoesNotExist:
            continue
    return None


def _thread_cafe(thread):
    from reseau.models import CafePage

    page = _about_page(thread)
    return page if isinstance(page, CafePage) else None


def _thread_region(thread) -> Region | None:
    page = _about_page(thread)
    return page.commune.department.region if page is not None else None


def register_forum() -> None:
    from forum.models import Category, ModerationAction, Post, Thread
    from forum.services import visible_threads

    def threads() -> object:
        # The forum's own rule decides what a visitor sees; everything else is for members.
        seen_by_visitors = visible_threads(AnonymousUser()).filter(pk=OuterRef("pk"))
        return (
            Thread.objects.filter(merged_into__isnull=True)
            .annotate(public=Exists(seen_by_visitors))
            .select_related(
                "about_page__cafepage__commune__department__region",
                "about_page__producerpage__commune__department__region",
            )
            .prefetch_related(
                Prefetch("posts", queryset=Post.objects.order_by("id")[:1], to_attr="first_posts")
            )
        )

    def moderated(action) -> list[int]:
        """A hidden or restored post, a moved thread, a merge (the merged thread leaves the index)."""
        if action.thread_id is None:
            return []
        return [
            action.thread_id,
            *Thread.objects.filter(merged_into=action.thread_id).values_list("pk", flat=True),
        ]

    def is_first_post(post) -> bool:
        """Only a thread's first post is indexed: a reply, or its edit, changes no document (one query)."""
        return not Post.objects.filter(thread_id=post.thread_id, id__lt=post.pk).exists()

    register(
        SearchType(
            key="sujet",
            label="Sujet du forum",
            model=Thread,
            queryset=threads,
            text=_thread_text,
            url=lambda thread: thread.get_absolute_url(),
            cafe=_thread_cafe,
            region=_thread_region,
            audience=lambda thread: access.Visibility.PUBLIC if thread.public else access.Visibility.MEMBERS,
            natural_key=lambda thread: slugify(thread.title),
            depends_on=(
                Dependency(Post, lambda post: [post.thread_id], matters=is_first_post),
                Dependency(Category, lambda category: category.threads.values_list("pk", flat=True)),
                Dependency(ModerationAction, moderated),
            ),
        )
    )


# ----- recettes -----

# The recipes' months, folded into the seasons that event formats use, so one "saison" facet serves both.
MONTH_SEASONS = {12: "hiver", 1: "hiver", 2: "hiver", 3: "printemps", 4: "printemps", 5: "printemps",
                 6: "ete", 7: "ete", 8: "ete", 9: "automne", 10: "automne", 11: "automne"}  # fmt: skip


def _recipe_text(recipe) -> str:
    return " ".join(
        [
            recipe.description,
            plain(" ".join(str(block.value["text"]) for block in recipe.steps)),
        ]
    )


def _recipe_keywords(recipe) -> list[str]:
    return [
        recipe.get_course_display(),
        *(line.name for line in recipe.ingredients.all()),
        *(diet.name for diet in recipe.diets.all()),
        *(tag.name for tag in recipe.tags.all()),
    ]


def _recipe_facets(recipe) -> FacetValues:
    from evenements.models import Season

    seasons = sorted({MONTH_SEASONS[month.number] for month in recipe.months.all()})
    return {
        "saison": [(season, _capitalised(Season(season).label)) for season in seasons],
        "regime": [(diet.slug, diet.name) for diet in recipe.diets.all()],
        "tag": [(tag.slug, tag.name) for tag in recipe.tags.all()],
    }


def register_recipes() -> None:
    from recettes.models import RecipePage

    register(
        SearchType(
            key="recette",
            label="Recette",
            model=RecipePage,
            # Visibility is the page's own (RestrictedPageMixin): members-only recipes are indexed as such.
            queryset=lambda: (
                RecipePage.objects.live()
                .public()
                .select_related("cafe__commune__department__region")
                .prefetch_related("ingredients", "months", "diets", "tags")
            ),
            text=_recipe_text,
            keywords=_recipe_keywords,
            cafe=lambda recipe: _live_cafe(recipe.cafe) if recipe.cafe_id else None,
            region=lambda recipe: recipe.cafe.commune.department.region if recipe.cafe_id else None,
            facets=_recipe_facets,
        )
    )


# ----- ressources: supplier contracts and national partnerships (always members-only) -----


def register_contracts() -> None:
    from ressources.models import ContractPage

    register(
        SearchType(
            key="contrat",
            label="Contrat ou partenariat",
            model=ContractPage,
            queryset=lambda: ContractPage.objects.live(),
            text=lambda page: " ".join(
                [
                    page.supplier,
                    page.summary,
                    page.get_category_display(),
                    plain(page.offer),
                    plain(page.conditions),
                ]
            ),
            keywords=lambda page: [page.supplier, page.get_category_display()],
            facets=lambda page: {"tag": [(page.category, page.get_category_display())]},
            audience=lambda page: access.Visibility.MEMBERS,
        )
    )


def register_content_types() -> None:
    """Called once by search.apps, after reseau's cafés and pages."""
    register_contracts()
    register_recipes()
    register_stories()
    register_events()
    register_producers()
    register_forum()
