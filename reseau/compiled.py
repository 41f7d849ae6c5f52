"""Hot reads: a queryset's SQL compiled once per process, then run with each request's values.

Building a queryset (filter, annotate, subqueries) and compiling it cost about a thousand Python calls, more
than SQLite takes to run the pages' small queries (a forum list, a recipe's facts and lines, the recipe
index's cards, a member's roles); a page made several of them. A `CompiledQuery` builds its queryset once,
with stand-in values where the request's values go, keeps the SQL, the positions of the stand-ins among its
parameters and the ORM's converters for its columns, and then only substitutes values, executes and
converts. The SQL is the ORM's own: the same text for every backend.
"""

from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet

# Values no request sends: the stand-ins are recognised among the compiled parameters by value and type.
_INT_STAND_IN = -731_000_000
_FLOAT_STAND_IN = -731_000_000.5
_STR_STAND_IN = "\x00compiled-stand-in-"
_STAND_IN_TYPES = (int, float, str)


def _stand_in(number: int, value: Any) -> int | float | str:
    if type(value) not in _STAND_IN_TYPES:
        raise TypeError(f"a compiled query takes ids, numbers and texts, not {type(value).__name__}")
    if isinstance(value, str):
        return f"{_STR_STAND_IN}{number}"
    return (_FLOAT_STAND_IN if isinstance(value, float) else _INT_STAND_IN) - number


@cache
def model_columns(model: type[Model]) -> tuple[str, ...]:
    """A model's concrete columns (attnames): what a compiled query selects to build rows with `from_db`."""
    return tuple(field.attname for field in model._meta.concrete_fields)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[tuple[int, int, type], ...]  # (parameter position, value number, its type)
    converters: tuple[tuple[int, tuple, Any], ...]  # (column, converter functions, expression)
    names: tuple[str, ...]


class CompiledQuery:
    """`build(shape, *stand_ins)` returns a values()/values_list() queryset, without slicing; `shape` is what
    changes the SQL's text (a visibility condition, a number of ids): one compilation per shape and database.

    `rows(shape, *values)` gives the rows as tuples, in the order of `names(shape)`; with `limit`, the SQL
    gets `LIMIT %s OFFSET %s` with both as parameters."""

    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def _compile(self, using: str, shape: Hashable, values: Sequence) -> _Compiled:
        stand_ins = [_stand_in(number, value) for number, value in enumerate(values)]
        queryset = self.build(shape, *stand_ins).using(using)
        query = queryset.query
        if query.low_mark or query.high_mark is not None:
            raise ValueError("a compiled query is sliced by rows(limit=…, offset=…), not by the queryset")
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        # A backend may wrap a value in a subclass that carries its SQL type (psycopg's Int2, Int4…): the
        # request's value is wrapped the same way.
        slots = tuple(
            (position, stand_ins.index(param), type(param))
            for position, param in enumerate(params)
            if isinstance(param, _STAND_IN_TYPES) and not isinstance(param, bool) and param in stand_ins
        )
        missing = set(range(len(stand_ins))) - {number for _, number, _ in slots}
        if missing:
            raise ValueError(f"stand-ins {sorted(missing)} are not parameters of the compiled SQL")
        columns = [expression for expression, _, _ in compiler.select[: compiler.col_count]]
        converters = tuple(
            (column, tuple(functions), expression)
            for column, (functions, expression) in compiler.get_converters(columns).items()
        )
        names = (*query.extra_select, *query.values_select, *query.annotation_select)
        if len(names) != len(columns):
            raise ValueError("a compiled query selects named values only (values() or values_list())")
        return _Compiled(sql, tuple(params), slots, converters, names)

    def compiled(self, shape: Hashable, values: Sequence, using: str = "default") -> _Compiled:
        key = (using, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(using, shape, values)
        return compiled

    def names(self, shape: Hashable, *values: int | float | str, using: str = "default") -> tuple[str, ...]:
        return self.compiled(shape, values, using).names

    def rows(
        self,
        shape: Hashable,
        *values: int | float | str,
        limit: int | None = None,
        offset: int = 0,
        using: str = "default",
    ) -> list[tuple]:
        compiled = self.compiled(shape, values, using)
        params = list(compiled.params)
        for position, number, kind in compiled.slots:
            params[position] = values[number] if kind is int or kind is str else kind(values[number])
        sql = compiled.sql
        if limit is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            params += [limit, offset]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = list(_converted(rows, compiled.converters, connection))
        return rows


def _converted(rows: list[tuple], converters: tuple, connection) -> Iterator[tuple]:
    for row in rows:
        row = list(row)
        for column, functions, expression in converters:
            value = row[column]
            for function in functions:
                value = function(value, expression, connection)
            row[column] = value
        yield tuple(row)
