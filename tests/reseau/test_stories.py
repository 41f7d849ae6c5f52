"""« Il y a un café dans mon village »: story pages light enough for weak connections, their index, the links
from the home page and the cafés, and the rules editors meet when adding a video."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reseau.demo_media import captions
from reseau.models import StoryPage
from tests.conftest import BEAULON, CULHAT

FIRST_LOAD_BUDGET = 300 * 1024
WEBVTT = captions(["Le café a rouvert face à l'église.", "On y retire ses colis."])


@pytest.fixture
def story_with_clip(cafe, make_story):
    story = make_story(cafe)
    # Bytes stand in for the clip: the page must never read or send them before play.
    story.video_file.save("clip.webm", ContentFile(b"\x1a\x45\xdf\xa3" + b"\0" * 4_000_000), save=False)
    story.video_captions.save("sous-titres.vtt", ContentFile(WEBVTT.encode()), save=False)
    story.save()
    return story


def first_load_bytes(client, content: str) -> dict[str, int]:
    """What a browser fetches before play: the page, its stylesheets and scripts, and the poster at its
    largest srcset candidate (the worst case, a wide screen)."""
    sizes = {"page": len(content.encode())}
    for url in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', content):
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        sizes[url] = path and len(open(path, "rb").read())
    for srcset in re.findall(r'srcset="([^"]+)"', content):
        largest = srcset.split(",")[-1].split()[0]
        sizes[largest] = len(client.get(largest).getvalue())
    return sizes


def test_story_page_shows_the_poster_and_loads_the_video_only_on_play(client, story_with_clip):
    response = client.get(story_with_clip.url)
    content = response.content.decode()
    assert "<video" not in content and "<iframe" not in content
    assert f'data-video-src="{story_with_clip.video_file.url}"' in content
    assert f'data-video-captions="{story_with_clip.video_captions.url}"' in content
    assert 'data-video-type="video/webm"' in content
    assert re.search(
        r'<a class="story-video__play button" href="/media/recits/videos/clip[^"]*\.webm">', content
    )
    assert re.search(r'srcset="[^"]+480w, [^"]+800w, [^"]+1280w"', content)
    assert 'alt="Dessin de la façade du café."' in content
    assert "reseau/js/story-video.js" in content
    sizes = first_load_bytes(client, content)
    assert None not in sizes.values(), sizes
    assert sum(sizes.values()) < FIRST_LOAD_BUDGET, sizes
    assert sum(sizes.values()) + 4_000_000 > FIRST_LOAD_BUDGET  # the clip alone would break the budget


def test_story_shows_its_village_key_figures_and_cafe(client, cafe, make_story, services):
    story = make_story(cafe, services_opened=[services["relais-poste"], services["epicerie"]])
    story.services_opened.set([services["relais-poste"], services["epicerie"]])
    story.save()
    content = client.get(story.url).content.decode()
    assert "<dt>Habitants</dt><dd>1\xa0632 (population 2021)</dd>" in content
    assert "<dt>Ouverture du café</dt><dd>15 mars 2020</dd>" in content
    assert "<dt>Services ouverts</dt><dd>2</dd>" in content
    assert "Relais poste" in content and "Épicerie" in content
    assert f'href="{cafe.url}"' in content
    assert "Une réunion publique a choisi les services." in content


def test_embed_url_is_stored_as_such_and_loaded_only_on_play(client, cafe, make_story):
    url = "https://video.example.invalid/embed/il-y-a-un-cafe"
    story = make_story(cafe, video_embed_url=url)
    story.refresh_from_db()
    assert story.video_embed_url == url
    content = client.get(story.url).content.decode()
    assert f'data-video-embed="{url}"' in content and "<iframe" not in content


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"video_embed_url": "http://video.example.invalid/embed/1"}, "video_embed_url", "https://"),
        (
            {"poster": None, "video_embed_url": "https://video.example.invalid/e/1"},
            "poster",
            "image d'affiche",
        ),
        ({"poster_alt": ""}, "poster_alt", "Décrivez l'image"),
    ],
)
def test_story_rules_are_explained_to_editors(cafe, make_story, fields, field, message):
    with pytest.raises(ValidationError) as error:
        make_story(cafe, **fields)
    assert message in error.value.message_dict[field][0]
    assert not StoryPage.objects.exists()


def test_self_hosted_video_needs_captions(cafe, make_story):
    story = make_story(cafe)
    story.video_file.save("clip.webm", ContentFile(b"\x1a\x45\xdf\xa3"), save=False)
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "sous-titres" in error.value.message_dict["video_captions"][0]


def test_story_index_lists_stories_in_a_fixed_number_of_queries(
    client, make_cafe, make_story, story_index, django_assert_num_queries
):
    make_story(make_cafe(BEAULON), reopened_on=date(2020, 3, 15))
    client.get(story_index.url)
    with CaptureQueriesContext(connection) as one:
        client.get(story_index.url)
    one_story = len(one)
    for code in (CULHAT, "73033", "29071", "35248"):
        make_story(make_cafe(code), reopened_on=date(2021, 1, 1))
    client.get(story_index.url)  # renditions of the new posters are made once
    with django_assert_num_queries(one_story):
        content = client.get(story_index.url).content.decode()
    assert content.count('class="card story-card"') == 5
    assert content.index("Culhat") < content.index("Beaulon")  # newest opening first


def test_home_page_links_to_cafes_stories_and_application(client, cafe, make_story):
    story = make_story(cafe)
    content = client.get("/").content.decode()
    assert 'href="/cafes/"' in content
    assert 'href="/il-y-a-un-cafe-dans-mon-village/"' in content
    assert f'href="{story.url}"' in content
    assert 'href="/candidature/"' in content
