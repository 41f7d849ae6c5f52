"""French that works on the embedded backend in use (SQLite's FTS5 with Snowball stems, or PostgreSQL's
`fr_unaccent`): the same tests run in both passes of `make test`."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from reseau.access import Visibility

VISITOR = AnonymousUser()


def test_accents_and_case_do_not_matter(corpus, search):
    titles, _ = search(VISITOR, "cafe BEAULON")
    assert titles[0] == "Le Café de Beaulon"
    titles, _ = search(VISITOR, "ÉPICERIE")
    assert set(titles) == {"Le Café de Beaulon", "Le Café de Sains"}


def test_plurals_and_inflections_match(corpus, search):
    assert "Tarte aux pommes du verger" in search(VISITOR, "pomme")[0]
    assert "Le Café de La Bauche" in search(VISITOR, "vélo")[0]
    assert "Tarte aux pommes du verger" in search(VISITOR, "cuisiner")[0]
    assert "Le Café de Sains" in search(VISITOR, "concert")[0]


def test_elisions_and_stop_words_are_ignored(corpus, search):
    titles, _ = search(VISITOR, "l'épicerie")
    assert set(titles) == {"Le Café de Beaulon", "Le Café de Sains"}
    titles, _ = search(VISITOR, "le café de la bauche")
    assert titles[0] == "Le Café de La Bauche"


def test_quoted_phrase_requires_the_words_in_order(corpus, search):
    assert search(VISITOR, '"tarte aux pommes"')[0] == ["Tarte aux pommes du verger"]
    # Both words are in the compote's text, but not side by side.
    assert "Compote maison" in search(VISITOR, "pommes cuites")[0]
    assert search(VISITOR, '"pommes cuites"')[0] == []


def test_a_long_phrase_needs_all_its_words_side_by_side(make_page, reindex, search):
    # Both pairs of stems of "pâté aux pommes de terre" are here, apart: not the phrase.
    make_page("Goûter", "Un pâté aux pommes, puis des pommes de terre sautées.", slug="gouter")
    make_page("Pâté berrichon", "Le pâté aux pommes de terre se dore au four.", slug="pate")
    reindex()
    assert search(VISITOR, '"pâté aux pommes de terre"')[0] == ["Pâté berrichon"]
    assert set(search(VISITOR, '"pâté aux pommes"')[0]) == {"Goûter", "Pâté berrichon"}


def test_a_phrase_counts_as_one_of_the_words_when_some_are_enough(corpus, search):
    titles, outcome = search(VISITOR, '"tarte aux pommes" planétarium "pommes cuites"')
    assert titles == ["Tarte aux pommes du verger"]
    assert outcome.response.total == 1


def test_title_matches_rank_first(corpus, search):
    titles, _ = search(VISITOR, "pommes")
    assert titles[0] == "Tarte aux pommes du verger"


def test_one_letter_typo_finds_the_obvious_result(corpus, search):
    titles, outcome = search(VISITOR, "tarte au pomes")
    assert titles[0] == "Tarte aux pommes du verger"
    assert any("« pomes »" in message and "« pommes »" in message for message in outcome.messages)


def test_typo_correction_never_reveals_a_members_only_word(corpus, search, member):
    # "brasseur" only appears in the members-only contract.
    titles, outcome = search(VISITOR, "brasseue")
    assert titles == []
    assert not any("brasseur" in message for message in outcome.messages)
    titles, outcome = search(member, "brasseue")
    assert titles == ["Contrat fournisseur confidentiel"]


def test_the_database_has_its_french_full_text(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT to_tsvector('fr_unaccent', 'L''épicerie des Pommes')::text")
            assert cursor.fetchone()[0] == "'epicer':2 'pomm':4"
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
            assert cursor.fetchone() == ("search_fts",)


def test_wagtail_database_backend_uses_the_french_configuration_on_postgresql(settings):
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    assert config == ("fr_unaccent" if connection.vendor == "postgresql" else None)


def test_when_no_content_has_every_word_some_of_them_are_enough(corpus, search):
    titles, outcome = search(VISITOR, "épicerie planétarium")
    assert set(titles) == {"Le Café de Beaulon", "Le Café de Sains"}
    assert (
        "Aucun contenu ne contient tous ces mots : voici ceux qui en contiennent une partie."
        in outcome.messages
    )


def test_a_title_made_of_the_query_comes_first(corpus, make_page, reindex, search):
    make_page("Épicerie", "Ce que le réseau conseille pour ouvrir un rayon.", slug="epicerie")
    reindex()
    titles, _ = search(VISITOR, "épiceries")
    assert titles[0] == "Épicerie"
    assert set(titles[1:]) == {"Le Café de Beaulon", "Le Café de Sains"}


def test_a_query_of_stop_words_finds_the_title_made_of_them(corpus, make_page, reindex, search, member):
    make_page("Qui sommes-nous ?", "Le réseau des cafés de village.", slug="qui-sommes-nous")
    make_page("Où sommes-nous ?", "Réservé au réseau.", visibility=Visibility.MEMBERS, slug="ou")
    reindex()
    assert search(VISITOR, "qui sommes-nous")[0] == ["Qui sommes-nous ?"]
    titles, outcome = search(VISITOR, "où sommes-nous")
    assert titles == [] and "trop courants" in outcome.messages[0]
    assert search(member, "où sommes-nous")[0] == ["Où sommes-nous ?"]


def test_few_full_matches_are_followed_by_partial_ones(corpus, search):
    titles, outcome = search(VISITOR, "épicerie concerts")
    assert titles[0] == "Le Café de Sains"  # the only one with both words
    assert titles[1:] == ["Le Café de Beaulon"]
    assert "Peu de contenus contiennent tous ces mots" in outcome.messages[0]
