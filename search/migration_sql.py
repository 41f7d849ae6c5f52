"""SQL that the search's migrations run on PostgreSQL only (SQLite keeps its full text in FTS5 tables)."""

from collections.abc import Callable

from django.db import migrations


def postgresql_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """A migration operation running `forward` (reversed: `backward`) on PostgreSQL, nothing elsewhere."""

    def run(statements: list[str]) -> Callable:
        def operation(apps, schema_editor) -> None:
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)

        return operation

    return migrations.RunPython(run(forward), run(backward))
