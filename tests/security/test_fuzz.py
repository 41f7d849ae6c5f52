"""Fuzzing what members and visitors type: the Markdown → HTML path of the forum and the chat, and the search
query parser, with a few thousand generated inputs: no script-capable markup comes out, nothing raises.

Inputs mix random text with the pieces attacks are built from (tags, event handlers, URL schemes, Markdown
link syntax, entities), so the generator reaches the interesting corners quickly. The example database is
off: every run, in CI too, starts from fresh examples.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.chat_markup import render as render_chat
from forum.markup import render_markdown
from search.text import MAX_QUERY_CHARS, MAX_QUERY_WORDS, highlight, parse_query
from tests.forum.xss import PAYLOADS, live_markup

FRAGMENTS = [
    *PAYLOADS,
    "<", ">", "</", "/>", '"', "'", "`", "=", "(", ")", "[", "]", "![", "](", "<a ", "<img ", "<svg",
    "<script>", "</script>", "<iframe ", "<object ", "<style>", " onerror=", " onload=", " onclick=",
    " style=",
    "javascript:", "JaVaScRiPt:", "java\tscript:", "vbscript:", "data:text/html,", "expression(", "&#x6A;",
    "&#106;", "&lt;", "&amp;", "&", "#", "*", "**", "_", "> ", "- ", "1. ", "```", "    ", "\n", "\n\n",
    "@gerant-culhat", "@", "https://", "http://", "mailto:", "//", "\\", "\x00", "\u2028", "«", "»", "’",
    "café", "pommes", "NEAR", "AND", "OR", "NOT", "*", "-", "+", "~", "^", ":", "{", "}", "%",
]  # fmt: skip

typed = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map("".join)

DANGEROUS_TAG = re.compile(r"<\s*/?\s*(?:script|iframe|object|embed|svg|math|style|base|meta|link)\b", re.I)
FUZZ = settings(max_examples=1000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def script_capable(html: str) -> list[str]:
    """live_markup's findings (tags, event handlers, style, script URLs in attributes), plus any raw opening
    of a dangerous tag, in case a browser would parse it where Python's HTMLParser does not."""
    return live_markup(html) + DANGEROUS_TAG.findall(html)


@FUZZ
@given(typed)
def test_forum_markdown_never_yields_script_capable_markup(text):
    html = render_markdown(text, ["gerant-culhat"]).html
    assert script_capable(html) == [], (text, html)


@settings(FUZZ, max_examples=700)
@given(typed)
def test_chat_text_never_yields_script_capable_markup(text):
    html = render_chat(text)
    assert script_capable(html) == [], (text, html)


@FUZZ
@given(st.one_of(typed, st.text(max_size=400)))
def test_search_parser_keeps_only_words_and_its_excerpts_only_marks(text):
    query = parse_query(text)
    assert len(query.terms) <= MAX_QUERY_WORDS
    assert len(" ".join(query.terms)) <= MAX_QUERY_CHARS
    for word in [*query.terms, *(w for phrase in query.phrases for w in phrase)]:
        assert re.fullmatch(r"\w+", word), word
    excerpt = highlight(text, query)
    assert live_markup(excerpt) == []
    assert excerpt.replace("<mark>", "").replace("</mark>", "").count("<") == 0, excerpt


@pytest.mark.django_db
@settings(
    FUZZ, max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(typed)
def test_search_pages_answer_any_query_without_error(client, cafe, text):
    query = text.replace("\x00", "")  # a NUL never reaches a view: the HTTP layer refuses it
    results = client.get("/recherche/", {"q": query})
    assert results.status_code == 200
    page = results.content.decode()
    assert live_markup(page) == []  # our own scripts come from /static/ and pass
    assert DANGEROUS_TAG.findall(page.split("<main", 1)[1]) == []
    suggestions = client.get("/recherche/suggestions/", {"q": query})
    assert suggestions.status_code == 200 and suggestions["Content-Type"] == "application/json"
