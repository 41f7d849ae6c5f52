"""The one answer to "may this user see this?", for every kind of content.

Pages, lists, search, feeds, notifications, chat rooms and APIs all ask here; nothing re-implements it.
"""

from collections.abc import Iterable

from django.db.models import Model, Q, QuerySet
from django.db.models.enums import TextChoices

from reseau.compiled import CompiledQuery

TEAM_GROUPS = ("Moderators", "Editors")
# Documents (Wagtail's) are for members unless an editor files them in this collection (or one inside it).
PUBLIC_DOCUMENTS_COLLECTION = "Documents publics"


class Visibility(TextChoices):
    PUBLIC = "public", "public"
    MEMBERS = "membres", "membres du réseau"


# A user's roles, read from the user's row: one row per group, the member's id or None.
ROLE_COLUMNS = ("member__id", "groups__name")


def _roles_of(shape: None, user_id: int) -> QuerySet:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=user_id).values_list(*ROLE_COLUMNS)


_ROLES = CompiledQuery(_roles_of)  # every member's page asks: compiled once per process


def remember_roles(user, rows: Iterable[tuple[int | None, str | None]]) -> None:
    """Keep on the user object, for the rest of the request (as Django keeps permissions in `_perm_cache`),
    the roles read from `rows` of ROLE_COLUMNS: every page asks several times. The site's authentication
    backend reads them with the session's user, in the same query."""
    rows = list(rows)
    user._reseau_roles = (
        any(member_id is not None for member_id, _ in rows),
        frozenset(name for _, name in rows if name is not None),
    )


def _roles(user) -> tuple[bool, frozenset[str]]:
    """(has a Member row, names of the user's groups), read in one query unless already known."""
    if getattr(user, "_reseau_roles", None) is None:
        remember_roles(user, _ROLES.rows(None, user.pk))
    return user._reseau_roles


def is_team(user) -> bool:
    """The 1000 cafés team: staff, moderators and editors."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return not _roles(user)[1].isdisjoint(TEAM_GROUPS)


def is_moderator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or "Moderators" in _roles(user)[1]


def is_member(user) -> bool:
    """A member of the network: a café manager with an account, or the team."""
    if not (user.is_authenticated and user.is_active):
        return False
    return _roles(user)[0] or is_team(user)


def audience(obj: Model) -> str:
    """Who may see `obj`: Visibility.PUBLIC or Visibility.MEMBERS. Objects without a visibility are public,
    except documents, which are for members unless filed in the public documents' collection."""
    from wagtail.documents.models import AbstractDocument

    if isinstance(obj, AbstractDocument):
        public = obj.collection.get_ancestors(inclusive=True).filter(name=PUBLIC_DOCUMENTS_COLLECTION)
        return Visibility.PUBLIC if public.exists() else Visibility.MEMBERS
    return getattr(obj, "visibility", Visibility.PUBLIC)


def can_see(user, obj: Model) -> bool:
    """May `user` see `obj`?"""
    return audience(obj) == Visibility.PUBLIC or is_member(user)


def audiences(user) -> list[str]:
    """The visibilities `user` may see (for indexes that store a visibility, such as the search's)."""
    if is_member(user):
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]


def visible(queryset: QuerySet, user) -> QuerySet:
    """The part of `queryset` that `user` may see (its model has a `visibility` field)."""
    return visible_to(queryset, members=is_member(user))


def visible_to(queryset: QuerySet, *, members: bool) -> QuerySet:
    """`visible` for an audience rather than a user, for queries written once per audience."""
    return queryset if members else queryset.filter(visibility=Visibility.PUBLIC)


def manages_cafe(user, cafe: Model) -> bool:
    """May `user` act for this café (publish its events, see who registered)? Its managers and the team."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_team(user):
        return True
    from reseau.models import Member

    return Member.objects.filter(user=user, cafe=cafe).exists()


def managed_cafes(user) -> QuerySet:
    """The live cafés `user` may act for: every café for the team, their own café for a manager."""
    from reseau.models import CafePage

    cafes = CafePage.objects.live().order_by("title")
    if is_team(user):
        return cafes
    if not (user.is_authenticated and user.is_active):
        return cafes.none()
    return cafes.filter(managers__user=user)


def members_among(users: QuerySet) -> QuerySet:
    """The users of `users` who are members (the queryset form of is_member, e.g. to pick who is notified)."""
    from django.db.models import Q

    return users.filter(
        Q(member__isnull=False) | Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name__in=TEAM_GROUPS),
        is_active=True,
    ).distinct()


def can_see_contact(user, obj: Model) -> bool:
    """May `user` see the contact details (phone, e-mail, website) of `obj`, e.g. a producer?

    Members always; everyone else only when the owner agreed to make them public (`contact_public`)."""
    return bool(getattr(obj, "contact_public", False)) or is_member(user)


def can_enter_room(user, room) -> bool:
    """May `user` read and write in chat room `room`? Members enter every shared room (the network's, the
    regions', the team's topic rooms); a direct conversation is for its two participants only."""
    if not is_member(user):
        return False
    if room.kind != "direct":
        return True
    return room.memberships.filter(user=user).exists()


def enterable_rooms(queryset: QuerySet, user) -> QuerySet:
    """The chat rooms of `queryset` that `user` may enter (the list form of can_enter_room)."""
    if not is_member(user):
        return queryset.none()
    membership = queryset.model._meta.get_field("memberships").related_model
    own = membership.objects.filter(user=user).values("room_id")
    return queryset.filter(~Q(kind="direct") | Q(pk__in=own))
