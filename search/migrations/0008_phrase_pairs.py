"""Phrases found through an index on PostgreSQL: a GIN index over the pairs of lexemes at consecutive positions
of each SearchMatch.search_vector ("pomm tart"), so that a quoted phrase is looked up by its pairs instead of
the `<->` operator, whose index scan returns every document holding all the words and then reads each one's
full text to check their positions.

search_phrase_pairs() reads the positions the vector already stores: a pair is in it exactly when `a <-> b`
matches the vector, and the index stays in step with every write of the vector (no other column to fill).
Its high cost keeps the planner from computing it row by row instead of reading the index (it builds the pairs
of a whole text). SQLite's FTS5 has phrase queries of its own.
"""

from django.db import migrations

from search.migration_sql import postgresql_only

FORWARD = [
    # Each pair is one lexeme, its two stems (\w+, search.text) and a space between.
    "CREATE FUNCTION search_phrase_pairs(vector tsvector) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$ "
    "WITH word AS (SELECT u.lexeme, p FROM unnest(vector) AS u, unnest(u.positions) AS p) "
    "SELECT array_to_tsvector(ARRAY(SELECT a.lexeme || ' ' || b.lexeme FROM word AS a JOIN word AS b ON b.p = a.p + 1))"
    " $$",
    "CREATE INDEX search_match_phrase_pairs ON search_searchmatch USING gin (search_phrase_pairs(search_vector))",
]
BACKWARD = [
    "DROP INDEX search_match_phrase_pairs",
    "DROP FUNCTION search_phrase_pairs(tsvector)",
]


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0007_title_vector"),
    ]

    operations = [
        postgresql_only(FORWARD, BACKWARD),
    ]
