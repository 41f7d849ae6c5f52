"""French text analysis done in Python: the same steps at index time and at query time.

SQLite's FTS5 folds accents but does not stem, so the embedded backend indexes and queries the *stems*
computed here (Snowball French, from PyStemmer): "pommes" and "pomme" both become "pomm". PostgreSQL does
the same work itself with the `fr_unaccent` text search configuration (see search/migrations); the query
parser, the typo vocabulary and the highlighter below serve both, and the Elasticsearch analyzer mirrors
these steps (elision, lowercase, French stop words, ASCII folding, stemming).
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

# Elided articles and pronouns: l'épicerie → épicerie (both ’ and ' apostrophes).
ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)
TAG = re.compile(r"<[^>]+>")

# French stop words (Snowball's list, folded), checked after folding so "à", "a", "été" and "ete" all go.
STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci
    cela celle celles celui ces cet cette d dans de des du elle elles en es est et etaient etais
    etait etant ete etee etees etes etiez etions eu eue eues eumes eurent eus eusse eussent eusses
    eussiez eussions eut eutes eux fumes furent fus fusse fussent fusses fussiez fussions fut futes
    ici il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on
    ont ou par pas pour qu que quel quelle quelles quels qui s sa sans se sera serai seraient serais
    serait seras serez seriez serions serons seront ses soi soient sois soit sommes son sont soyez
    soyons suis sur t ta te tes toi ton tu un une vos votre vous y
    """.split()
)

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12

_stemmer = Stemmer.Stemmer("french")


def fold(text: str) -> str:
    """Lowercase without accents: "Épicerie" → "epicerie"."""
    if text.isascii():  # most words: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("œ", "oe")


@lru_cache(maxsize=50_000)
def stems(word: str) -> tuple[str, ...]:
    """The stems of one lowercase word: the primary one first, then alternatives when there are some.

    The primary stem folds accents *before* stemming, so "fermee" and "fermée" give the same one; an
    alternative stems the accented word first (fermé and fermée both give "ferm"), which catches inflections
    whose accent the stemmer relies on; another stems the word without its plural -s/-x, which Snowball keeps
    after a vowel ("vélos" → "velos", while "vélo" → "velo").
    """
    folded = fold(word)
    found = [_stemmer.stemWord(folded), fold(_stemmer.stemWord(word))]
    if len(folded) > 3 and folded[-1] in "sx" and folded[-2] not in "sx":
        found.append(_stemmer.stemWord(folded[:-1]))
    return tuple(dict.fromkeys(found))


def words(text: str) -> list[str]:
    """The lowercase words of a text, elisions removed; stop words kept (phrases need positions)."""
    return WORD.findall(ELISION.sub(" ", text.lower().replace("_", " ")))


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


def index_text(text: str) -> tuple[str, str]:
    """What the full-text index stores for `text`: its primary stems in order (stop words dropped, so phrases
    match the query's own stems) and, apart, the alternative stems."""
    primary: list[str] = []
    alternative: list[str] = []
    for word in words(text):
        if not is_stop_word(word):
            first, *others = stems(word)
            primary.append(first)
            alternative.extend(others)
    return " ".join(primary), " ".join(alternative)


def title_key(text: str) -> str:
    """A title's folded words, stop words kept ("Qui sommes-nous ?" → "qui sommes nous"): how a query made
    only of stop words still finds the page whose title it is."""
    return " ".join(fold(word) for word in words(text))


def plain(html_text: str) -> str:
    """Rich text as plain text (for indexing and excerpts)."""
    return " ".join(html.unescape(TAG.sub(" ", html_text or "")).split())


