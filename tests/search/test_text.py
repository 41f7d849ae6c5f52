"""French text analysis shared by the backends: query parsing, stems, excerpts."""

from search.text import edit_distance_at_most_one, highlight, index_text, parse_query, stems


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


def test_a_plural_snowball_keeps_has_its_singular_stem_too():
    # Snowball keeps an -s after a vowel ("vélos" → "velos"): the singular's stem goes with it.
    assert stems("vélo")[0] in stems("vélos")
    assert stems("épiceries")[0] == stems("épicerie")[0]
