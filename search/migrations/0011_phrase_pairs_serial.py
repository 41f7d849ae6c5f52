"""search_phrase_pairs() is PARALLEL RESTRICTED: its cost (set high so that it is read through its index, never
computed row by row) made the planner read a phrase's pairs with a parallel worker, as if the index's rows were
checked by computing it; they never are, and starting the worker cost more than the scan (9 ms where a single
process took 4, for the 2,373 documents holding "fête village").
"""

from django.db import migrations

from search.migration_sql import postgresql_only


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0010_tally"),
    ]

    operations = [
        postgresql_only(
            ["ALTER FUNCTION search_phrase_pairs(tsvector) PARALLEL RESTRICTED"],
            ["ALTER FUNCTION search_phrase_pairs(tsvector) PARALLEL SAFE"],
        ),
    ]
