"""Filters inside the full text, facet keys beside each document, and a title index, so that one pass over
the matches gives their count and facets and a page ranks the documents whose title holds the words first.

SQLite: search_fts gains a `filters` column (a token per audience and facet value, see
search.database.filter_token) and `search_facet_keys` (rowid = document id) holds each document's facet keys.
PostgreSQL: search_searchdocument.facet_keys holds them, and a GIN index covers the title's stems. Existing
documents are rewritten here from their stored rows.
"""

from collections import defaultdict

from django.db import migrations, models

from search.database import FullText, facet_keys, store_full_text

SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, keywords, body, alternative, filters, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TABLE search_facet_keys (document_id INTEGER PRIMARY KEY, keys TEXT NOT NULL)",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_facet_keys",
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, keywords, body, alternative, tokenize = 'unicode61 remove_diacritics 2')",
]
POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_document_title_vector ON search_searchdocument "
    "USING gin (to_tsvector('simple', title_stems))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_document_title_vector"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(statement)
    document_model = apps.get_model("search", "SearchDocument")
    facet_model = apps.get_model("search", "SearchFacet")
    documents = document_model.objects.only("id", "title", "keywords", "body", "visibility").order_by("id")
    for start in range(0, documents.count(), 1000):
        batch = list(documents[start : start + 1000])
        facets: dict[int, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
        for row in facet_model.objects.filter(document_id__in=[d.pk for d in batch]).order_by("id"):
            facets[row.document_id][row.facet].append((row.value, row.label))
        full_text = [FullText(d.pk, d.title, d.keywords, d.body, d.visibility, facets[d.pk]) for d in batch]
        if vendor == "sqlite":
            store_full_text(vendor, full_text)
        else:
            for document in full_text:
                document_model.objects.filter(pk=document.pk).update(facet_keys=facet_keys(document.facets))


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_covering_index")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facet_keys",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(forward, backward),
    ]
