"""Rows of ORM queries compiled once per process, then run with new values.

Django builds and compiles a queryset's SQL on every run: on the pages' small queries that costs several
times the query itself (a recipe card's values, a filter's choices). A `PreparedRows` asks the ORM for the SQL
once per database vendor and shape, with markers standing for the values, and runs that text with each
request's values, through Django's converters (decimals, dates) as the ORM would.

Values are integers (ids), one or a list; markers are integers no row holds (negative ids). A list's length is
part of the shape: `pk__in` over 12 ids and over 3 ids are two compiled queries.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import count

from django.db import connection
from django.db.models import QuerySet

FIRST_MARKER = -7_000_000


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple
    slots: dict[int, tuple[int, int | None]]  # parameter's position → (value's position, index in a list)
    converters: dict


class PreparedRows:
    def __init__(self, build: Callable[..., QuerySet]):
        """`build(*values)` returns the values_list queryset (or a union of them) for `values`."""
        self.build = build
        self._compiled: dict[tuple, Compiled] = {}

    def rows(self, *values: int | Sequence[int]) -> list[tuple]:
        shape = tuple(len(value) if isinstance(value, Sequence) else None for value in values)
        key = (connection.vendor, shape)
        if key not in self._compiled:
            self._compiled[key] = self._compile(shape)
        compiled = self._compiled[key]
        params = list(compiled.params)
        for slot, (position, index) in compiled.slots.items():
            params[slot] = values[position] if index is None else values[position][index]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found = cursor.fetchall()
        return _converted(found, compiled.converters) if compiled.converters else found

    def _compile(self, shape: tuple) -> Compiled:
        markers = count(FIRST_MARKER, -1)
        arguments = [next(markers) if n is None else [next(markers) for _ in range(n)] for n in shape]
        stands_for = {}  # marker → (value's position, index in a list)
        for position, argument in enumerate(arguments):
            if isinstance(argument, list):
                stands_for.update({marker: (position, index) for index, marker in enumerate(argument)})
            else:
                stands_for[argument] = (position, None)
        compiler = self.build(*arguments).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = {
            slot: stands_for[param]
            for slot, param in enumerate(params)
            if isinstance(param, int) and param in stands_for
        }
        if set(slots.values()) != set(stands_for.values()):
            raise ValueError("a value of a PreparedRows query is not a parameter of its SQL as it is")
        fields = [column for column, _, _ in compiler.select[: compiler.col_count]]
        return Compiled(sql, tuple(params), slots, compiler.get_converters(fields))


def _converted(found: list[tuple], converters: dict) -> list[tuple]:
    """What SQLCompiler.apply_converters does to the ORM's rows."""
    rows = [list(row) for row in found]
    for row in rows:
        for position, (functions, expression) in converters.items():
            for function in functions:
                row[position] = function(row[position], expression, connection)
    return [tuple(row) for row in rows]
