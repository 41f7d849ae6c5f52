"""The site's authentication backend: Django's ModelBackend, with the signed-in user of each request read by a
query compiled once per process.

Every member's request loads its user from the session (django.contrib.auth's get_user): building and
compiling `User.objects.get(pk=…)` cost about as much as a recipe page's own content. The same query reads the
user's roles (reseau.access), which every page asks for. Passwords, permissions and everything else are
ModelBackend's.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import models

from reseau import access
from reseau.compiled import CompiledQuery, model_columns


def _user_by_id(shape: None, user_id: int) -> models.QuerySet:
    user_model = get_user_model()
    users = user_model._default_manager.filter(pk=user_id).order_by()
    return users.values_list(*model_columns(user_model), *access.ROLE_COLUMNS)


USER_BY_ID = CompiledQuery(_user_by_id)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        rows = USER_BY_ID.rows(None, user_model._meta.pk.to_python(user_id))
        if not rows:
            return None
        columns = model_columns(user_model)
        user = user_model.from_db("default", columns, rows[0][: len(columns)])
        access.remember_roles(user, (row[len(columns) :] for row in rows))
        return user if self.user_can_authenticate(user) else None
