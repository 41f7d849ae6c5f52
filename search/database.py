"""The embedded search backend: the tables of search.models on SQLite (FTS5) or PostgreSQL (stored
tsvector).

Text analysis is search.text's on both databases, at index and at query time: French stems, elisions and
stop words removed, accents folded, with alternative stems (plural, accent-sensitive) in a fourth, weakest
part. The audience and facet values of a document are tokens too (filter_tokens, never matched by typed
words): on SQLite a fifth FTS5 column, `filters`, so words, visibility and filters are one MATCH and a count
reads the index alone; on PostgreSQL SearchMatch's `filters` tsvector with its own GIN index, beside the
words' one (visibility read from its column).

A quoted phrase is an FTS5 phrase on SQLite. On PostgreSQL it is looked up by its pairs of stems ("pomm tart")
in a GIN index over search_phrase_pairs(search_vector) (migration 0008: the pairs of lexemes at consecutive
positions, so a pair is held exactly when `a <-> b` matches), not by `<->` through the words' index, which
returns every document holding all the words and reads each one's full text to check their positions; a phrase
of three words or more is checked by `<->` on the rows holding its pairs (see _by_pairs). Rows that are read
anyway (excluding a tier, coverage, ranking) use `<->`. A document's filter tokens also name the facets it has
some value of (HAS_FACET), so the facet pass leaves out, through the index, the documents without a value of a
selected facet (see _filters).

Ranking goes tier by tier, each ranked on its own so a page ranks only the tier(s) it shows (at 100,000
documents a common word matches tens of thousands): the documents whose title holds every word, then the
others holding every word, then, when several words find little (search.engine asks again with any word),
those holding some, by how many they hold. Within a tier the score is the database's own (FTS5 `bm25()` with
column weights on SQLite, `ts_rank()` with A/B/C/D weights on PostgreSQL: title ≫ keywords ≫ text),
multiplied by the same boosts on both: the title exactly the query, and the content type the query names
("cafés en Auvergne").

Facet counts reflect the other filters: the count of each value of facet F is taken over the documents that
match the query and every selected filter except F's, so choosing a region does not hide the other regions.
Each facet value is numbered (SearchFacetValue) and each document lists its numbers (SearchMatch.facet_keys,
in the narrow rows that matching and ranking read, so the wide rows of SearchDocument are read for the page
shown only): one pass over the matches passing every selection
but at most one returns the count and, as strings counted by collections.Counter, the numbers of the documents
passing every selection and of those passing every one but facet F's (of which only F's numbers, read by the
same statement, are counted). On PostgreSQL that pass reads SearchTally, the document's stems and facet values
as numbers in rows under a third of SearchMatch's (which hold the full text and its positions), with the same
matches (see _tally_words and _tally_filters). Excerpts are made for the page shown only. A one-letter typo is
corrected from the index's vocabulary (SearchWord), and the correction is kept only when it finds documents
the visitor may see.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations, pairwise
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import Q

from reseau.access import Visibility
from search import registry
from search.documents import (
    DocumentData,
    Facet,
    FacetValue,
    Result,
    SearchRequest,
    SearchResponse,
    Suggestion,
)
from search.models import (
    SearchDocument,
    SearchFacet,
    SearchFacetValue,
    SearchMatch,
    SearchStem,
    SearchSuggestion,
    SearchTally,
    SearchWord,
)
from search.text import (
    ParsedQuery,
    edit_distance_at_most_one,
    fold,
    highlight,
    index_text,
    is_stop_word,
    stems,
    title_key,
    words,
)

BATCH = 1000
DOCUMENTS = SearchDocument._meta.db_table
MATCHES = SearchMatch._meta.db_table
WORDS = SearchWord._meta.db_table
FACETS = SearchFacet._meta.db_table
FACET_VALUES = SearchFacetValue._meta.db_table
STEMS = SearchStem._meta.db_table
TALLIES = SearchTally._meta.db_table
# Weights of title, keywords, text and alternative stems: FTS5 bm25() column weights (the filters column
# last, never matched by the words of a query), and PostgreSQL's ts_rank() weights, listed there as
# {D, C, B, A} = {alternative, text, keywords, title}.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0, 1.0, 0.0"
PG_WEIGHTS = "{0.1, 0.1, 0.4, 1.0}"
# The columns of search_fts that hold text (the fifth, `filters`, holds audience and facet tokens).
TEXT_COLUMNS = "{title keywords body alternative}"
PHRASE_COLUMNS = "{title keywords body}"
# Multiplied into the text score when the title is exactly the query, and when the query names the
# document's content type. (Documents whose title holds every query word are ranked first, see _ranked.)
EXACT_TITLE_BOOST = 2.0
TYPE_BOOST = 1.5
# Up to this many words and phrases, the documents holding some of them are ranked in one tier per number held
# (at most six combinations of words per tier); beyond, in one tier ranked by that number.
MAX_WORD_TIERS = 4
# The pseudo-facet of filter tokens naming who may see a document (reseau.access's visibility).
AUDIENCE = "@audience"
# The pseudo-facet of filter tokens naming the facets a document has some value of (see _filters), but for
# those search.documents.build gives (nearly) every document: their token's posting list would be the whole
# index, read for nothing.
HAS_FACET = "@facet"
UBIQUITOUS_FACETS = frozenset({"type", "region"})
# PostgreSQL's full text of a SearchMatch row, from the four parts of full_text_parts.
PG_VECTOR = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)
# The documents whose full text holds pairs of stems side by side ("pomm tart"), from the GIN index over
# search_phrase_pairs(search_vector) (migration 0008). The function builds the pairs of a whole text, so it
# must never be computed row by row: it is read in an uncorrelated subquery, run once, whose only condition is
# the indexed one; in the outer query the planner (a prepared statement's generic plan, guessing its other
# conditions rare) would otherwise filter the rows found by another index through it, 140 µs a row.
HOLDING_PAIRS = (
    f"SELECT p.document_id FROM {MATCHES} p "  # noqa: S608  # nosec B608
    "WHERE search_phrase_pairs(p.search_vector) @@ %s::tsquery"
)
PAIRS = f"m.document_id = ANY(ARRAY({HOLDING_PAIRS}))"
# The same documents, for a phrase of three words or more, checked by `<->` on the rows holding its pairs
# (COALESCE: no index matches it, see _by_pairs).
IN_ORDER = "COALESCE(p.search_vector, '') @@ to_tsquery('simple', %s)"
PAIRS_IN_ORDER = f"m.document_id = ANY(ARRAY({HOLDING_PAIRS} AND {IN_ORDER}))"


def tally_sql(where: str) -> list[str]:
    """The statements writing the SearchTally rows (and new SearchStem numbers) of the SearchMatch rows `m`
    selected by `where`: the stems are read from the stored full text itself, so a tally holds a stem exactly
    when the full text does. Stems are numbered in order, so that concurrent writers never wait on each other
    in a cycle."""
    return [
        f"INSERT INTO {STEMS} (stem) SELECT DISTINCT unnest(tsvector_to_array(m.search_vector)) "  # noqa: S608  # nosec B608
        f"FROM {MATCHES} m WHERE {where} ORDER BY 1 ON CONFLICT (stem) DO NOTHING",
        f"INSERT INTO {TALLIES} (document_id, visibility, facet_keys, words, facets) "  # noqa: S608  # nosec B608
        "SELECT m.document_id, m.visibility, m.facet_keys, "
        f"ARRAY(SELECT s.id FROM {STEMS} s WHERE s.stem = ANY(tsvector_to_array(m.search_vector))), "
        f"string_to_array(m.facet_keys, ' ')::bigint[] FROM {MATCHES} m WHERE {where}",
    ]


def full_text_parts(title: str, keywords: str, body: str) -> tuple[str, str, str, str]:
    """The four parts the full-text index stores: stems of the title, keywords and text, then alternatives."""
    title_stems, title_alt = index_text(title)
    keyword_stems, keyword_alt = index_text(keywords)
    body_stems, body_alt = index_text(body)
    return title_stems, keyword_stems, body_stems, " ".join(filter(None, [title_alt, keyword_alt, body_alt]))


def filter_token(facet: str, value: str) -> str:
    """One facet value (or audience) as one FTS5 word: hexadecimal, so any value is a single token."""
    return "k" + f"{facet}\x1f{value}".encode().hex()


def present_facets(facets: dict[str, list]) -> list[str]:
    """The facets that have some value in `facets` (a document's, or a search's selection), but the ubiquitous
    ones: what the facet pass looks for (see _filters)."""
    return [key for key, values in facets.items() if values and key not in UBIQUITOUS_FACETS]


def presence_tokens(facets: dict[str, list]) -> list[str]:
    """The tokens naming the present_facets of `facets`, written at index time."""
    return [filter_token(HAS_FACET, key) for key in present_facets(facets)]


def filter_tokens(visibility: str, facets: registry.FacetValues) -> str:
    tokens = [filter_token(AUDIENCE, visibility)]
    tokens += [filter_token(key, value[:100]) for key, values in facets.items() for value, _ in values]
    tokens += presence_tokens(facets)
    return " ".join(tokens)


def facet_value_numbers(
    model: type[models.Model], wanted: dict[tuple[str, str], str]
) -> dict[tuple[str, str], int]:
    """The numbers of facet values {(facet, value): label}, added to `model` (SearchFacetValue) when new and
    relabelled when their label changed."""
    if not wanted:
        return {}
    model.objects.bulk_create(
        [model(facet=facet, value=value, label=label) for (facet, value), label in wanted.items()],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    numbers, relabelled = {}, []
    rows = model.objects.filter(value__in={value for _, value in wanted}).values_list(
        "id", "facet", "value", "label"
    )
    for pk, facet, value, label in rows:
        if (facet, value) in wanted:
            numbers[(facet, value)] = pk
            if label != wanted[(facet, value)]:
                relabelled.append(model(id=pk, label=wanted[(facet, value)]))
    model.objects.bulk_update(relabelled, ["label"], batch_size=BATCH)
    return numbers


def wanted_values(facets: Iterable[registry.FacetValues]) -> dict[tuple[str, str], str]:
    """{(facet, value): label} of some documents' facets, cut to the columns' lengths."""
    return {
        (key, value[:100]): label[:255]
        for f in facets
        for key, values in f.items()
        for value, label in values
    }


def facet_keys(facets: registry.FacetValues, numbers: dict[tuple[str, str], int]) -> str:
    """A document's facet values as their numbers, "3 17 42" (see facet_value_numbers)."""
    return " ".join(str(numbers[(key, value[:100])]) for key, values in facets.items() for value, _ in values)


