"""The embedded search backend: the tables of search.models on SQLite (FTS5 over French stems) or PostgreSQL
(tsvector in the `fr_unaccent` configuration).

Facet counts reflect the other filters: the count of each value of facet F is taken over the documents that
match the query and every selected filter except F's, so choosing a region does not hide the other regions.
A one-letter typo is corrected from the index's vocabulary (SearchWord), and the correction is kept only when
it finds documents the visitor may see.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
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
    words,
)

PG_CONFIG = "fr_unaccent"
BATCH = 1000


def _fts_quote(stem: str) -> str:
    return f'"{stem}"'


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
        facets, suggestions, vocabulary = [], [], {}
        fts_rows = []
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
            for word in words(f"{document.title} {document.body}"):
                folded = fold(word)
                if 3 <= len(folded) <= 64 and folded not in vocabulary:
                    vocabulary[folded] = stems(word)[0][:64]
            if self.vendor == "sqlite":
                title_stems, title_alt = index_text(document.title)
                body_stems, body_alt = index_text(document.body)
                fts_rows.append((pk, title_stems, body_stems, f"{title_alt} {body_alt}"))
        SearchFacet.objects.bulk_create(facets, batch_size=BATCH)
        SearchSuggestion.objects.bulk_create(suggestions, batch_size=BATCH)
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, stem=s, length=len(w)) for w, s in vocabulary.items()],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_fts (rowid, title, body, alternative) VALUES (%s, %s, %s, %s)",
                    fts_rows,
                )
        elif self.vendor == "postgresql":
            SearchDocument.objects.filter(pk__in=pk_of.values()).update(
                search_vector=SearchVector("title", weight="A", config=PG_CONFIG)
                + SearchVector("body", weight="B", config=PG_CONFIG)
            )
        return len(documents)

    # ----- searching -----

    def _match_expression(self, query: ParsedQuery) -> str:
        """FTS5 syntax built only from stems (\\w+) inside quotes: nothing typed is read as syntax."""
        clauses = []
        for term in query.terms:
            variants = " OR ".join(_fts_quote(stem) for stem in stems(term))
            clauses.append(f"({variants})")
        for phrase in query.phrases:
            phrase_stems = " ".join(stems(word)[0] for word in phrase if not is_stop_word(word))
            clauses.append("{title body} : " + _fts_quote(phrase_stems))
        return (" OR " if query.match_any else " AND ").join(clauses)

    def _pg_query(self, query: ParsedQuery) -> SearchQuery:
        combined = None
        for term in query.terms:
            part = SearchQuery(term, config=PG_CONFIG, search_type="plain")
            combined = part if combined is None else (combined | part if query.match_any else combined & part)
        for phrase in query.phrases:
            part = SearchQuery(" ".join(phrase), config=PG_CONFIG, search_type="phrase")
            combined = part if combined is None else (combined | part if query.match_any else combined & part)
        return combined

    def _matching(self, base: QuerySet, query: ParsedQuery) -> QuerySet:
        if self.vendor == "postgresql":
            return base.filter(search_vector=self._pg_query(query))
        return base.filter(
            id__in=RawSQL(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [self._match_expression(query)]
            )
        )

    @staticmethod
    def _filtered(queryset: QuerySet, filters: dict[str, list[str]], skip: str | None = None) -> QuerySet:
        for key, values in filters.items():
            if key != skip and values:
                queryset = queryset.filter(
                    id__in=SearchFacet.objects.filter(facet=key, value__in=values).values("document_id")
                )
        return queryset

    def _visible(self, audiences: list[str]) -> QuerySet:
        return SearchDocument.objects.filter(visibility__in=audiences)

    def known_values(self, filters: dict[str, list[str]], audiences: list[str]) -> dict[str, dict[str, str]]:
        """Which of the asked facet values exist among the documents this visitor may see, with labels."""
        condition = Q()
        for key, values in filters.items():
            condition |= Q(facet=key, value__in=values)
        if not condition:
            return {}
        known: dict[str, dict[str, str]] = defaultdict(dict)
        rows = (
            SearchFacet.objects.filter(condition, document__in=self._visible(audiences))
            .values_list("facet", "value", "label")
            .distinct()
        )
        for key, value, label in rows:
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
        matching = self._matching(self._visible(request.audiences), query)
        filtered = self._filtered(matching, request.filters)
        total = filtered.count()
        offset = (request.page - 1) * request.per_page
        documents = self._ranked(
            filtered, query, request.audiences, request.filters, offset, request.per_page
        )
        labels = registry.labels()
        results = [
            Result(
                kind=d.kind,
                kind_label=labels.get(d.kind, d.kind),
                title=d.title,
                url=d.url,
                excerpt=highlight(d.body, query),
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

    def _ranked(self, filtered, query, audiences, filters, offset, limit) -> list[SearchDocument]:
        if self.vendor == "postgresql":
            pg_query = self._pg_query(query)
            return list(
                filtered.annotate(rank=SearchRank(F("search_vector"), pg_query))
                .order_by("-rank", "title")
                .defer("search_vector")[offset : offset + limit]
            )
        candidates = self._filtered(self._visible(audiences), filters).values("id")
        sql, params = candidates.query.sql_with_params()
        # `sql` is Django's own compiled SQL, every value a parameter.
        ranked = (
            # `sql` is Django's compiled queryset SQL (its parameters stay parameters).
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608  # nosec B608
            f"AND +rowid IN ({sql}) "
            "ORDER BY bm25(search_fts, 6.0, 1.0, 0.5) LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                ranked,
                [self._match_expression(query), *params, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        found = SearchDocument.objects.defer("search_vector").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def _facets(self, matching: QuerySet, filters: dict[str, list[str]]) -> list[Facet]:
        """Counts per facet value over the matches filtered by every other facet's selection."""
        counts: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
        unfiltered_keys = [key for key in registry.FACETS if not filters.get(key)]
        groups = [(unfiltered_keys, None)] + [([key], key) for key in registry.FACETS if filters.get(key)]
        for keys, skip in groups:
            if not keys:
                continue
            rows = (
                SearchFacet.objects.filter(
                    facet__in=keys, document__in=self._filtered(matching, filters, skip)
                )
                .values_list("facet", "value", "label")
                .annotate(count=Count("id"))
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