@dataclass
class ParsedQuery:
    """A visitor's query, read the same way for every backend.

    `terms` are single words (stop words removed) that must all match; `phrases` are quoted groups of words
    that must appear in this order (stop words kept: PostgreSQL counts their positions, SQLite drops them);
    `stop_words` lists the words dropped so the page can say so; `truncated` tells that the query was cut to
    MAX_QUERY_CHARS / MAX_QUERY_WORDS. Syntax characters (* - ' NEAR…) never survive: only \\w+ words do.
    """

    raw: str
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    stop_words: list[str] = field(default_factory=list)
    truncated: bool = False
    # False: every term and phrase must match; True: any of them (the fallback when few contents have all).
    match_any: bool = False
    # A query made only of stop words ("qui sommes-nous"): its folded words, looked for in titles only.
    title_words: list[str] = field(default_factory=list)

    @property
    def is_only_stop_words(self) -> bool:
        return not self.terms and not self.phrases and bool(self.title_words)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases and not self.title_words

    @property
    def all_words(self) -> list[str]:
        return [*self.terms, *(word for phrase in self.phrases for word in phrase if not is_stop_word(word))]

    def text(self) -> str:
        """The query as it was understood, phrases quoted (shown on the results page)."""
        parts = [f'"{" ".join(phrase)}"' for phrase in self.phrases]
        return " ".join([*parts, *self.terms]) or " ".join(self.title_words)


def parse_query(raw: str) -> ParsedQuery:
    """Read a query: quoted phrases, words; stop words and every syntax character dropped."""
    query = ParsedQuery(raw=raw)
    text = raw
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        # Never keep half a word.
        text = cut if text[MAX_QUERY_CHARS].isspace() or " " not in cut else cut.rsplit(None, 1)[0]
        query.truncated = True
    text = text.replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"')
    # Only balanced quotes make phrases; the last, lone quote is ignored.
    if text.count('"') % 2:
        head, _, tail = text.rpartition('"')
        text = f"{head} {tail}"
    chunks = text.split('"')
    count = 0
    for position, chunk in enumerate(chunks):
        chunk_words = words(chunk)
        if position % 2 == 1:
            meaningful = [word for word in chunk_words if not is_stop_word(word)]
            if len(meaningful) > 1 and count + len(meaningful) <= MAX_QUERY_WORDS:
                query.phrases.append(chunk_words)
                count += len(meaningful)
                continue
        for word in chunk_words:
            if is_stop_word(word):
                if word not in query.stop_words:
                    query.stop_words.append(word)
            elif count < MAX_QUERY_WORDS:
                if word not in query.terms:
                    query.terms.append(word)
                    count += 1
            else:
                query.truncated = True
    if not query.terms and not query.phrases and query.stop_words:
        query.title_words = [fold(word) for word in words(text)][:MAX_QUERY_WORDS]
    return query


def edit_distance_at_most_one(first: str, second: str) -> bool:
    """True when the two words differ by at most one insertion, deletion or substitution."""
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    index = 0
    while index < len(first) and first[index] == second[index]:
        index += 1
    if len(first) == len(second):
        return first[index + 1 :] == second[index + 1 :]
    return first[index:] == second[index + 1 :]


class _Marked(dict):
    """Whether a word shares a stem with the query's words ({word: bool}), each distinct word stemmed once: an
    excerpt repeats its words."""

    def __init__(self, query: ParsedQuery) -> None:
        super().__init__()
        self.wanted = frozenset(stem for word in query.all_words for stem in stems(word))

    def __missing__(self, word: str) -> bool:
        found = self[word] = not self.wanted.isdisjoint(stems(word.lower()))
        return found


def highlight(text: str, query: ParsedQuery, length: int = 240) -> str:
    """An HTML excerpt of `text` around the first match, matched words in <mark>; everything escaped."""
    marked = _Marked(query)
    start_char = 0
    # Only the words up to the first match are read, not the whole text.
    for word in WORD.finditer(text):
        if marked[word[0]]:
            start_char = max(0, word.start() - length // 4)
            # Start on a word boundary.
            start_char = text.rfind(" ", 0, start_char) + 1
            break
    window = text[start_char : start_char + length]
    if start_char + length < len(text):
        cut = window.rfind(" ")
        window = window[: cut if cut > length // 2 else length]
    tokens = re.split(r"(\w+)", window)  # words at odd places
    # Escaped a run at a time between matched words (a word, \w+, has nothing to escape).
    parts = []
    done = 0
    for i in range(1, len(tokens), 2):
        if marked[tokens[i]]:
            parts += [html.escape("".join(tokens[done:i])), "<mark>", tokens[i], "</mark>"]
            done = i + 1
    parts.append(html.escape("".join(tokens[done:])))
    prefix = "… " if start_char > 0 else ""
    suffix = " …" if start_char + len(window) < len(text) else ""
    return prefix + "".join(parts) + suffix
