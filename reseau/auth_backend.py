"""The site's authentication backend: Django's ModelBackend, with the signed-in user of each request read by a
query compiled once per process.

Every member's request loads its user from the session (django.contrib.auth's get_user): building and
compiling `User.objects.get(pk=…)` cost about as much as a recipe page's own content. Passwords, permissions
and everything else are ModelBackend's.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import models

from reseau.compiled import CompiledQuery, model_columns


def _user_by_id(shape: None, user_id: int) -> models.QuerySet:
    user_model = get_user_model()
    return user_model._default_manager.filter(pk=user_id).order_by().values_list(*model_columns(user_model))


USER_BY_ID = CompiledQuery(_user_by_id)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        rows = USER_BY_ID.rows(None, user_model._meta.pk.to_python(user_id))
        user = user_model.from_db("default", model_columns(get_user_model()), rows[0]) if rows else None
        return user if user is not None and self.user_can_authenticate(user) else None
