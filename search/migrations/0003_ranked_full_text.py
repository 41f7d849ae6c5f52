"""Ranked full text: keywords, title stems and title words on each document; the full text in four weighted
parts (title, keywords, text, alternative stems) analysed by search.text on both databases.

SQLite's FTS5 table gains its keywords column; PostgreSQL's search_vector is now written from search.text's
stems (`simple` configuration, weights A/B/C/D) instead of `fr_unaccent`. Existing documents are rewritten
here from their stored title and text; their keywords fill in at the next `rebuild_search_index`.
"""

from django.db import connection, migrations, models

from search.database import PG_VECTOR, full_text_parts
from search.text import index_text, title_key

# The documents' table, which held the full text until 0006 moved it to search_searchmatch.
DOCUMENTS = "search_searchdocument"

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, keywords, body, alternative, tokenize = 'unicode61 remove_diacritics 2')"
)
OLD_SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, alternative, tokenize = 'unicode61 remove_diacritics 2')"
)


def store_full_text(vendor, rows):
    """The full text as this migration's tables hold it: (id, title, keywords, body) → four parts."""
    parts = [(pk, *full_text_parts(title, keywords, body)) for pk, title, keywords, body in rows]
    if not parts:
        return
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, keywords, body, alternative) VALUES (%s, %s, %s, %s, %s)",
                parts,
            )
        elif vendor == "postgresql":
            cursor.executemany(
                f"UPDATE {DOCUMENTS} SET search_vector = {PG_VECTOR} WHERE id = %s",  # noqa: S608  # nosec B608
                [(*texts, pk) for pk, *texts in parts],
            )


def rewrite(apps, schema_editor):
    document_model = apps.get_model("search", "SearchDocument")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(SQLITE_TABLE)
    rows = []
    for document in document_model.objects.only("id", "title", "keywords", "body").iterator(chunk_size=1000):
        document_model.objects.filter(pk=document.pk).update(
            title_stems=index_text(document.title)[0][:255], title_key=title_key(document.title)[:255]
        )
        rows.append((document.pk, document.title, document.keywords, document.body))
        if len(rows) >= 1000:
            store_full_text(vendor, rows)
            rows = []
    store_full_text(vendor, rows)


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(OLD_SQLITE_TABLE)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_french_full_text")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="keywords",
            field=models.TextField(blank=True, verbose_name="mots-clés"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_key",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_stems",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.RunPython(rewrite, back),
    ]
