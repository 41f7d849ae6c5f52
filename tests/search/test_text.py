"""French text analysis shared by the backends: query parsing, stems, excerpts."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.text import ParsedQuery, edit_distance_at_most_one, highlight, index_text, parse_query, stems


def test_parse_query_reads_phrases_terms_and_stop_words():
    query = parse_query('« tarte aux pommes » de l\'épicerie "seul" NEAR -x* "')
    assert query.phrases == [["tarte", "aux", "pommes"]]
    assert query.terms == ["épicerie", "seul", "near", "x"]
    assert query.stop_words == ["de"]


def test_long_queries_are_truncated():
    query = parse_query("pomme " * 5000)
    assert query.truncated and query.terms == ["pomme"]
    query = parse_query(" ".join(f"mot{i}" for i in range(30)))
    assert query.truncated and len(query.terms) == 12


def test_stems_fold_accents_and_inflections():
    assert stems("pommes")[0] == stems("pomme")[0] == "pomm"
    assert stems("cuisiné")[0] == stems("cuisiner")[0]
    assert set(stems("fermée")) & set(stems("fermé"))
    assert stems("fermee")[0] == stems("fermée")[0]
    assert index_text("L'épicerie et les pommes") == ("epicer pomm", "")


def test_edit_distance():
    assert edit_distance_at_most_one("pomes", "pommes")
    assert edit_distance_at_most_one("tarte", "tarde")
    assert not edit_distance_at_most_one("pomes", "poire")


def test_highlight_marks_inflected_words_and_escapes_html():
    text = "Une <b>tarte</b> aux Pommes & des poires. " + "Du texte sans rapport. " * 30 + "Encore une pomme."
    excerpt = highlight(text, parse_query("pomme"))
    assert "<mark>Pommes</mark>" in excerpt
    assert "&lt;b&gt;tarte&lt;/b&gt;" in excerpt and "&amp;" in excerpt
    late = highlight("Du texte sans rapport. " * 30 + "La pomme est là.", parse_query("pomme"))
    assert late.startswith("… ") and "<mark>pomme</mark>" in late


def escaped_token_by_token(text: str, query: ParsedQuery, length: int = 240) -> str:
    """What an excerpt is, spelt out: every word and every run between words escaped on its own, the words
    sharing a stem with the query's in <mark>, in a window starting a quarter of `length` before the first
    of them (on a word boundary) and ending on the last space of its second half."""
    wanted = {stem for word in query.all_words for stem in stems(word)}
    tokens = re.split(r"(\w+)", text)
    first = next((i for i in range(1, len(tokens), 2) if wanted & set(stems(tokens[i].lower()))), None)
    start = 0
    if first is not None:
        start = text.rfind(" ", 0, max(0, len("".join(tokens[:first])) - length // 4)) + 1
    window = text[start : start + length]
    if start + length < len(text):
        cut = window.rfind(" ")
        window = window[: cut if cut > length // 2 else length]
    parts = [
        f"<mark>{html.escape(token)}</mark>"
        if i % 2 and wanted & set(stems(token.lower()))
        else html.escape(token)
        for i, token in enumerate(re.split(r"(\w+)", window))
    ]
    return ("… " if start else "") + "".join(parts) + (" …" if start + len(window) < len(text) else "")


EXCERPT_PIECES = ["Pommes", "pomme", "poire", "tarte", "Épicerie", "épiceries", "café", "l'", "<b>", "&amp;",
                  "\"", "'", " ", " ", "  ", ", ", ". ", "—", "œufs", "x" * 30, "\n"]  # fmt: skip


@settings(max_examples=400, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(EXCERPT_PIECES), max_size=400).map("".join),
    st.sampled_from(["pomme", "épicerie tarte", '"tarte aux pommes"', "oeufs", "rien"]),
    st.sampled_from([240, 40]),
)
def test_highlight_escapes_and_marks_as_token_by_token(text, typed, length):
    query = parse_query(typed)
    assert highlight(text, query, length) == escaped_token_by_token(text, query, length)


def test_a_plural_snowball_keeps_has_its_singular_stem_too():
    # Snowball keeps an -s after a vowel ("vélos" → "velos"): the singular's stem goes with it.
    assert stems("vélo")[0] in stems("vélos")
    assert stems("épiceries")[0] == stems("épicerie")[0]
