"""The chat's pages (/discussion/…): they work without JavaScript, as a history with a plain form to post.

With JavaScript, forum/static/forum/js/chat.js opens the websocket (forum.consumers) and the same page turns
live. Writes go through forum.chat_services like the consumer's; who enters which room is reseau.access.
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum import chat_services as chat
from forum.consumers import MAX_FRAME_BYTES
from reseau import access


class PostForm(forms.Form):
    body = forms.CharField(
        label="Votre message",
        max_length=chat.MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Les adresses web deviennent des liens ; @identifiant prévient un membre.",
        error_messages={"required": "Le message est vide."},
    )
    # Generated with the form: submitting twice (a reload, a double click) stores the message once.
    client_id = forms.UUIDField(widget=forms.HiddenInput)


class DirectForm(forms.Form):
    username = forms.CharField(label="Identifiant du membre", max_length=150)


class TopicRoomForm(forms.Form):
    name = forms.CharField(label="Nom du salon", max_length=120)
    description = forms.CharField(label="Description", max_length=300, required=False)


def members_only(view):
    """Visitors are sent to log in; accounts that are not members get a 403."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_member(request.user):
            raise PermissionDenied("La discussion est réservée aux membres du réseau.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@members_only
def discussion(request: HttpRequest) -> HttpResponse:
    """/discussion/: the network's room, with the list of rooms beside it."""
    chat.join_default_rooms(request.user)
    return room_page(request, chat.network_room())


@members_only
def room(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        current = chat.room_for(request.user, slug)
    except chat.ChatError:
        raise PermissionDenied("Vous n'avez pas accès à ce salon.") from None
    return room_page(request, current)


def room_page(request: HttpRequest, current) -> HttpResponse:
    form = PostForm(initial={"client_id": uuid.uuid4()})
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            try:
                chat.post_message(
                    request.user, current, form.cleaned_data["body"], form.cleaned_data["client_id"]
                )
            except chat.ChatError as error:
                form.add_error("body", error.message)
            else:
                return redirect(chat.room_url(current))
    before = request.GET.get("avant")
    before = int(before) if before and before.isdigit() else None
    history = chat.history(current, before=before)
    if before is None:
        chat.mark_read(request.user, current, current.last_seq)
    rooms = chat.rooms_for(request.user)
    context = {
        "room": current,
        "rooms": rooms,
        "history": history,
        "rendered": [(message, chat.serialize(message)) for message in history],
        "older": history[0].seq if history and history[0].seq > 1 else None,
        "before": before,
        "form": form,
        "direct_form": DirectForm(),
        "websocket_url": websocket_url(request),
        "max_frame_bytes": MAX_FRAME_BYTES,
        "following": any(r.pk == current.pk and r.followed for r in rooms),
        # Already counted for the room list: the header's total needs no second query.
        "chat_unread": sum(r.unread or 0 for r in rooms),
    }
    return render(request, "forum/chat/room.html", context, status=400 if form.errors else 200)


def websocket_url(request: HttpRequest) -> str:
    """Where chat.js connects: the same origin under /ws/, unless WEBSOCKET_URL points elsewhere."""
    base = settings.WEBSOCKET_URL or ("wss://" if request.is_secure() else "ws://") + request.get_host()
    return base.rstrip("/") + "/ws/discussion/"


@require_POST
@members_only
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        current = chat.room_for(request.user, slug)
    except chat.ChatError:
        raise PermissionDenied("Vous n'avez pas accès à ce salon.") from None
    chat.join(request.user, current)
    messages.success(request, f"Vous suivez le salon « {current.name} ».")
    return redirect(chat.room_url(current))


@members_only
def direct(request: HttpRequest) -> HttpResponse:
    """Start (or find) the private conversation with another member, by their username."""
    form = DirectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip().lstrip("@")
        other = get_user_model().objects.filter(username=username, is_active=True).first()
        if other is None or not access.is_member(other):
            form.add_error("username", f"Aucun membre du réseau n'a l'identifiant « {username} ».")
        else:
            try:
                conversation = chat.direct_room(request.user, other)
            except chat.ChatError as error:
                form.add_error("username", error.message)
            else:
                return redirect(chat.room_url(conversation))
    status = 400 if form.errors else 200
    return render(request, "forum/chat/direct.html", {"form": form}, status=status)


@members_only
def new_topic_room(request: HttpRequest) -> HttpResponse:
    """The team creates topic rooms (reseau.access.is_team)."""
    if not access.is_team(request.user):
        raise PermissionDenied("Seule l'équipe 1000 cafés crée des salons thématiques.")
    form = TopicRoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = chat.create_topic_room(
            request.user, form.cleaned_data["name"], form.cleaned_data["description"]
        )
        messages.success(request, f"Salon « {created.name} » créé.")
        return redirect(chat.room_url(created))
    status = 400 if form.errors else 200
    return render(request, "forum/chat/new_room.html", {"form": form}, status=status)
