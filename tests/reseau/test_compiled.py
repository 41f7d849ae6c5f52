"""A CompiledQuery runs the SQL the ORM compiled once with each call's values: its rows must be the ORM's
(more cases, with the forum's queries, in tests/forum/test_compiled.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, PositiveSmallIntegerField, Value
from wagtail.models import Page

from reseau.compiled import CompiledQuery
from reseau.models import CafePage
from tests.conftest import BEAULON, CULHAT


def users_by_id(count, *ids):
    users = get_user_model().objects.filter(pk__in=ids).order_by("pk")
    return users.values_list("pk", "username", "date_joined")


def test_rows_are_the_orms_for_each_list_of_values(make_user, django_assert_num_queries):
    users = [make_user(name) for name in ("gerant-beaulon", "gerant-culhat", "gerant-guilligomarch")]
    compiled = CompiledQuery(users_by_id)
    for ids in ([users[0].pk], [users[2].pk, users[0].pk], [user.pk for user in users], [-1]):
        with django_assert_num_queries(1):
            rows = compiled.rows(len(ids), *ids)
        assert rows == list(users_by_id(len(ids), *ids))
    assert rows == []
    assert compiled.rows(1, users[1].pk)[0][2].tzinfo is not None  # converted as the ORM converts dates


def test_a_single_value_and_a_value_used_twice(make_cafe):
    beaulon, culhat = make_cafe(BEAULON), make_cafe(CULHAT)

    def around(shape, pk):
        near = CafePage.objects.filter(pk__gte=pk).order_by().values_list("pk")
        return CafePage.objects.filter(pk=pk).order_by().values_list("pk").union(near, all=True)

    compiled = CompiledQuery(around)
    assert sorted(compiled.rows(None, culhat.pk)) == sorted(around(None, culhat.pk)) == [(culhat.pk,)] * 2
    assert len(compiled.rows(None, beaulon.pk)) == 3


def test_a_value_the_sql_does_not_hold_as_it_is_is_refused(db):
    compiled = CompiledQuery(
        lambda shape, pk: CafePage.objects.annotate(n=Count("pk")).filter(n__gt=pk // 2).values_list("pk")
    )
    with pytest.raises(ValueError, match="not parameters"):
        compiled.rows(None, 4)


def test_a_value_compared_with_a_small_positive_field(make_cafe):
    """A stand-in out of a positive field's range compiles as a typed expression; on PostgreSQL the backend
    wraps it (psycopg's Int2/Int4) and each call's value is wrapped the same way."""
    beaulon = make_cafe(BEAULON)

    def deeper_than(shape, depth):
        pages = Page.objects.filter(depth__gte=Value(depth, output_field=PositiveSmallIntegerField()))
        return pages.order_by().values_list("pk")

    compiled = CompiledQuery(deeper_than)
    for depth in (1, beaulon.depth, beaulon.depth + 1):
        assert sorted(compiled.rows(None, depth)) == sorted(deeper_than(None, depth))
    assert (beaulon.pk,) in compiled.rows(None, beaulon.depth)
    assert compiled.rows(None, beaulon.depth + 1) == []


def test_float_values_are_parameters_too(make_cafe):
    make_cafe(BEAULON)
    make_cafe(CULHAT)

    def within(shape, south, north):
        return (
            CafePage.objects.filter(commune__latitude__gte=south, commune__latitude__lte=north)
            .order_by("pk")
            .values_list("pk", "commune__latitude")
        )

    compiled = CompiledQuery(within)
    for south, north in ((40.0, 50.0), (46.4, 46.5), (0.5, 1.5), (-90.0, 90.0)):
        assert compiled.rows(None, south, north) == list(within(None, south, north))
    assert len(compiled.rows(None, -90.0, 90.0)) == 2
    with pytest.raises(TypeError, match="not bool"):
        compiled.rows("flags", True, 1.0)
