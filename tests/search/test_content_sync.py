"""The index follows the content apps: events, producers and their vocabularies, formats, forum threads."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forum import services
from forum.models import ModerationAction
from producteurs.models import Label
from reseau.access import Visibility
from search.models import SearchDocument

VISITOR = AnonymousUser()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then what waits for the commit (the index's updates)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_an_event_follows_its_saves_its_deletion_and_its_cafe(cafe, make_event, search, committed):
    with committed():
        event = make_event("Fête des châtaignes", description="Châtaignes grillées sous le préau.")
    assert search(VISITOR, "châtaigne")[0] == ["Fête des châtaignes"]
    with committed():
        event.title = "Fête des vendanges"
        event.save()
    assert search(VISITOR, "vendanges")[0] == ["Fête des vendanges"]
    with committed():
        cafe.unpublish()
    assert search(VISITOR, "vendanges")[0] == []
    with committed():
        cafe.save_revision().publish()
    assert search(VISITOR, "vendanges")[0] == ["Fête des vendanges"]
    with committed():
        event.delete()
    assert search(VISITOR, "vendanges")[0] == []
    assert not SearchDocument.objects.filter(kind="evenement").exists()


def test_a_format_made_members_only_leaves_the_visitors_results(make_format, search, member, committed):
    with committed():
        page = make_format("Concert au café", summary="Un groupe du coin au comptoir.", season="ete")
    assert search(VISITOR, "concerts")[0] == ["Concert au café"]
    with committed():
        page.visibility = Visibility.MEMBERS
        page.save_revision().publish()
    titles, outcome = search(VISITOR, "concerts", saison=["ete"])
    assert titles == [] and outcome.filters == {}
    assert search(member, "concerts")[0] == ["Concert au café"]


def test_renaming_a_label_or_a_product_reindexes_its_producers(make_producer, search, committed):
    with committed():
        producer = make_producer("Vergers du Coteau", labels=("label-rouge",), products={"poires": 1})
    with committed():
        label = Label.objects.get(slug="label-rouge")
        label.name = "Label Rouge fermier"
        label.save()
    _, outcome = search(VISITOR, "fermier")
    assert [r.title for r in outcome.response.results] == ["Vergers du Coteau"]
    label_facet = next(f for f in outcome.response.facets if f.key == "label")
    assert [v.label for v in label_facet.values] == ["Label Rouge fermier"]
    with committed():
        offer = producer.offers.get()
        offer.product.name = "poires williams"
        offer.product.save()
    assert search(VISITOR, "williams")[0] == ["Vergers du Coteau"]
    with committed():
        producer.unpublish()
    assert search(VISITOR, "williams")[0] == []


def test_a_thread_follows_its_first_post_and_its_moderation(
    old_member, moderator, public_category, members_category, search, member, committed
):
    with committed():
        thread = services.create_thread(
            old_member, public_category, "Marchés de producteurs", "Combien d'exposants pour commencer ?"
        )
    assert search(VISITOR, "exposant")[0] == ["Marchés de producteurs"]
    with committed():
        reply = services.reply(old_member, thread, "Huit exposants, et une buvette tenue par le comité.")
    assert search(VISITOR, "buvette")[0] == []  # a thread is its title and its first post
    first = thread.posts.order_by("id").first()

    with committed():
        services.edit_post(old_member, first, "Quel jour choisir pour un marché de saison ?")
    assert search(VISITOR, "exposant")[0] == []
    assert search(VISITOR, "saisons")[0] == ["Marchés de producteurs"]

    with committed():
        services.hide_post(moderator, first, "Hors sujet")
    assert search(VISITOR, "saison")[0] == []
    assert search(VISITOR, "marché")[0] == ["Marchés de producteurs"]  # the title stays
    with committed():
        services.restore_post(moderator, first, "Erreur")
    assert search(VISITOR, "saison")[0] == ["Marchés de producteurs"]
    with committed():
        services.delete_post(old_member, first)
    assert search(VISITOR, "saison")[0] == []

    with committed():
        services.move_thread(moderator, thread, members_category, "Réservé aux gérants")
    assert search(VISITOR, "marché")[0] == []
    assert search(member, "marché")[0] == ["Marchés de producteurs"]
    assert reply.pk  # the reply stays in the thread, unindexed


def test_a_category_made_members_only_hides_its_threads(old_member, public_category, search, committed):
    with committed():
        services.create_thread(old_member, public_category, "Tarte aux pommes", "La recette de la maison ?")
    assert search(VISITOR, "pommes")[0] == ["Tarte aux pommes"]
    with committed():
        public_category.visibility = Visibility.MEMBERS
        public_category.save()
    titles, outcome = search(VISITOR, "pommes")
    assert titles == [] and outcome.response.total == 0


def test_a_merged_thread_leaves_the_index(old_member, moderator, public_category, search, committed):
    with committed():
        source = services.create_thread(old_member, public_category, "Dépôt de pain", "Quel boulanger ?")
        target = services.create_thread(old_member, public_category, "Pain au café", "Le dépôt marche ?")
    assert sorted(search(VISITOR, "pain")[0]) == ["Dépôt de pain", "Pain au café"]
    with committed():
        services.merge_threads(moderator, source, target, "Doublon")
    assert search(VISITOR, "pain")[0] == ["Pain au café"]
    assert ModerationAction.objects.filter(action=ModerationAction.Action.MERGE).exists()
