"""Subscriptions, notifications (rows, unread count, live doorbell on commit), unread markers, digest."""

import asyncio

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import ForumProfile, Notification, Subscription, Thread


def test_replies_notify_watchers_but_not_the_author_nor_those_who_muted(
    thread, old_member, other_member, make_user, cafe
):
    third = make_user("gerant-trois", cafe=cafe)
    services.reply(other_member, thread, "Première réponse")  # other_member now follows the thread
    services.set_subscription(third, "suivre", category=thread.category)
    services.reply(old_member, thread, "Merci !")
    assert set(Notification.objects.values_list("recipient__username", "kind")) == {
        ("gerant-beaulon", "reponse"),
        ("gerant-culhat", "reponse"),
        ("gerant-trois", "reponse"),
    }
    services.set_subscription(other_member, "silence", thread=thread)
    services.set_subscription(third, "silence", thread=thread)
    Notification.objects.all().delete()
    services.reply(old_member, thread, "Encore merci")
    assert not Notification.objects.exists()


def test_mention_and_quote_notify_even_without_watching(thread, old_member, other_member):
    services.set_subscription(old_member, "silence", thread=thread)
    first = thread.posts.get()
    services.reply(other_member, thread, "> cité\n\nBonne question", quoted=first)
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [
        ("gerant-beaulon", "citation")
    ]
    reply = services.reply(old_member, thread, "Je pense que @gerant-culhat a la réponse")
    notification = Notification.objects.get(recipient=other_member, post=reply)
    assert notification.kind == "mention"
    assert '<span class="mention">@gerant-culhat</span>' in reply.body_html


def test_notification_rings_the_members_group_once_committed(
    thread, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.reply(other_member, thread, "Une réponse pour vous")
    assert len(callbacks) == 1  # nothing is sent before the commit

    async def ring() -> dict:
        # One event loop throughout, as in a worker: the Redis pub/sub layer's members live in their loop.
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add(services.notification_group(thread.author_id), channel)
        await sync_to_async(callbacks[0])()
        return await asyncio.wait_for(layer.receive(channel), 5)

    event = async_to_sync(ring)()
    assert event["type"] == "forum.notification"
    assert event["unread"] == 1
    assert event["text"] == "gerant-culhat a répondu dans « Livraisons de boissons en hiver »"
    assert event["url"] == reverse("forum:notification", args=[Notification.objects.get().pk])


def test_notification_list_unread_count_and_opening_marks_read(member_client, thread, other_member):
    reply = services.reply(other_member, thread, "Réponse")
    header = member_client.get(reverse("forum:index")).content.decode()
    assert "data-notification-count>1</span>" in header
    page = member_client.get(reverse("forum:notifications")).content.decode()
    assert "gerant-culhat a répondu dans « Livraisons de boissons en hiver »" in page
    notification = Notification.objects.get()
    response = member_client.get(reverse("forum:notification", args=[notification.pk]))
    assert response["Location"] == f"/forum/sujet/{thread.pk}/#message-{reply.pk}"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "data-notification-count>0</span>" in member_client.get(reverse("forum:index")).content.decode()


def test_unread_marker_on_lists_until_the_thread_is_read(member_client, thread, other_member):
    category_url = reverse("forum:category", args=["difficultes-entraide"])
    assert "thread-row--unread" not in member_client.get(category_url).content.decode()  # own post: read
    services.reply(other_member, thread, "Nouveau message")
    assert "thread-row--unread" in member_client.get(category_url).content.decode()
    assert "1 non lu" in member_client.get(reverse("forum:index")).content.decode()
    page = member_client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert page.count("post--unread") == 1
    assert "thread-row--unread" not in member_client.get(category_url).content.decode()


def test_mark_all_read(member_client, thread, other_member):
    services.reply(other_member, thread, "Nouveau message")
    member_client.post(reverse("forum:mark-all-read"))
    assert "thread-row--unread" not in member_client.get(reverse("forum:index")).content.decode()


def test_watch_and_mute_buttons(member_client, thread, old_member):
    member_client.post(reverse("forum:subscribe-thread", args=[thread.pk]), {"niveau": "silence"})
    assert Subscription.objects.get(user=old_member, thread=thread).level == "silence"
    member_client.post(
        reverse("forum:subscribe-category", args=["difficultes-entraide"]), {"niveau": "suivre"}
    )
    assert Subscription.objects.get(user=old_member, category=thread.category).level == "suivre"


def test_email_digest_is_sent_once_to_those_who_asked(thread, old_member, other_member):
    services.reply(other_member, thread, "Réponse")
    call_command("forum_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []  # not asked for
    client = Client()
    client.force_login(old_member)
    client.post(reverse("forum:notifications"), {"action": "preferences", "email_digest": "on"})
    assert ForumProfile.objects.get(user=old_member).email_digest
    call_command("forum_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("forum_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["gerant@beaulon.invalid"]
    assert "gerant-culhat a répondu dans « Livraisons de boissons en hiver »" in mail.outbox[0].body


def test_unread_counts_per_category_follow_the_read_markers(
    make_thread, old_member, other_member, members_category, public_category
):
    """The index's counts agree with each thread's own unread marker (services.is_unread)."""
    read, partly, _never = (make_thread(other_member, members_category, title=f"Sujet {n}") for n in range(3))
    make_thread(other_member, public_category, title="Tarte aux pommes du verger")
    services.mark_read(old_member, read, read.last_post_id)
    services.mark_read(old_member, partly, partly.last_post_id)
    services.reply(other_member, partly, "Un message de plus")
    own = make_thread(old_member, public_category, title="Mon sujet")  # one's own post is read
    categories = list(services.visible_categories(old_member))
    counts = services.unread_counts(old_member, None, categories)
    assert counts == {members_category.pk: 2, public_category.pk: 1}
    ids = {category.name: category.pk for category in categories}
    expected = {}
    for row in services.recent_threads(old_member, 100):
        if services.is_unread(row, old_member, None):
            expected[ids[row.category_name]] = expected.get(ids[row.category_name], 0) + 1
    assert counts == expected
    profile, _ = ForumProfile.objects.update_or_create(
        user=old_member, defaults={"read_all_before": own.last_post_at}
    )
    # "everything before this is read"
    assert services.unread_counts(old_member, profile.read_all_before, categories) == {}
    services.reply(other_member, read, "Du nouveau après « tout lu »")
    services.reply(other_member, partly, "Encore du nouveau")
    services.mark_read(old_member, partly, Thread.objects.get(pk=partly.pk).last_post_id)
    assert services.unread_counts(old_member, profile.read_all_before, categories) == {members_category.pk: 1}