@dataclass
class FullText:
    """What the full-text structures of one document hold (see store_full_text)."""

    pk: int
    title: str
    keywords: str
    body: str
    visibility: str
    facets: registry.FacetValues
    keys: str
    kind: str


def store_full_text(vendor: str, documents: list[FullText]) -> None:
    """Write the narrow SearchMatch rows of documents (with their tsvector on PostgreSQL), and on SQLite
    their FTS5 rows."""
    parts = {d.pk: full_text_parts(d.title, d.keywords, d.body) for d in documents}
    columns = "document_id, visibility, kind, title, title_stems, title_key, facet_keys"
    rows = [
        (d.pk, d.visibility, d.kind, d.title[:255], parts[d.pk][0][:255], title_key(d.title)[:255], d.keys)
        for d in documents
    ]
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {MATCHES} ({columns}, title_vector, search_vector, filters) "  # noqa: S608  # nosec B608
                f"VALUES (%s, %s, %s, %s, %s, %s, %s, to_tsvector('simple', %s), {PG_VECTOR}, "
                "to_tsvector('simple', %s))",
                [
                    (*row, row[4], *parts[d.pk], filter_tokens(d.visibility, d.facets))
                    for row, d in zip(rows, documents, strict=True)
                ],
            )
            for statement in tally_sql("m.document_id = ANY(%s)"):
                cursor.execute(statement, [[d.pk for d in documents]])
            return
        cursor.executemany(
            f"INSERT INTO {MATCHES} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)",  # noqa: S608  # nosec B608
            rows,
        )
        if vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, keywords, body, alternative, filters) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [(d.pk, *parts[d.pk], filter_tokens(d.visibility, d.facets)) for d in documents],
            )


def _phrase_stems(phrase: list[str]) -> list[str]:
    """The primary stems of a quoted phrase's words, stop words left out as the index leaves them out."""
    return [stems(word)[0] for word in phrase if not is_stop_word(word)]


def _fts_quote(stem: str) -> str:
    return f'"{stem}"'


@dataclass
class _Sql:
    """A WHERE clause over `d` (search_searchdocument) with its parameters."""

    where: str
    params: list

    def __and__(self, other: "_Sql") -> "_Sql":
        return _Sql(f"{self.where} AND {other.where}", [*self.params, *other.params])


