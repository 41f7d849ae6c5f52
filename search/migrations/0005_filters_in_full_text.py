"""Filters inside the full text, facet keys beside each document, and a title index, so that one pass over
the matches gives their count and facets and a page ranks the documents whose title holds the words first.

Facet values are numbered (SearchFacetValue) and each document lists its values by number: SQLite keeps
them in `search_facet_keys` (rowid = document id) and its search_fts gains a `filters` column (a token per
audience and facet value, see search.database.filter_token); PostgreSQL keeps them in
search_searchdocument.facet_keys and gains a GIN index over the title's stems. Existing documents are
rewritten here from their stored rows.
"""

from collections import defaultdict

from django.db import migrations, models

from search.database import facet_keys, facet_value_numbers, filter_tokens, full_text_parts, wanted_values

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
    value_model = apps.get_model("search", "SearchFacetValue")
    documents = document_model.objects.only("id", "title", "keywords", "body", "visibility").order_by("id")
    for start in range(0, documents.count(), 1000):
        batch = list(documents[start : start + 1000])
        facets: dict[int, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
        for row in facet_model.objects.filter(document_id__in=[d.pk for d in batch]).order_by("id"):
            facets[row.document_id][row.facet].append((row.value, row.label))
        numbers = facet_value_numbers(value_model, wanted_values(facets.values()))
        keys = {d.pk: facet_keys(facets[d.pk], numbers) for d in batch}
        if vendor == "sqlite":
            # The tables as this migration leaves them (0006 moves the keys to SearchMatch).
            schema_editor.connection.cursor().executemany(
                "INSERT INTO search_fts (rowid, title, keywords, body, alternative, filters) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (d.pk, *full_text_parts(d.title, d.keywords, d.body), filter_tokens(d.visibility, facets[d.pk]))
                    for d in batch
                ],
            )
            schema_editor.connection.cursor().executemany(
                "INSERT INTO search_facet_keys (document_id, keys) VALUES (%s, %s)", list(keys.items())
            )
        else:
            for pk, document_keys in keys.items():
                document_model.objects.filter(pk=pk).update(facet_keys=document_keys)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_covering_index")]

    operations = [
        migrations.CreateModel(
            name="SearchFacetValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=16)),
                ("value", models.CharField(max_length=100)),
                ("label", models.CharField(max_length=255)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("facet", "value"), name="search_facet_value_unique")
                ],
            },
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="facet_keys",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(forward, backward),
    ]
