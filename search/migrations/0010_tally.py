"""SearchTally: on PostgreSQL, a document's stems and facet values as numbers, in rows under a third of a
SearchMatch row's size, with a GIN index over both arrays (and one over public documents' alone, which a
visitor's search reads): the facet pass reads these instead of SearchMatch.
Existing documents get theirs here, from their stored full text (search.database.tally_sql).
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

from search.database import tally_sql
from search.migration_sql import postgresql_only

FORWARD = [
    *tally_sql("true"),
    "CREATE INDEX search_tally_numbers ON search_searchtally USING gin (words, facets)",
    # A visitor's facet pass reads public documents only: through this index, none of the others.
    "CREATE INDEX search_tally_public ON search_searchtally USING gin (words, facets) WHERE visibility = 'public'",
]
BACKWARD = ["DROP INDEX search_tally_public", "DROP INDEX search_tally_numbers"]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0009_facet_presence_tokens"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchStem",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("stem", models.TextField(unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="SearchTally",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="tally",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                (
                    "visibility",
                    models.CharField(
                        choices=[("public", "public"), ("membres", "membres du réseau")],
                        default="membres",
                        max_length=8,
                    ),
                ),
                ("facet_keys", models.TextField(blank=True)),
                (
                    "words",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), default=list, size=None
                    ),
                ),
                (
                    "facets",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
            ],
        ),
        postgresql_only(FORWARD, BACKWARD),
    ]