def _all_but_one(clauses: list[_Sql], all_but_one: bool) -> list[_Sql]:
    """`clauses` to be all held, or with `all_but_one` all but at most one of them (as one clause)."""
    if not all_but_one:
        return clauses
    if len(clauses) < 2:
        return []
    groups = list(combinations(clauses, len(clauses) - 1))
    sql = " OR ".join("(" + " AND ".join(clause.where for clause in group) + ")" for group in groups)
    return [_Sql(f"({sql})", [param for group in groups for clause in group for param in clause.params])]


def _joined(clauses: list[_Sql], operator: str = " AND ") -> _Sql:
    """`clauses` as one clause: all held, or with `operator` " OR " any."""
    return _Sql(operator.join(c.where for c in clauses), [p for c in clauses for p in c.params])


@dataclass
class _Numbers:
    """Stems and facet values as the numbers SearchTally holds (see DatabaseBackend._numbers), written into
    the facet pass's statement so that it is planned for them: bound, or read by subqueries, they looked alike
    to the planner, which once read every document of two selected values to keep those holding some word."""

    stems: dict[str, int]
    values: dict[tuple[str, str], int]

    def of_stems(self, wanted: Iterable[str]) -> list[int]:
        return [self.stems[stem] for stem in wanted if stem in self.stems]

    def of_values(self, facet: str, wanted: list[str] | None) -> list[int]:
        """The numbers of `wanted` values of `facet`, or of all its values (None)."""
        return [
            number
            for (key, value), number in self.values.items()
            if key == facet and (wanted is None or value in wanted)
        ]


@dataclass
class _Matches:
    """A set of documents: on SQLite an FTS5 expression over search_fts (words, audience and filters), with
    `where` over `d` only for a query of stop words; on PostgreSQL a WHERE clause over `d`."""

    fts: str | None
    where: _Sql
    # SQLite: the audience and filter clauses alone (coverage looks for each word among these documents).
    filters: str = ""
    # PostgreSQL: the table `m` is (SearchMatch, or SearchTally for the facet pass).
    table: str = MATCHES

    @property
    def planned_for_values(self) -> bool:
        """Whether its statements are planned for their values: the tally's hold the numbers they are planned
        for (see _Numbers)."""
        return self.table == TALLIES


class Shown(NamedTuple):
    """What a results page shows of a document (SearchDocument's columns, read as plain rows)."""

    id: int
    kind: str
    natural_key: str
    title: str
    keywords: str
    body: str
    url: str
    region_name: str
    cafe_title: str
    cafe_url: str


@cache
def _label_stems(labels: tuple[tuple[str, str], ...]) -> list[tuple[str, frozenset[str]]]:
    """Each content type's key and the stems of its label's words: analysed once per process."""
    return [
        (key, frozenset(stems(word)[0] for word in words(label) if not is_stop_word(word)))
        for key, label in labels
    ]


def _occurrences(text: str, numbers: list[str]) -> Counter:
    """How many times each of `numbers` is a token of `text` (separated by spaces), as Counter counts the
    tokens but without splitting `text` ("3 17 3": {"3": 2}); spaces are doubled so that two tokens in a row
    do not share the one between them."""
    padded = f" {text.replace(' ', '  ')} "
    found = Counter({number: padded.count(f" {number} ") for number in numbers})
    return +found


def _placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


