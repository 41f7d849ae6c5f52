"""The title's stems stored as a tsvector on PostgreSQL (SearchMatch.title_vector, GIN index) instead of an
index over to_tsvector(title_stems): the tier after the titles holding every word leaves them out row by row,
and a phrase is checked against each title, without analysing the title again each time. Existing rows are
filled here. SQLite has no title vector: its title tier reads the FTS5 title column.
"""

import django.contrib.postgres.search
from django.db import migrations

from search.migration_sql import postgresql_only

FORWARD = [
    "UPDATE search_searchmatch SET title_vector = to_tsvector('simple', title_stems)",
    "CREATE INDEX search_match_title_words ON search_searchmatch USING gin (title_vector)",
    "DROP INDEX search_match_title_vector",
]
BACKWARD = [
    "CREATE INDEX search_match_title_vector ON search_searchmatch USING gin (to_tsvector('simple', title_stems))",
    "DROP INDEX search_match_title_words",
]


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_narrow_matches'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchmatch',
            name='title_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        postgresql_only(FORWARD, BACKWARD),
    ]
