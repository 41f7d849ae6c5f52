"""What the thread rows and posts (written by forum_tags rather than templates) show to each reader."""

import re

from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import Attachment, Thread


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def article(html: str, post_id: int) -> str:
    """The <article> of one post."""
    found = re.search(rf'<article[^>]* id="message-{post_id}".*?</article>', html, re.S)
    assert found, post_id
    return found.group(0)


def test_a_member_sees_actions_on_their_posts_and_others(member_client, thread, member, other_member):
    mine = thread.posts.get()
    theirs = services.reply(other_member, thread, "Avec le grossiste de **Moulins**.")
    services.toggle_reaction(member, theirs, "merci")
    html = page(member_client, reverse("forum:thread", args=[thread.pk]))
    own = article(html, mine.pk)
    assert f'href="/forum/message/{mine.pk}/modifier/"' in own and "Supprimer" in own
    assert "Signaler" not in own
    other = article(html, theirs.pk)
    assert "<strong>Moulins</strong>" in other  # the stored, sanitised HTML
    assert 'gerant-culhat <span class="post__cafe">· ' in other
    assert f'href="/forum/sujet/{thread.pk}/repondre/?citer={theirs.pk}"' in other
    assert f'href="/forum/message/{theirs.pk}/signaler/"' in other and "Modifier" not in other
    assert re.search(
        r'value="merci" class="reaction reaction--mine" aria-pressed="true"[^>]*>.*?</span> 1</button>', other
    )
    assert 'value="bravo" class="reaction" aria-pressed="false"' in other
    # the author of the thread may pick a reply as the solution, not the first post
    assert "C'est la solution" in other and "C'est la solution" not in own


def test_a_locked_thread_shows_no_edit_link_and_no_reply_form(member_client, thread, moderator):
    services.set_thread_flag(moderator, thread, "verrouiller", "")
    html = page(member_client, reverse("forum:thread", args=[thread.pk]))
    post = article(html, thread.posts.get().pk)
    assert "Modifier" not in post and "Supprimer" in post and "Citer" not in post
    assert "Publier la réponse" not in html


def test_a_visitor_sees_reaction_counts_without_buttons(
    client, make_thread, old_member, other_member, public_category
):
    public = make_thread(old_member, public_category)
    post = public.posts.get()
    services.toggle_reaction(other_member, post, "idee")
    html = article(page(client, reverse("forum:thread", args=[public.pk])), post.pk)
    assert '<span title="Bonne idée"><span aria-hidden="true">💡</span>' in html
    assert "<button" not in html and "<form" not in html and "Citer" not in html and "Signaler" not in html


def test_hidden_and_deleted_posts_show_placeholders_and_moderators_can_restore(
    member_client, thread, old_member, other_member, moderator
):
    hidden = services.reply(other_member, thread, "Texte à masquer")
    deleted = services.reply(old_member, thread, "Texte supprimé")
    services.hide_post(moderator, hidden, "Spam")
    services.delete_post(old_member, deleted)
    url = reverse("forum:thread", args=[thread.pk])
    html = page(member_client, url)
    assert "Message masqué par la modération." in article(html, hidden.pk)
    assert "Texte à masquer" not in html and "Texte supprimé" not in html
    assert "Message supprimé par son auteur." in article(html, deleted.pk)
    mod = Client()
    mod.force_login(moderator)
    html = page(mod, url)
    shown = article(html, hidden.pk)
    assert "Texte à masquer" in shown and "visible de la modération seulement" in shown
    assert (
        f'action="/forum/message/{hidden.pk}/moderer/retablir/"' in shown and "Rétablir le message" in shown
    )
    first = article(html, thread.posts.order_by("id").first().pk)
    assert '/moderer/masquer/"' in first and "Masquer le message" in first


def test_attachments_are_listed_by_their_escaped_names(member_client, thread):
    post = thread.posts.get()
    photo = Attachment.objects.create(
        post=post, file="forum/a.jpg", kind="jpeg", name="<b>étal</b>.jpg", size=10
    )
    pdf = Attachment.objects.create(post=post, file="forum/b.pdf", kind="pdf", name="devis.pdf", size=2048)
    html = article(page(member_client, reverse("forum:thread", args=[thread.pk])), post.pk)
    assert (
        f'<img src="/forum/piece-jointe/{photo.pk}/" alt="Photo jointe : &lt;b&gt;étal&lt;/b&gt;.jpg"' in html
    )
    assert f'<a href="/forum/piece-jointe/{pdf.pk}/">devis.pdf</a> (document PDF, 2,0\xa0Kio)' in html


def test_the_solution_is_shown_first_without_actions(member_client, thread, old_member, other_member):
    answer = services.reply(other_member, thread, "Passez par la coopérative.")
    services.mark_solution(old_member, answer)
    html = page(member_client, reverse("forum:thread", args=[thread.pk]))
    solution = re.search(r'<section class="solution".*?</section>', html, re.S).group(0)
    assert 'id="solution"' in solution and "Passez par la coopérative." in solution
    assert "<footer" not in solution and "Ce n'est plus la solution" not in solution
    assert "Ce n'est plus la solution" in article(html, answer.pk)


