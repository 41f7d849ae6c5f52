"""The network-wide search index kept in the database (the embedded default, SQLite or PostgreSQL).

One `SearchDocument` per indexed object of any type declared in search.registry, denormalised so a results
page is one query: its title, keywords, plain text, URL, who may see it (reseau.access's `visibility`), its
region and café. Facet values (type, region, season, diet, label, tags…) are rows of `SearchFacet`, and are
numbered by `SearchFacetValue`. What finding, counting and ranking the matches read is the narrow
`SearchMatch` beside each document (no text to display), so that a search over tens of thousands of matches
never reads the wide rows: only the page shown is read from SearchDocument. Full text holds the French stems
computed by search.text (the same analysis on both databases, at index and at query time), in four weighted
parts: title, keywords, text and alternative stems. On PostgreSQL it is SearchMatch's stored `search_vector`
(`simple` configuration over those stems, weights A/B/C/D, GIN index) beside `title_vector`, the title's stems
alone (GIN index), and `SearchTally`, a document's stems and facet values as numbers (`SearchStem`,
`SearchFacetValue`), the rows the facet pass reads; on SQLite an FTS5 table `search_fts`
(rowid = document id, one column per part, and a fifth holding audience and facet tokens). Both extra
structures are created by migrations on their database only.
When Elasticsearch is configured these tables are left empty and search.elastic does the work.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from reseau.access import Visibility


class SearchDocument(models.Model):
    kind = models.CharField("type", max_length=32)
    object_id = models.CharField(max_length=64)
    natural_key = models.CharField(max_length=255, blank=True)
    title = models.CharField("titre", max_length=255)
    keywords = models.TextField("mots-clés", blank=True)
    body = models.TextField("texte", blank=True)
    url = models.CharField(max_length=500, blank=True)
    visibility = models.CharField(
        "visibilité", max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    region_code = models.CharField(max_length=3, blank=True)
    region_name = models.CharField(max_length=100, blank=True)
    cafe_title = models.CharField(max_length=255, blank=True)
    cafe_url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "document indexé"
        verbose_name_plural = "documents indexés"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]
        indexes = [models.Index(fields=["visibility"], name="search_doc_visibility")]

    def __str__(self) -> str:
        return f"{self.kind} · {self.title}"


class RowidOneToOneField(models.OneToOneField):
    """A one-to-one primary key declared INTEGER on SQLite, where such a key is the table's rowid: a join on
    it reads one b-tree (a BIGINT key is a second index beside the rowid, two lookups a row)."""

    def db_type(self, connection) -> str | None:
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchMatch(models.Model):
    """The narrow side of a document: what finding, counting and ranking the matches read (no text to
    display), so that a pass over tens of thousands of matches reads narrow rows."""

    document = RowidOneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="match"
    )
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS)
    kind = models.CharField(max_length=32)
    # The document's title, the last tiebreak of the ranking.
    title = models.CharField(max_length=255)
    # The title's primary stems (search.text.index_text), to boost a title made of the query's words.
    title_stems = models.CharField(max_length=255, blank=True)
    # PostgreSQL: those stems as a tsvector (GIN index, created by a migration), so the documents whose title
    # holds every word are found, and left out of the next tier, without analysing each title per row.
    title_vector = SearchVectorField(null=True, editable=False)
    # The title's folded words with stop words ("qui sommes nous"), for a query made only of stop words.
    title_key = models.CharField(max_length=255, blank=True)
    # Its facet values as SearchFacetValue numbers ("3 17 42"), counted for the facets in the same pass that
    # finds the matches.
    facet_keys = models.TextField(blank=True)
    # PostgreSQL's full text and its audience and facet values as tokens (search.database.filter_tokens), each
    # with a GIN index created by a migration; SQLite keeps both in its FTS5 table search_fts.
    search_vector = SearchVectorField(null=True, editable=False)
    filters = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = "correspondance indexée"
        verbose_name_plural = "correspondances indexées"


class SearchStem(models.Model):
    """A stem of PostgreSQL's full text (a lexeme of SearchMatch.search_vector), numbered for SearchTally.
    Only ever grows; unused on SQLite."""

    # 4 bytes a number in SearchTally.words (about fifty stems a document).
    id = models.AutoField(primary_key=True)
    stem = models.TextField(unique=True)


class SearchTally(models.Model):
    """PostgreSQL only: the narrowest side of a document, what the facet pass reads (counting every match's
    facet values): its stems and facet values as numbers, each array with a GIN index (a migration's). A
    SearchMatch row holds the full text with its positions, about 1 kB: the pages of a pass over tens of
    thousands of matches were most of its cost; these rows are under a third of that size."""

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS)
    # As SearchMatch.facet_keys: what the facet pass counts.
    facet_keys = models.TextField(blank=True)
    # The SearchStem numbers of every lexeme of SearchMatch.search_vector, and the document's facet values.
    words = ArrayField(models.IntegerField(), default=list)
    facets = ArrayField(models.BigIntegerField(), default=list)


class SearchFacet(models.Model):
    """One facet value of a document: ("region", "84", "Auvergne-Rhône-Alpes"), ("saison", "ete", "Été")."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=255)

    class Meta:
        # Covering: a facet's counts are read from the index alone, in (facet, value) order (no sort).
        indexes = [models.Index(fields=["facet", "value", "label", "document"], name="search_facet_covering")]


class SearchFacetValue(models.Model):
    """A facet value the index knows, numbered: a document lists its values by these numbers, so the facets
    of a search are counted from short keys and labelled from this table. Only ever grows."""

    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=255)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facet", "value"], name="search_facet_value_unique")]


class SearchSuggestion(models.Model):
    """An autocomplete entry (a title, a producer's product…), folded for prefix matching."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="suggestion_entries")
    text = models.CharField(max_length=255)
    folded = models.CharField(max_length=255, db_index=True)


class SearchWord(models.Model):
    """The index's vocabulary (folded words), used to correct a one-letter typo.

    Only ever grows; a correction is used only when it finds results the visitor may see, so a word of a
    members-only document is never revealed (see search.engine).
    """

    word = models.CharField(max_length=64, unique=True)
    stem = models.CharField(max_length=64, db_index=True)
    length = models.PositiveSmallIntegerField()
