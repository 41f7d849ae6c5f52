"""The embedded search backend: the tables of search.models on SQLite (FTS5) or PostgreSQL (stored
tsvector).

Text analysis is search.text's on both databases, at index and at query time: French stems, elisions and
stop words removed, accents folded, with alternative stems (plural, accent-sensitive) in a fourth, weakest
part.
Ranking is the database's own (FTS5 `bm25()` with column weights on SQLite, `ts_rank_cd()` with A/B/C/D
weights on PostgreSQL: title ≫ keywords ≫ text), multiplied by the same boosts on both: every query word in
the title, the title exactly the query, and the content type the query names ("cafés en Auvergne"). When
several words find little (search.engine asks again with any word), documents are ranked first by how many of
the words they hold.

Facet counts reflect the other filters: the count of each value of facet F is taken over the documents that
match the query and every selected filter except F's, so choosing a region does not hide the other regions.
Counts, facets and pages are SQL over the visible matches (never Python loops over them); excerpts are made
for the page shown only. A one-letter typo is corrected from the index's vocabulary (SearchWord), and the
correction is kept only when it finds documents the visitor may see.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

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
from search.models import SearchDocument, SearchFacet, SearchSuggestion, SearchWord
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
FACETS = SearchFacet._meta.db_table
# Weights of title, keywords, text and alternative stems: FTS5 bm25() column weights, and PostgreSQL's
# ts_rank_cd() weights, listed there as {D, C, B, A} = {alternative, text, keywords, title}.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0, 1.0"
PG_WEIGHTS = "{0.1, 0.1, 0.4, 1.0}"
# Multiplied into the text score when every query word is in the title, when the title is exactly the query,
# and when the query names the document's content type.
TITLE_BOOST = 2.0
EXACT_TITLE_BOOST = 2.0
TYPE_BOOST = 1.5
# SearchDocument rows are written in batches; the full text of each batch follows in one statement.
PG_VECTOR = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)


def full_text_parts(title: str, keywords: str, body: str) -> tuple[str, str, str, str]:
    """The four parts the full-text index stores: stems of the title, keywords and text, then alternatives."""
    title_stems, title_alt = index_text(title)
    keyword_stems, keyword_alt = index_text(keywords)
    body_stems, body_alt = index_text(body)
    return title_stems, keyword_stems, body_stems, " ".join(filter(None, [title_alt, keyword_alt, body_alt]))


def store_full_text(vendor: str, rows: list[tuple[int, str, str, str]]) -> None:
    """Write the full text of documents (id, title, keywords, body): FTS5 rows or tsvectors."""
    parts = [(pk, *full_text_parts(title, keywords, body)) for pk, title, keywords, body in rows]
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, keywords, body, alternative) "
                "VALUES (%s, %s, %s, %s, %s)",
                parts,
            )
        elif vendor == "postgresql":
            cursor.executemany(
                f"UPDATE {DOCUMENTS} SET search_vector = {PG_VECTOR} WHERE id = %s",  # noqa: S608  # nosec B608
                [(*texts, pk) for pk, *texts in parts],
            )


def _fts_quote(stem: str) -> str:
    return f'"{stem}"'


@dataclass
class _Sql:
    """A WHERE clause over `d` (search_searchdocument) with its parameters."""

    where: str
    params: list

    def __and__(self, other: "_Sql") -> "_Sql":
        return _Sql(f"{self.where} AND {other.where}", [*self.params, *other.params])


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
        SearchFacet.objects.filter(document_id__in=ids).delete()
        SearchSuggestion.objects.filter(document_id__in=ids).delete()
        SearchDocument.objects.filter(id__in=ids).delete()

    def clear(self) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("DELETE FROM search_fts")
            for model in (SearchFacet, SearchSuggestion, SearchDocument):
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
            # Fresh statistics after a whole rebuild, or the planner may pick a nested loop over 100,000 rows.
            for model in (SearchDocument, SearchFacet, SearchSuggestion):
                cursor.execute(f"ANALYZE {model._meta.db_table}")  # our own table names
        return total

    def _insert(self, documents: list[DocumentData]) -> int:
        if not documents:
            return 0
        rows = SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    kind=d.kind,
                    object_id=d.object_id,
                    natural_key=d.natural_key,
                    title=d.title[:255],
                    title_stems=index_text(d.title)[0][:255],
                    title_key=title_key(d.title)[:255],
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
            full_text.append((pk, document.title, document.keywords, document.body))
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

    def _match_expression(self, query: ParsedQuery, clauses: list[str] | None = None) -> str:
        """FTS5 syntax built only from stems (\\w+) inside quotes: nothing typed is read as syntax."""
        clauses = self._fts_clauses(query) if clauses is None else clauses
        return (" OR " if query.match_any else " AND ").join(clauses)

    @staticmethod
    def _fts_clauses(query: ParsedQuery) -> list[str]:
        clauses = [f"({' OR '.join(_fts_quote(stem) for stem in stems(term))})" for term in query.terms]
        for phrase in query.phrases:
            phrase_stems = " ".join(stems(word)[0] for word in phrase if not is_stop_word(word))
            clauses.append("{title keywords body} : " + _fts_quote(phrase_stems))
        return clauses

    @staticmethod
    def _tsquery_clauses(query: ParsedQuery) -> list[str]:
        """to_tsquery('simple', …) syntax, again only from stems: (a | b) & (c <-> d)."""
        clauses = [f"({' | '.join(stems(term))})" for term in query.terms]
        for phrase in query.phrases:
            clauses.append(
                "(" + " <-> ".join(stems(word)[0] for word in phrase if not is_stop_word(word)) + ")"
            )
        return clauses

    def _tsquery(self, query: ParsedQuery) -> str:
        return (" | " if query.match_any else " & ").join(self._tsquery_clauses(query))

    def _match(self, query: ParsedQuery) -> _Sql:
        if query.title_words and query.is_only_stop_words:
            # Only stop words ("qui sommes-nous"): the titles holding those words in that order.
            return _Sql("d.title_key LIKE %s", [f"%{' '.join(query.title_words)}%"])
        if self.vendor == "postgresql":
            return _Sql("d.search_vector @@ to_tsquery('simple', %s)", [self._tsquery(query)])
        return _Sql(
            "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
            [self._match_expression(query)],
        )

    @staticmethod
    def _visibility(audiences: list[str]) -> _Sql:
        return _Sql(f"d.visibility IN ({', '.join(['%s'] * len(audiences))})", list(audiences))

    @staticmethod
    def _filters(filters: dict[str, list[str]], skip: str | None = None) -> _Sql:
        where, params = ["1 = 1"], []
        for key, values in filters.items():
            if key != skip and values:
                where.append(
                    f"d.id IN (SELECT document_id FROM {FACETS} WHERE facet = %s "  # noqa: S608  # nosec B608
                    f"AND value IN ({', '.join(['%s'] * len(values))}))"
                )
                params += [key, *values]
        return _Sql(" AND ".join(where), params)

    def _matching(self, base: QuerySet, query: ParsedQuery) -> QuerySet:
        """`base` narrowed to the documents matching `query` (a queryset, for the corrections' probes)."""
        match = self._match(query)
        sql = f"SELECT d.id FROM {DOCUMENTS} d WHERE {match.where}"  # noqa: S608  # nosec B608
        # Table names are constants and the MATCH text is built from stems; every value is a parameter.
        return base.filter(id__in=RawSQL(sql, match.params))  # noqa: S611  # nosec B611

    def _visible(self, audiences: list[str]) -> QuerySet:
        return SearchDocument.objects.filter(visibility__in=audiences)

    def _count(self, where: _Sql) -> int:
        sql = f"SELECT COUNT(*) FROM {DOCUMENTS} d WHERE {where.where}"  # noqa: S608  # nosec B608
        return self._fetch(sql, where.params)[0][0]

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

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
            f"JOIN {DOCUMENTS} d ON d.id = f.document_id "
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

    def correct(self, query: ParsedQuery, audiences: list[str]) -> dict[str, str]:
        """One-letter typos: query words whose stems the index does not know → a known word one edit away."""
        unknown = [term for term in query.terms if len(fold(term)) >= 4]
        if not unknown:
            return {}
        known_stems = set(
            SearchWord.objects.filter(stem__in=[s for t in unknown for s in stems(t)]).values_list(
                "stem", flat=True
            )
        )
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
                probe = ParsedQuery(raw=word, terms=[word])
                if self._matching(self._visible(audiences), probe).exists():
                    corrections[term] = word
                    break
        return corrections

    def search(self, request: SearchRequest) -> SearchResponse:
        query = request.query
        corrections = self.correct(query, request.audiences)
        if corrections:
            query = replace(query, terms=[corrections.get(term, term) for term in query.terms])
        visible = self._visibility(request.audiences)
        matching = visible & self._match(query)
        filtered = matching & self._filters(request.filters)
        total = self._count(filtered)
        offset = (request.page - 1) * request.per_page
        documents = (
            self._ranked(visible & self._filters(request.filters), query, offset, request.per_page)
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
        return SearchResponse(
            results=results,
            total=total,
            facets=self._facets(matching, request.filters),
            corrections=corrections,
        )

    @staticmethod
    def _excerpt(document: SearchDocument, query: ParsedQuery) -> str:
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
        in_title, params = [], []
        for variants in terms:
            in_title.append(
                "(" + " OR ".join(["(' ' || d.title_stems || ' ') LIKE %s"] * len(variants)) + ")"
            )
            params += [f"% {variant} %" for variant in variants]
        exact = " ".join(variants[0] for variants in terms)
        factor = (
            f"(CASE WHEN {' AND '.join(in_title)} THEN {TITLE_BOOST} ELSE 1.0 END)"
            f" * (CASE WHEN d.title_stems = %s THEN {EXACT_TITLE_BOOST} ELSE 1.0 END)"
        )
        params.append(exact)
        named = self._named_types(terms)
        if named:
            factor += (
                f" * (CASE WHEN d.kind IN ({', '.join(['%s'] * len(named))}) THEN {TYPE_BOOST} ELSE 1.0 END)"
            )
            params += named
        return _Sql(factor, params)

    @staticmethod
    def _named_types(terms: list[tuple[str, ...]]) -> list[str]:
        """The content types whose label the query names ("café", "recettes", "producteur"…)."""
        asked = {variant for variants in terms for variant in variants}
        named = []
        for search_type in registry.types():
            label_stems = {stems(word)[0] for word in words(search_type.label) if not is_stop_word(word)}
            if label_stems & asked:
                named.append(search_type.key)
        return named

    def _coverage(self, query: ParsedQuery) -> _Sql:
        """How many of the query's words and phrases a document holds (when any of them is enough)."""
        if not query.match_any:
            return _Sql("0", [])
        if self.vendor == "postgresql":
            clauses = self._tsquery_clauses(query)
            sql = " + ".join(
                ["(CASE WHEN d.search_vector @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END)"] * len(clauses)
            )
            return _Sql(sql, clauses)
        clauses = self._fts_clauses(query)
        sql = " + ".join(
            ["(CASE WHEN d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) THEN 1 ELSE 0 END)"]
            * len(clauses)
        )
        return _Sql(sql, clauses)

    def _ranked(self, candidates: _Sql, query: ParsedQuery, offset: int, limit: int) -> list[SearchDocument]:
        """One page of the visible, filtered `candidates` matching `query`, best first."""
        boosts, coverage = self._boosts(query), self._coverage(query)
        # SQLite joins the FTS table below: matching it again in the WHERE clause would scan it twice.
        sqlite_fts = self.vendor == "sqlite" and not query.is_only_stop_words
        filtered = candidates if sqlite_fts else candidates & self._match(query)
        if query.is_only_stop_words:
            sql = (
                f"SELECT d.id FROM {DOCUMENTS} d WHERE {filtered.where} "  # noqa: S608  # nosec B608
                "ORDER BY LENGTH(d.title), d.title LIMIT %s OFFSET %s"
            )
            params = [*filtered.params, limit, offset]
        elif self.vendor == "postgresql":
            sql = (
                f"SELECT d.id, {coverage.where} AS coverage, "  # noqa: S608  # nosec B608
                f"ts_rank_cd('{PG_WEIGHTS}', d.search_vector, to_tsquery('simple', %s), 1) "
                f"* {boosts.where} AS score "
                f"FROM {DOCUMENTS} d WHERE {filtered.where} "
                "ORDER BY coverage DESC, score DESC, d.title LIMIT %s OFFSET %s"
            )
            params = [*coverage.params, self._tsquery(query), *boosts.params, *filtered.params, limit, offset]
        else:
            # bm25() is negative, lower is better: boosts multiply it further down.
            sql = (
                f"SELECT d.id, {coverage.where} AS coverage, "  # noqa: S608  # nosec B608
                f"bm25(search_fts, {SQLITE_WEIGHTS}) * {boosts.where} AS score "
                f"FROM search_fts JOIN {DOCUMENTS} d ON d.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s AND {filtered.where} "
                "ORDER BY coverage DESC, score, d.title LIMIT %s OFFSET %s"
            )
            params = [
                *coverage.params,
                *boosts.params,
                self._match_expression(query),
                *filtered.params,
                limit,
                offset,
            ]
        ids = [row[0] for row in self._fetch(sql, params)]
        found = SearchDocument.objects.defer("search_vector").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def _facets(self, matching: _Sql, filters: dict[str, list[str]]) -> list[Facet]:
        """Counts per facet value over the matches filtered by every other facet's selection (one GROUP BY
        for the facets without a selection, one per facet with one)."""
        counts: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
        unfiltered_keys = [key for key in registry.FACETS if not filters.get(key)]
        groups = [(unfiltered_keys, None)] + [([key], key) for key in registry.FACETS if filters.get(key)]
        for keys, skip in groups:
            if not keys:
                continue
            documents = matching & self._filters(filters, skip)
            rows = self._fetch(
                f"SELECT f.facet, f.value, f.label, COUNT(*) FROM {FACETS} f "  # noqa: S608  # nosec B608
                f"WHERE f.facet IN ({', '.join(['%s'] * len(keys))}) "
                f"AND f.document_id IN (SELECT d.id FROM {DOCUMENTS} d WHERE {documents.where}) "
                "GROUP BY f.facet, f.value, f.label",
                [*keys, *documents.params],
            )
            for key, value, label, count in rows:
                counts[key][value] = (label, count)
        facets = []
        for key, label in registry.FACETS.items():
            selected = set(filters.get(key, []))
            values = [
                FacetValue(value=value, label=value_label, count=count, selected=value in selected)
                for value, (value_label, count) in counts[key].items()
            ]
            values.sort(key=lambda v: (-v.count, v.label))
            if values:
                facets.append(Facet(key=key, label=label, values=values))
        return facets

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
