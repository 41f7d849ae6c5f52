"""Narrow matches: what finding, counting and ranking read moves from the wide SearchDocument rows to
SearchMatch (title stems and key, facet keys, visibility, type, title and, on PostgreSQL, the full text and the
filter tokens, each with its GIN index), so a pass over tens of thousands of matches never reads the documents' text. SQLite's
search_facet_keys table is folded into it. Existing rows are copied.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

import search.models

FORWARD = {
    "postgresql": [
        # The filter tokens of search.database.filter_tokens: "k" and the hexadecimal of "facet<US>value".
        "INSERT INTO search_searchmatch (document_id, visibility, kind, title, title_stems, title_key, facet_keys, "
        "search_vector, filters) SELECT d.id, d.visibility, d.kind, d.title, "
        "d.title_stems, d.title_key, d.facet_keys, d.search_vector, to_tsvector('simple', "
        "'k' || encode(convert_to('@audience' || chr(31) || d.visibility, 'UTF8'), 'hex') || ' ' || "
        "COALESCE(f.tokens, '')) FROM search_searchdocument d LEFT JOIN (SELECT document_id, "
        "string_agg('k' || encode(convert_to(facet || chr(31) || value, 'UTF8'), 'hex'), ' ') AS tokens "
        "FROM search_searchfacet GROUP BY document_id) f ON f.document_id = d.id",
        "CREATE INDEX search_match_vector ON search_searchmatch USING gin (search_vector)",
        "CREATE INDEX search_match_filters ON search_searchmatch USING gin (filters)",
        "CREATE INDEX search_match_title_vector ON search_searchmatch USING gin (to_tsvector('simple', title_stems))",
    ],
    "sqlite": [
        "INSERT INTO search_searchmatch (document_id, visibility, kind, title, title_stems, title_key, facet_keys, "
        "search_vector) SELECT d.id, d.visibility, d.kind, d.title, d.title_stems, "
        "d.title_key, COALESCE(k.keys, ''), NULL FROM search_searchdocument d "
        "LEFT JOIN search_facet_keys k ON k.document_id = d.id",
        "DROP TABLE search_facet_keys",
    ],
}
BACKWARD = {
    "postgresql": [
        "UPDATE search_searchdocument d SET title_stems = m.title_stems, title_key = m.title_key, "
        "facet_keys = m.facet_keys, search_vector = m.search_vector FROM search_searchmatch m WHERE m.document_id = d.id",
        "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
        "CREATE INDEX search_document_title_vector ON search_searchdocument "
        "USING gin (to_tsvector('simple', title_stems))",
    ],
    "sqlite": [
        "CREATE TABLE search_facet_keys (document_id INTEGER PRIMARY KEY, keys TEXT NOT NULL)",
        "INSERT INTO search_facet_keys (document_id, keys) SELECT document_id, facet_keys FROM search_searchmatch",
        "UPDATE search_searchdocument SET title_stems = m.title_stems, title_key = m.title_key "
        "FROM search_searchmatch m WHERE m.document_id = search_searchdocument.id",
    ],
}


def forward(apps, schema_editor):
    for statement in FORWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    for statement in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_filters_in_full_text'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchMatch',
            fields=[
                ('document', search.models.RowidOneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='match', serialize=False, to='search.searchdocument')),
                ('visibility', models.CharField(choices=[('public', 'public'), ('membres', 'membres du réseau')], default='membres', max_length=8)),
                ('kind', models.CharField(max_length=32)),
                ('title', models.CharField(max_length=255)),
                ('title_stems', models.CharField(blank=True, max_length=255)),
                ('title_key', models.CharField(blank=True, max_length=255)),
                ('facet_keys', models.TextField(blank=True)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('filters', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                'verbose_name': 'correspondance indexée',
                'verbose_name_plural': 'correspondances indexées',
            },
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(
            model_name='searchdocument',
            name='facet_keys',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='search_vector',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='title_key',
        ),
        migrations.RemoveField(
            model_name='searchdocument',
            name='title_stems',
        ),
    ]