class DatabaseBackend:
    name = "database"

    @property
    def vendor(self) -> str:
        return connection.vendor

    # ----- indexing -----

    def index(self, documents: Iterable[DocumentData]) -> int:
        """Store (or replace) documents; returns how many."""
        documents = list(documents)
        if not documents:
            return 0
        with transaction.atomic():
            by_kind: dict[str, list[str]] = defaultdict(list)
            for document in documents:
                by_kind[document.kind].append(document.object_id)
            for kind, object_ids in by_kind.items():
                self.delete(kind, object_ids)
            self._insert(documents)
        return len(documents)

    def delete(self, kind: str, object_ids: list[str]) -> None:
        ids = list(
            SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).values_list("id", flat=True)
        )
        if not ids:
            return
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])
        SearchTally.objects.filter(document_id__in=ids).delete()
        SearchMatch.objects.filter(document_id__in=ids).delete()
        SearchFacet.objects.filter(document_id__in=ids).delete()
        SearchSuggestion.objects.filter(document_id__in=ids).delete()
        SearchDocument.objects.filter(id__in=ids).delete()

    def clear(self) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("DELETE FROM search_fts")
            for model in (
                SearchFacet,
                SearchSuggestion,
                SearchTally,
                SearchMatch,
                SearchDocument,
                SearchFacetValue,
                SearchStem,
            ):
                # Our own models' table names, never user input.
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608  # nosec B608

    def rebuild(
        self, documents: Iterable[DocumentData], progress: Callable[[int], None] | None = None
    ) -> int:
        """Replace the whole index in one transaction: readers see the old index until it commits."""
        total = 0
        with transaction.atomic():
            self.clear()
            batch: list[DocumentData] = []
            for document in documents:
                batch.append(document)
                if len(batch) >= BATCH:
                    total += self._insert(batch)
                    batch = []
                    if progress:
                        progress(total)
            total += self._insert(batch)
            if progress:
                progress(total)
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                # One b-tree per token instead of the segments left by the batches: every MATCH reads less.
                cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            # Fresh statistics after a whole rebuild, or the planner may pick a nested loop over 100,000 rows;
            # on PostgreSQL, outside a transaction, the old rows and the ones the full text rewrote are
            # vacuumed too (their space reused, the visibility map set for the next scans).
            vacuum = self.vendor == "postgresql" and not connection.in_atomic_block
            command = "VACUUM ANALYZE" if vacuum else "ANALYZE"
            analysed = (SearchDocument, SearchMatch, SearchTally, SearchStem, SearchFacet, SearchSuggestion)
            for model in analysed:
                cursor.execute(f"{command} {model._meta.db_table}")  # our own table names
        return total

    def _insert(self, documents: list[DocumentData]) -> int:
        if not documents:
            return 0
        numbers = facet_value_numbers(SearchFacetValue, wanted_values(d.facets for d in documents))
        rows = SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    kind=d.kind,
                    object_id=d.object_id,
                    natural_key=d.natural_key,
                    title=d.title[:255],
                    keywords=d.keywords,
                    body=d.body,
                    url=d.url,
                    visibility=d.visibility,
                    region_code=d.region_code,
                    region_name=d.region_name,
                    cafe_title=d.cafe_title[:255],
                    cafe_url=d.cafe_url,
                )
                for d in documents
            ]
        )
        if any(row.pk is None for row in rows):  # databases that do not return ids from bulk inserts
            rows = list(
                SearchDocument.objects.filter(
                    kind=documents[0].kind, object_id__in=[d.object_id for d in documents]
                )
            )
        pk_of = {(row.kind, row.object_id): row.pk for row in rows}
        facets, suggestions, vocabulary, full_text = [], [], {}, []
        for document in documents:
            pk = pk_of[(document.kind, document.object_id)]
            for key, values in document.facets.items():
                facets.extend(
                    SearchFacet(document_id=pk, facet=key, value=value[:100], label=label[:255])
                    for value, label in values
                )
            seen = set()
            for text in document.suggestions:
                if text and text not in seen:
                    seen.add(text)
                    suggestions.append(
                        SearchSuggestion(document_id=pk, text=text[:255], folded=fold(text)[:255])
                    )
            for word in words(f"{document.title} {document.keywords} {document.body}"):
                folded = fold(word)
                if 3 <= len(folded) <= 64 and folded not in vocabulary:
                    vocabulary[folded] = stems(word)[0][:64]
            full_text.append(
                FullText(
                    pk,
                    document.title,
                    document.keywords,
                    document.body,
                    document.visibility,
                    document.facets,
                    facet_keys(document.facets, numbers),
                    document.kind,
                )
            )
        SearchFacet.objects.bulk_create(facets, batch_size=BATCH)
        SearchSuggestion.objects.bulk_create(suggestions, batch_size=BATCH)
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, stem=s, length=len(w)) for w, s in vocabulary.items()],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        store_full_text(self.vendor, full_text)
        return len(documents)

    # ----- the SQL of a search -----

    @staticmethod
    def _fts_clauses(query: ParsedQuery, columns: str = TEXT_COLUMNS) -> list[str]:
        """FTS5 syntax built only from stems (\\w+) inside quotes: nothing typed is read as syntax; words are
        looked for in the text columns only (`columns`), never among the filter tokens."""
        phrase_columns = PHRASE_COLUMNS if columns == TEXT_COLUMNS else columns
        clauses = [
            f"{columns} : ({' OR '.join(_fts_quote(stem) for stem in stems(term))})" for term in query.terms
        ]
        for phrase in query.phrases:
            phrase_stems = " ".join(stems(word)[0] for word in phrase if not is_stop_word(word))
            clauses.append(f"{phrase_columns} : {_fts_quote(phrase_stems)}")
        return clauses

    def _filters(
        self, audiences: list[str], filters: dict[str, list[str]], all_but_one: bool = False
    ) -> _Sql:
        """Who may see a document and the selected facet values (with `all_but_one`, the documents passing
        every facet's selection but at most one, that have some value of each selected facet but type and
        region: one that has none of facet F's values neither passes F nor has any of F's values to count, so
        the facet pass leaves it out through the index, a recipe's season), from the documents' filter
        tokens (filter_tokens): on SQLite FTS5 clauses over search_fts's `filters` column, on PostgreSQL SQL
        over SearchMatch's `filters` tsvector (GIN) and its visibility."""
        sqlite = self.vendor == "sqlite"

        def clause(tokens: list[str]) -> _Sql:
            if sqlite:
                return _Sql("{filters} : (" + " OR ".join(tokens) + ")", [])
            return _Sql("m.filters @@ to_tsquery('simple', %s)", [" | ".join(tokens)])

        audience = (
            clause([filter_token(AUDIENCE, audience) for audience in audiences])
            if sqlite
            else self._visibility(audiences)
        )
        selections = [
            clause([filter_token(key, v) for v in values]) for key, values in filters.items() if values
        ]
        held = [audience, *_all_but_one(selections, all_but_one)]
        if all_but_one:
            present = presence_tokens(filters)
            if sqlite:
                held += [clause([token]) for token in present]
            else:
                # Written into the SQL (hexadecimal, see filter_token), not bound: a prepared statement's
                # generic plan would guess a bound token rare and read the filters' index for it, while most
                # facets (type, region) are on every document.
                held += [_Sql(f"m.filters @@ to_tsquery('simple', '{token}')", []) for token in present]
        return _joined(held)

    def _tally_filters(
        self, audiences: list[str], filters: dict[str, list[str]], all_but_one: bool, numbers: _Numbers
    ) -> _Sql:
        """_filters over SearchTally (PostgreSQL's facet pass): a selection is an overlap of the document's
        facet numbers with the selected values' numbers, a facet it has some value of an overlap with all of
        that facet's numbers (through the GIN index of the numbers)."""

        def overlap(key: str, values: list[str] | None) -> _Sql:
            return _Sql("m.facets && %s::bigint[]", [numbers.of_values(key, values)])

        # The audiences written into the SQL (reseau.access's own values), not bound: a visitor's statement
        # then reads the GIN index of public documents only (migration 0010), whose condition a prepared
        # statement's generic plan could not prove of a bound value; members-only documents are not read to be
        # left out.
        visible = ", ".join(f"'{Visibility(audience).value}'" for audience in audiences)
        selections = [overlap(key, values) for key, values in filters.items() if values]
        held = [_Sql(f"m.visibility IN ({visible})", []), *_all_but_one(selections, all_but_one)]
        if all_but_one:
            held += [overlap(key, None) for key in present_facets(filters)]
        return _joined(held)

    def _numbers(self, terms: list[str], filters: dict[str, list[str]]) -> _Numbers:
        """The SearchStem numbers of the stems of `terms` and the SearchFacetValue numbers of the selected
        facets' values, in one query."""
        asked = sorted({stem for term in terms for stem in stems(term)})
        facets = sorted(key for key, values in filters.items() if values)
        parts, params = [], []
        if asked:
            parts.append(f"SELECT '', stem, id FROM {STEMS} WHERE stem IN ({_placeholders(asked)})")  # noqa: S608  # nosec B608
            params += asked
        if facets:
            parts.append(
                f"SELECT facet, value, id FROM {FACET_VALUES} WHERE facet IN ({_placeholders(facets)})"  # noqa: S608  # nosec B608
            )
            params += facets
        rows = self._fetch(" UNION ALL ".join(parts), params) if parts else []
        return _Numbers(
            {stem: number for facet, stem, number in rows if not facet},
            {(facet, value): number for facet, value, number in rows if facet},
        )

    @staticmethod
    def _tsquery_clauses(query: ParsedQuery) -> list[str]:
        """to_tsquery('simple', …) syntax, again only from stems: (a | b) & (c <-> d)."""
        clauses = [f"({' | '.join(stems(term))})" for term in query.terms]
        for phrase in query.phrases:
            clauses.append("(" + " <-> ".join(_phrase_stems(phrase)) + ")")
        return clauses

    @staticmethod
    def _indexed_clauses(query: ParsedQuery) -> list[tuple[str, str, str]]:
        """The clauses of _tsquery_clauses as PostgreSQL finds them through its indexes: each as what
        search_vector must match (to_tsquery syntax: a term), what its phrase pairs must hold (tsquery
        syntax: a phrase's pairs), and what is then checked on the rows these find (a phrase of three words
        or more, `<->`: its pairs may be apart), each or "". A phrase of two words is its pair."""
        clauses = [(f"({' | '.join(stems(term))})", "", "") for term in query.terms]
        for phrase in query.phrases:
            phrase_stems = _phrase_stems(phrase)
            pairs = " & ".join(f"'{a} {b}'" for a, b in pairwise(phrase_stems))
            check = "(" + " <-> ".join(phrase_stems) + ")" if len(phrase_stems) > 2 else ""
            clauses.append(("", pairs, check))
        return clauses

    def _tsquery(self, query: ParsedQuery) -> str:
        return (" | " if query.match_any else " & ").join(self._tsquery_clauses(query))

    def _words(
        self, query: ParsedQuery, in_title: bool = False, at_least: int | None = None, indexed: bool = False
    ) -> str | _Sql:
        """The documents holding the words of `query` (all of them, or any when `match_any`; `at_least` of
        them when given), an FTS5 expression on SQLite, SQL over `d` on PostgreSQL; with `in_title`, in the
        title. On PostgreSQL, `indexed` finds phrases by their pairs (an index, see _indexed_clauses) rather
        than by `<->` (a check of each row's positions, what a row that is read anyway needs)."""
        sqlite = self.vendor == "sqlite"
        clauses = (
            self._fts_clauses(query, "{title}" if in_title else TEXT_COLUMNS)
            if sqlite
            else self._tsquery_clauses(query)
        )
        if at_least is None:
            at_least = 1 if query.match_any else len(clauses)
        if indexed and query.phrases and not sqlite and not in_title:
            return self._by_pairs(self._indexed_clauses(query), at_least)
        both, either = (" AND ", " OR ") if sqlite else (" & ", " | ")
        expression = either.join(f"({both.join(held)})" for held in combinations(clauses, at_least))
        if sqlite:
            return f"({expression})"
        vector = "m.title_vector" if in_title else "m.search_vector"
        return _Sql(f"{vector} @@ to_tsquery('simple', %s)", [expression])

    def _tally_words(self, query: ParsedQuery, numbers: _Numbers) -> _Sql:
        """The documents holding the words of `query` (all, or any when `match_any`) among SearchTally's rows:
        a term is an overlap of the document's stem numbers with its stems' (any term: one overlap with all
        their stems', one condition of the GIN index, which the planner combines with the selections'), a
        phrase the documents holding its pairs (PAIRS)."""
        terms = [numbers.of_stems(stems(term)) for term in query.terms]
        if query.match_any and terms:
            terms = [[number for term in terms for number in term]]
        clauses = [_Sql("m.words && %s::integer[]", [term]) for term in terms]
        clauses += [
            _Sql(PAIRS_IN_ORDER, [pairs, check]) if check else _Sql(PAIRS, [pairs])
            for _, pairs, check in self._indexed_clauses(query)
            if pairs
        ]
        held = _joined(clauses, " OR " if query.match_any else " AND ")
        return _Sql(f"({held.where})", held.params)

    @staticmethod
    def _by_pairs(clauses: list[tuple[str, str, str]], at_least: int) -> _Sql:
        """The documents holding `at_least` of `clauses` (from _indexed_clauses), each combination through the
        words' index and the pairs' one (PAIRS). A long phrase's `<->` is checked on the vector wrapped in
        COALESCE, which no index matches: through the words' index, the planner could take every document
        holding all the words and check each one's positions, what the pairs are there to avoid."""
        conditions = [
            "m.search_vector @@ to_tsquery('simple', %s)",
            PAIRS,
            "COALESCE(m.search_vector, '') @@ to_tsquery('simple', %s)",
        ]
        groups, params = [], []
        for held in combinations(clauses, at_least):
            group = []
            for position, condition in enumerate(conditions):
                parts = " & ".join(clause[position] for clause in held if clause[position])
                if parts:
                    group.append(condition)
                    params.append(parts)
            groups.append(" AND ".join(group))
        return _Sql("(" + " OR ".join(f"({group})" for group in groups) + ")", params)

    def _matches(
        self,
        query: ParsedQuery,
        audiences: list[str],
        filters: dict[str, list[str]],
        all_but_one: bool = False,
        in_title: bool = False,
        at_least: int | None = None,
        tally: bool = False,
    ) -> _Matches:
        """The documents matching `query` that `audiences` may see, under `filters` (`all_but_one`: see
        _filters); `in_title` and `at_least` as for _words; with `tally`, on PostgreSQL, among SearchTally's
        rows (the facet pass)."""
        title_words = _Sql("m.title_key LIKE %s", [f"%{' '.join(query.title_words)}%"])
        if self.vendor == "sqlite":
            fts_filters = self._filters(audiences, filters, all_but_one).where
            if query.is_only_stop_words:
                where = _Sql(
                    "m.document_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [fts_filters]
                )
                return _Matches(None, title_words & where)
            words = self._words(query, in_title, at_least)
            return _Matches(f"{words} AND {fts_filters}", _Sql("1 = 1", []), fts_filters)
        if query.is_only_stop_words:
            return _Matches(None, title_words & self._filters(audiences, filters, all_but_one))
        if tally:
            numbers = self._numbers(query.terms, filters)
            words = self._tally_words(query, numbers)
            return _Matches(
                None, words & self._tally_filters(audiences, filters, all_but_one, numbers), table=TALLIES
            )
        words = self._words(query, in_title, at_least, indexed=True)
        return _Matches(None, words & self._filters(audiences, filters, all_but_one))

    @staticmethod
    def _minus(matches: _Matches, excluded: str | _Sql) -> _Matches:
        """`matches` without the documents of `excluded` (from _words)."""
        if isinstance(excluded, str):
            return _Matches(f"({matches.fts}) NOT {excluded}", matches.where, matches.filters)
        return _Matches(
            None,
            _Sql(
                f"{matches.where.where} AND NOT ({excluded.where})", [*matches.where.params, *excluded.params]
            ),
        )

    @staticmethod
    def _source(matches: _Matches) -> tuple[str, str, list, str]:
        """FROM, WHERE, parameters and document id column of `matches` (SQLite's FTS5 table alone when the
        words, audience and filters are all in its expression: no join with the documents)."""
        if matches.fts is not None:
            return "search_fts", "search_fts MATCH %s", [matches.fts], "search_fts.rowid"
        return f"{matches.table} m", matches.where.where, matches.where.params, "m.document_id"

    def _count(self, matches: _Matches) -> int:
        table, where, params, _ = self._source(matches)
        sql = f"SELECT COUNT(*) FROM {table} WHERE {where}"  # noqa: S608  # nosec B608
        return self._fetch(sql, params, planned_for_values=matches.planned_for_values)[0][0]

    def _exists(self, matches: _Matches) -> bool:
        table, where, params, _ = self._source(matches)
        return bool(self._fetch(f"SELECT 1 FROM {table} WHERE {where} LIMIT 1", params))  # noqa: S608  # nosec B608

    def _fetch(self, sql: str, params: list, planned_for_values: bool = False) -> list[tuple]:
        """The rows of `sql`; with `planned_for_values`, on PostgreSQL, its values written into the statement
        by the driver's own quoting rather than bound, so that it is planned for them: a prepared statement's
        generic plan, made for the values of other searches, ranked a tier under selective filters by reading
        every document holding the words (42 ms where a plan for its values took 8, at 100,000 documents)."""
        with connection.cursor() as cursor:
            if planned_for_values and self.vendor == "postgresql":
                cursor.execute(connection.ops.compose_sql(sql, params))
            else:
                cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def _visibility(audiences: list[str]) -> _Sql:
        return _Sql(f"m.visibility IN ({', '.join(['%s'] * len(audiences))})", list(audiences))

    # ----- searching -----

    def known_values(self, filters: dict[str, list[str]], audiences: list[str]) -> dict[str, dict[str, str]]:
        """Which of the asked facet values exist among the documents this visitor may see, with labels (one
        query; each value stops at its first visible document)."""
        asked = [(key, value) for key, values in filters.items() for value in values]
        if not asked:
            return {}
        visible = self._visibility(audiences)
        first_visible = (
            f"SELECT f.facet, f.value, f.label FROM {FACETS} f "  # noqa: S608  # nosec B608
            f"JOIN {MATCHES} m ON m.document_id = f.document_id "
            f"WHERE f.facet = %s AND f.value = %s AND {visible.where} LIMIT 1"
        )
        # The same constant subquery repeated once per asked value; the values themselves are parameters.
        subqueries = (f"SELECT * FROM ({first_visible}) AS v{n}" for n in range(len(asked)))  # noqa: S608  # nosec B608
        sql = " UNION ALL ".join(subqueries)
        params = [param for key, value in asked for param in (key, value, *visible.params)]
        known: dict[str, dict[str, str]] = defaultdict(dict)
        for key, value, label in self._fetch(sql, params):
            known[key][value] = label
        return known

    def any_passing(self, filters: dict[str, list[str]], audiences: list[str]) -> bool:
        """Whether any document `audiences` may see passes every selected filter, whatever its words (counted
        through the filters' index, not LIMIT 1: PostgreSQL's planner would scan every row for a first one
        that may not exist; there, among SearchTally's narrow rows)."""
        if self.vendor == "sqlite":
            return bool(self._count(_Matches(self._filters(audiences, filters).where, _Sql("1 = 1", []))))
        where = self._tally_filters(audiences, filters, False, self._numbers([], filters))
        return bool(self._count(_Matches(None, where, table=TALLIES)))

    def correct(self, query: ParsedQuery, audiences: list[str]) -> dict[str, str]:
        """One-letter typos: query words whose stems the index does not know → a known word one edit away."""
        unknown = [term for term in query.terms if len(fold(term)) >= 4]
        if not unknown:
            return {}
        asked = [s for t in unknown for s in stems(t)]
        sql = f"SELECT stem FROM {WORDS} WHERE stem IN ({_placeholders(asked)})"  # noqa: S608  # nosec B608
        known_stems = {stem for (stem,) in self._fetch(sql, asked)}
        corrections = {}
        for term in unknown:
            if known_stems & set(stems(term)):
                continue
            folded = fold(term)
            candidates = SearchWord.objects.filter(
                word__startswith=folded[0], length__gte=len(folded) - 1, length__lte=len(folded) + 1
            ).values_list("word", flat=True)
            close = sorted(word for word in candidates if edit_distance_at_most_one(folded, word))
            # Prefer a correction whose search finds something this visitor may see (never reveal a word of a
            # members-only document).
            for word in close[:5]:
                if self._exists(self._matches(ParsedQuery(raw=word, terms=[word]), audiences, {})):
                    corrections[term] = word
                    break
        return corrections

    def search(self, request: SearchRequest) -> SearchResponse:
        query = request.query
        corrections = self.correct(query, request.audiences)
        if corrections:
            query = replace(query, terms=[corrections.get(term, term) for term in query.terms])
        total, facets = self._facets(query, request.audiences, request.filters)
        offset = (request.page - 1) * request.per_page
        documents = (
            self._ranked(
                query,
                request.audiences,
                request.filters,
                total,
                offset,
                request.per_page,
                request.none_hold_every_word,
            )
            if total > offset
            else []
        )
        labels = registry.labels()
        results = [
            Result(
                kind=d.kind,
                kind_label=labels.get(d.kind, d.kind),
                title=d.title,
                url=d.url,
                excerpt=self._excerpt(d, query),
                region_name=d.region_name,
                cafe_title=d.cafe_title if d.cafe_title != d.title else "",
                cafe_url=d.cafe_url,
                natural_key=d.natural_key,
            )
            for d in documents
        ]
        return SearchResponse(results=results, total=total, facets=facets, corrections=corrections)

    @staticmethod
    def _excerpt(document: Shown, query: ParsedQuery) -> str:
        """The text around the first match; the keywords first when only they match (a producer's "poire")."""
        excerpt = highlight(document.body, query)
        if "<mark>" not in excerpt and document.keywords:
            excerpt = highlight(f"{document.keywords} · {document.body}", query)
        return excerpt

    def _boosts(self, query: ParsedQuery) -> _Sql:
        """The factor multiplying a document's text score (SQL over `d`, the same on both databases)."""
        terms = [stems(term) for term in query.terms]
        terms += [(stems(word)[0],) for phrase in query.phrases for word in phrase if not is_stop_word(word)]
        if not terms:
            return _Sql("1.0", [])
        factor = f"(CASE WHEN m.title_stems = %s THEN {EXACT_TITLE_BOOST} ELSE 1.0 END)"
        params = [" ".join(variants[0] for variants in terms)]
        named = self._named_types(terms)
        if named:
            factor += (
                f" * (CASE WHEN m.kind IN ({', '.join(['%s'] * len(named))}) THEN {TYPE_BOOST} ELSE 1.0 END)"
            )
            params += named
        return _Sql(factor, params)

    @staticmethod
    def _named_types(terms: list[tuple[str, ...]]) -> list[str]:
        """The content types whose label the query names ("café", "recettes", "producteur"…)."""
        asked = {variant for variants in terms for variant in variants}
        types = _label_stems(tuple(registry.labels().items()))
        return [key for key, label_stems in types if label_stems & asked]

    def _coverage(self, query: ParsedQuery, filters: str) -> _Sql:
        """How many of the query's words and phrases a document holds (on SQLite, each word looked for among
        the documents `filters` lets through only)."""
        if self.vendor == "postgresql":
            clauses = self._tsquery_clauses(query)
            sql = " + ".join(
                ["(CASE WHEN m.search_vector @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)"] * len(clauses)
            )
            return _Sql(sql, clauses)
        clauses = [f"{clause} AND {filters}" for clause in self._fts_clauses(query)]
        sql = " + ".join(
            [
                "(CASE WHEN m.document_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
                "THEN 1 ELSE 0 END)"
            ]
            * len(clauses)
        )
        return _Sql(sql, clauses)

    def _tiers(
        self, query: ParsedQuery, audiences: list[str], filters: dict[str, list[str]]
    ) -> list[tuple[_Matches, bool]]:
        """The matches in the order they are ranked, each with whether to rank it by coverage first: the
        documents whose title holds every word, then the others holding every word, then (when any word is
        enough) those holding fewer and fewer of them. Each tier is ranked on its own, so a page ranks only
        the tier(s) it shows."""
        everything = self._matches(query, audiences, filters)
        if query.is_only_stop_words:
            return [(everything, False)]
        count = len(self._tsquery_clauses(query))
        holding_all = (
            self._matches(query, audiences, filters, at_least=count) if query.match_any else everything
        )
        tiers = [
            (self._matches(query, audiences, filters, in_title=True, at_least=count), False),
            (self._minus(holding_all, self._words(query, in_title=True, at_least=count)), False),
        ]
        if not query.match_any:
            return tiers
        if count > MAX_WORD_TIERS:
            # Too many combinations of words for one tier per number held: one tier, ranked by coverage.
            return [*tiers, (self._minus(everything, self._words(query, at_least=count)), True)]
        for held in range(count - 1, 0, -1):
            holding = self._matches(query, audiences, filters, at_least=held)
            tiers.append((self._minus(holding, self._words(query, at_least=held + 1)), False))
        return tiers

    def _ranked(
        self,
        query: ParsedQuery,
        audiences: list[str],
        filters: dict[str, list[str]],
        total: int,
        offset: int,
        limit: int,
        none_hold_every_word: bool,
    ) -> list[Shown]:
        """One page of the matches (`total` of them), best first, ranking only the tiers the page shows. The
        size of a tier comes with its ranking (a second pass over a large tier only to count it cost as much
        as the first); the last tier's is what the others leave of `total`."""
        tiers = self._tiers(query, audiences, filters)
        if none_hold_every_word and query.match_any and not query.is_only_stop_words:
            # The first two tiers (every word in the title, every word) are known empty: not ranked.
            tiers = tiers[2:]
        ids: list[int] = []
        before = 0
        for number, (matches, by_coverage) in enumerate(tiers):
            start = max(0, offset - before)
            size = total - before if number == len(tiers) - 1 else None
            if size is not None and size <= start:
                break
            ranked, counted = self._rank(matches, query, by_coverage, start, limit - len(ids))
            if size is None:
                # Nothing ranked from the tier's first row on: it is empty.
                size = counted if counted is not None else self._count(matches) if ranked or start else 0
            ids += ranked
            before += size
            if len(ids) >= limit or before >= total:
                break
        if not ids:
            return []
        sql = f"SELECT {', '.join(Shown._fields)} FROM {DOCUMENTS} WHERE id IN ({_placeholders(ids)})"  # noqa: S608  # nosec B608
        found = {row[0]: Shown(*row) for row in self._fetch(sql, ids)}
        return [found[pk] for pk in ids if pk in found]

    def _rank(
        self, matches: _Matches, query: ParsedQuery, by_coverage: bool, offset: int, limit: int
    ) -> tuple[list[int], int | None]:
        """Ids of one slice of one tier, best first, and on PostgreSQL the size of the tier, counted by a
        window over the rows ranked (None when the slice is empty; on SQLite, whose bm25() cannot share a
        query with a window, always None)."""
        if query.is_only_stop_words:
            table, where, params, _ = self._source(matches)
            sql = (
                f"SELECT m.document_id, COUNT(*) OVER () FROM {table} WHERE {where} "  # noqa: S608  # nosec B608
                "ORDER BY LENGTH(m.title), m.title LIMIT %s OFFSET %s"
            )
            return self._ids_and_size(self._fetch(sql, [*params, limit, offset]))
        boosts = self._boosts(query)
        coverage = self._coverage(query, matches.filters) if by_coverage else _Sql("0", [])
        if self.vendor == "postgresql":
            # Scored in a subquery that OFFSET 0 keeps from being merged into the outer one: the window then
            # holds (id, title, coverage, score) per row, not the rows with their full text to score later
            # (a tier of 7,000 rows spilled to disk past work_mem, and took twice as long).
            sql = (
                "SELECT document_id, COUNT(*) OVER (), coverage, score FROM ("  # noqa: S608  # nosec B608
                f"SELECT m.document_id, m.title, {coverage.where} AS coverage, "
                f"ts_rank('{PG_WEIGHTS}', m.search_vector, to_tsquery('simple', %s), 1) "
                f"* {boosts.where} AS score "
                f"FROM {MATCHES} m WHERE {matches.where.where} OFFSET 0) AS scored "
                "ORDER BY coverage DESC, score DESC, title LIMIT %s OFFSET %s"
            )
            params = [*coverage.params, self._tsquery(query), *boosts.params, *matches.where.params]
        else:
            # bm25() is negative, lower is better: boosts multiply it further down.
            sql = (
                f"SELECT m.document_id, NULL, {coverage.where} AS coverage, "  # noqa: S608  # nosec B608
                f"bm25(search_fts, {SQLITE_WEIGHTS}) * {boosts.where} AS score "
                f"FROM search_fts JOIN {MATCHES} m ON m.document_id = search_fts.rowid "
                "WHERE search_fts MATCH %s "
                "ORDER BY coverage DESC, score, m.title LIMIT %s OFFSET %s"
            )
            params = [*coverage.params, *boosts.params, matches.fts]
        return self._ids_and_size(self._fetch(sql, [*params, limit, offset], planned_for_values=True))

    @staticmethod
    def _ids_and_size(rows: list[tuple]) -> tuple[list[int], int | None]:
        """The ids of ranked rows (id, tier size or NULL, …), and the tier's size when a row says it."""
        return [row[0] for row in rows], (rows[0][1] if rows else None)

    def _facets(
        self, query: ParsedQuery, audiences: list[str], filters: dict[str, list[str]]
    ) -> tuple[int, list[Facet]]:
        """How many documents match, and the counts per facet value over the matches filtered by every other
        facet's selection, from one pass over the matches that pass every selection but at most one: each
        document says which selections it passes (its facet keys hold a selected value's number), and the
        keys of the documents passing all of them, and of those passing all but facet F's, are returned as
        strings, counted by Counter."""
        selected = [key for key in registry.FACETS if filters.get(key)]
        matches = self._matches(query, audiences, filters, all_but_one=True, tally=True)
        every, others = self._facet_keys(
            matches, [[(key, value) for value in filters[key]] for key in selected]
        )
        counted = [([key for key in registry.FACETS if key not in selected], Counter(every.split()))]
        # The documents passing all selections but facet F's count for F's values only: only F's numbers are
        # counted in their keys, which may be most of the matches.
        counted += [
            ([key], _occurrences(text, numbers.split()))
            for key, (text, numbers) in zip(selected, others, strict=True)
        ]
        total = counted[0][1].pop(".", 0)
        numbers_found = {int(number) for _, counter in counted for number in counter}
        numbers = list(numbers_found)
        sql = f"SELECT id, facet, value, label FROM {FACET_VALUES} WHERE id IN ({_placeholders(numbers)})"  # noqa: S608  # nosec B608
        values = self._fetch(sql, numbers) if numbers else []
        known = {str(pk): (facet, value, label) for pk, facet, value, label in values}
        counts: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
        for keys, counter in counted:
            for number, count in counter.items():
                facet, value, label = known.get(number, ("", "", ""))
                if facet in keys:
                    counts[facet][value] = (label, count)
        facets = []
        for key, label in registry.FACETS.items():
            chosen = set(filters.get(key, []))
            values = [
                FacetValue(value=value, label=value_label, count=count, selected=value in chosen)
                for value, (value_label, count) in counts[key].items()
            ]
            values.sort(key=lambda v: (-v.count, v.label))
            if values:
                facets.append(Facet(key=key, label=label, values=values))
        return total, facets

    def _facet_keys(
        self, matches: _Matches, selections: list[list[tuple[str, str]]]
    ) -> tuple[str, list[tuple[str, str]]]:
        """One pass over `matches`: the facet keys of the documents passing every selection (each a list of
        (facet, value)) joined in one string, each followed by ".", then for each selection the keys of the
        documents passing every other one, with the numbers of the selection's facet's values."""
        table, where, params, id_column = self._source(matches)
        keys = "m.facet_keys"
        # A selected value's number as the pattern of its keys, "% 17 %", built once by the same statement (an
        # uncorrelated subquery, not once per row; NULL, so passed by no document, for a value the index does
        # not know).
        pattern = f"(SELECT %s || v.id || %s FROM {FACET_VALUES} v WHERE v.facet = %s AND v.value = %s)"  # noqa: S608  # nosec B608
        holds = f"(' ' || {keys} || ' ') LIKE {pattern}"
        passes, passes_params = [], []
        for values in selections:
            # A document passes a selection when its keys ("3 17 42") hold one of the selected numbers.
            passes.append("(" + " OR ".join([holds] * len(values)) + ")")
            passes_params.append([param for facet, value in values for param in ("% ", " %", facet, value)])

        def passing(indices: list[int]) -> _Sql:
            if not indices:
                return _Sql("1 = 1", [])
            return _Sql(
                " AND ".join(passes[i] for i in indices), [p for i in indices for p in passes_params[i]]
            )

        every = passing(list(range(len(selections))))
        others = [passing([j for j in range(len(selections)) if j != i]) for i in range(len(selections))]
        aggregate = "group_concat" if self.vendor == "sqlite" else "string_agg"
        # Each document passing every selection adds a "." to its keys: the count is the Counter's.
        columns = [f"{aggregate}(CASE WHEN {every.where} THEN COALESCE({keys}, '') || ' .' END, ' ')"]
        columns += [f"{aggregate}(CASE WHEN {s.where} THEN {keys} END, ' ')" for s in others]
        column_params = [*every.params, *[p for s in others for p in s.params]]
        numbers = f"(SELECT {aggregate}(CAST(v.id AS TEXT), ' ') FROM {FACET_VALUES} v WHERE v.facet = %s)"  # noqa: S608  # nosec B608
        columns += [numbers] * len(others)
        column_params += [values[0][0] for values in selections]
        # SQLite's matches are search_fts rows: their keys are in the narrow rows beside.
        join = f"LEFT JOIN {MATCHES} m ON m.document_id = {id_column} " if matches.fts is not None else ""
        sql = f"SELECT {', '.join(columns)} FROM {table} {join}WHERE {where}"  # noqa: S608  # nosec B608
        planned = matches.planned_for_values
        row = [
            text or "" for text in self._fetch(sql, [*column_params, *params], planned_for_values=planned)[0]
        ]
        return row[0], list(zip(row[1 : 1 + len(others)], row[1 + len(others) :], strict=True))

    def suggest(self, text: str, audiences: list[str], limit: int = 8) -> list[Suggestion]:
        folded = fold(text)
        rows = (
            SearchSuggestion.objects.filter(document__visibility__in=audiences)
            .filter(Q(folded__startswith=folded) | Q(folded__contains=f" {folded}"))
            .values_list("text", "document__url", "document__kind")
            .order_by("text")[: limit * 3]
        )
        labels = registry.labels()
        suggestions, seen = [], set()
        for suggestion_text, url, kind in rows:
            if suggestion_text not in seen:
                seen.add(suggestion_text)
                suggestions.append(
                    Suggestion(text=suggestion_text, url=url, kind_label=labels.get(kind, kind))
                )
        return suggestions[:limit]
