"""Filter tokens naming the facets a document has some value of (search.database.HAS_FACET; not type and
region, on nearly every document): the facet pass leaves out, through the filters' index, the documents that
have no value of a selected facet (a recipe's season is on a sixth of the documents). Existing documents gain
them here, from their SearchFacet rows: in SearchMatch.filters on PostgreSQL, in search_fts's `filters` column
on SQLite.
"""

from django.db import migrations

# search.database.filter_token("@facet", facet): "k" and the hexadecimal of "@facet<US>facet".
FORWARD = {
    "postgresql": [
        "UPDATE search_searchmatch m SET filters = m.filters || to_tsvector('simple', f.tokens) FROM ("
        "SELECT document_id, string_agg(DISTINCT 'k' || encode(convert_to('@facet' || chr(31) || facet, 'UTF8'), "
        "'hex'), ' ') AS tokens FROM search_searchfacet WHERE facet NOT IN ('type', 'region') "
        "GROUP BY document_id) AS f WHERE f.document_id = m.document_id",
    ],
    "sqlite": [
        "UPDATE search_fts SET filters = filters || ' ' || (SELECT group_concat(token, ' ') FROM ("
        "SELECT DISTINCT 'k' || lower(hex('@facet' || char(31) || f.facet)) AS token FROM search_searchfacet f "
        "WHERE f.document_id = search_fts.rowid AND f.facet NOT IN ('type', 'region'))) "
        "WHERE rowid IN (SELECT document_id FROM search_searchfacet WHERE facet NOT IN ('type', 'region'))",
    ],
}


def forward(apps, schema_editor):
    for statement in FORWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0008_phrase_pairs"),
    ]

    operations = [
        # Backward, the extra tokens are left: no query reads them.
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