def test_thread_rows_show_badges_unread_markers_and_escaped_titles(
    member_client, make_thread, old_member, other_member, members_category, moderator
):
    read = make_thread(other_member, members_category, title="Déjà lu")
    page(member_client, reverse("forum:thread", args=[read.pk]))
    unread = make_thread(other_member, members_category, title='Licence IV <script>alert("x")</script>')
    Thread.objects.filter(pk=unread.pk).update(is_pinned=True, is_locked=True)
    html = page(member_client, reverse("forum:category", args=[members_category.slug]))
    rows = re.findall(r'<li class="thread-row.*?</li>', html, re.S)
    assert len(rows) == 2
    pinned, other = rows
    assert "thread-row--unread" in pinned and "Épinglé" in pinned and "Verrouillé" in pinned
    assert (
        "Licence IV &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pinned and "<script>" not in pinned
    )
    assert f'href="/forum/sujet/{unread.pk}/non-lu/"' in pinned
    assert "thread-row--unread" not in other and "premier message non lu" not in other
    assert "1 message\n" in other and "dernier message de gerant-culhat le <time datetime=" in other


# The index's category cards as forum/index.html wrote them with the template language, before forum_tags.
CATEGORY_CARDS_TEMPLATE = """{% for category in categories %}
  <li class="card">
    <h3><a href="{{ category.links.url }}">{{ category.name }}</a>{% if category.visibility == "membres" %} <span class="badge">Membres</span>{% endif %}</h3>
    {% if category.description %}<p>{{ category.description }}</p>{% endif %}
    <p class="thread-row__meta">{{ category.thread_count }} sujet{{ category.thread_count|pluralize }} · {{ category.post_count }} message{{ category.post_count|pluralize }}{% if category.unread_count %} · <strong>{{ category.unread_count }} non lu{{ category.unread_count|pluralize }}</strong>{% endif %}</p>
  </li>
  {% empty %}
  <li>Aucune catégorie ouverte pour le moment.</li>
  {% endfor %}"""  # noqa: E501


def test_category_cards_are_what_the_template_wrote():
    from django.template import Context, Template

    from forum.models import Category
    from forum.templatetags.forum_tags import category_cards
    from reseau.access import Visibility

    def card(name, visibility, description, threads, posts, unread=None):
        category = Category(
            name=name, slug="s", visibility=visibility, description=description,
            thread_count=threads, post_count=posts,
        )  # fmt: skip
        category.links = {"url": "/forum/s/"}
        if unread is not None:  # a visitor's categories carry no unread count
            category.unread_count = unread
        return category

    reader_sets = [
        [
            card("Difficultés & entraide", Visibility.MEMBERS, "Entre gérant·e·s <en confiance>", 0, 0, 0),
            card('Recettes "maison"', Visibility.PUBLIC, "", 1, 1, 1),
            card("Fournisseurs", Visibility.MEMBERS, "Contrats l'été", 2, 35, 12),
        ],
        [card("Recettes", Visibility.PUBLIC, "Tartes & gratins", 3, 1)],
        [],
    ]
    template = Template(CATEGORY_CARDS_TEMPLATE)
    for categories in reader_sets:
        assert category_cards(categories) == template.render(Context({"categories": categories}))


def test_dates_are_written_as_the_date_filter_writes_them():
    from datetime import UTC, datetime

    from django.template import Context, Template

    from forum.templatetags.forum_tags import _Dates

    template = Template('<time datetime="{{ value|date:"c" }}">{{ value|date:"j F Y à H:i" }}</time>')
    dates = _Dates()
    for value in [
        datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),  # the night summer time starts in Paris
        datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC),
        datetime(2026, 8, 1, 22, 30, 0, 123456, tzinfo=UTC),  # the next day in Paris
        datetime(2026, 12, 31, 23, 5, tzinfo=UTC),
    ]:
        assert dates.time(value) == template.render(Context({"value": value}))


# forum/_pagination.html, which forum/templates included before forum_tags.pagination (with its last newline).
PAGINATION_TEMPLATE = """{% if page_obj.paginator.num_pages > 1 %}
<nav class="pagination" aria-label="{{ label|default:'Pages' }}">
  <ul>
    {% if page_obj.has_previous %}<li><a href="?page={{ page_obj.previous_page_number }}" rel="prev">Page précédente</a></li>{% endif %}
    <li><span aria-current="page">Page {{ page_obj.number }} sur {{ page_obj.paginator.num_pages }}</span></li>
    {% if page_obj.has_next %}<li><a href="?page={{ page_obj.next_page_number }}" rel="next">Page suivante</a></li>{% endif %}
    {% if page_obj.number != page_obj.paginator.num_pages %}<li><a href="?page={{ page_obj.paginator.num_pages }}">Dernière page</a></li>{% endif %}
  </ul>
</nav>
{% endif %}
"""  # noqa: E501


def test_pagination_is_what_the_included_template_wrote():
    from django.core.paginator import Paginator
    from django.template import Context, Template

    from forum.templatetags.forum_tags import pagination

    template = Template(PAGINATION_TEMPLATE)
    for count in (0, 1, 20, 21, 45, 2000):
        paginator = Paginator(range(count), 20)
        for number in range(1, paginator.num_pages + 1):
            page = paginator.page(number)
            for label in ("Pages du sujet (haut)", 'Pages « <b>"x"</b> »'):
                expected = template.render(Context({"page_obj": page, "label": label}))
                assert pagination(page, label) == expected, (count, number, label)


def test_addresses_are_what_reverse_gives():
    from django.urls import reverse

    from forum.links import Links, address

    for name in ("forum:index", "forum:search", "forum:feed", "compte:connexion"):
        assert address(name) == reverse(name)
    for name, key in [("forum:first-unread", 12), ("forum:category", "vie-du-reseau"), ("forum:move", 7)]:
        assert address(name, key) == reverse(name, args=[key])
    links = Links(permalink="forum:post", hide=("forum:moderate-post", "masquer"))
    assert links(40) == {
        "permalink": reverse("forum:post", args=[40]),
        "hide": reverse("forum:moderate-post", args=[40, "masquer"]),
    }
