"""The network's public pages with 1,000 cafés: the cafés list (map of every café, paginated list), a filter,
a café, a story, the application form and the communes' suggestions, against the minimal view /sante/.

Run by hand: `.venv/bin/python benchmarks/reseau_cafes.py [sqlite|postgres]`.
"""

import sys

from harness import database_env, drop_database, hammer, manage, server, setup_django

CAFES = 1000


def seed() -> tuple[str, str]:
    """The demo content plus enough cafés to reach CAFES; returns a café's and a story's paths."""
    from reseau.geography import Commune
    from reseau.models import CafeIndexPage, CafePage, Service, StoryPage
    from tests.reseau.bulk import add_cafes

    index = CafeIndexPage.objects.get()
    communes = list(Commune.objects.filter(population__lt=3500).order_by("insee")[::30][:200])
    services = list(Service.objects.filter(is_base=False))
    add_cafes(index, communes, services, CAFES - CafePage.objects.count())
    return CafePage.objects.get(commune__insee="03019").url, StoryPage.objects.first().url


def main(kind: str) -> None:
    env = database_env(kind)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        setup_django(env)
        cafe, story = seed()
        with server(env, port=8791) as base:  # 8765, the default, is often busy with others
            baseline = hammer(base, "/sante/")
            print(f"== {kind}, {CAFES} cafés")
            print(baseline.line())
            for path in (
                "/cafes/",
                "/cafes/?region=84",
                "/cafes/?service=epicerie&page=2",
                cafe,
                story,
                "/il-y-a-un-cafe-dans-mon-village/",
                "/candidature/",
                "/candidature/communes/?q=saint",
            ):
                hammer(base, path, seconds=1)  # renditions and caches warmed once
                print(hammer(base, path).line(baseline))
    finally:
        drop_database(env)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite")
