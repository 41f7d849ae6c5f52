"""Relevance of the network-wide search: nDCG@10 and MRR of the labelled queries, per backend.

The queries are in search_queries.py. For each embedded backend (SQLite, PostgreSQL) a throwaway database is
migrated and loaded with the demo, then every labelled query runs through search.engine.run_search as its
audience would (a member, or a visitor), and the top 10 are scored. Elasticsearch is measured only when
ELASTICSEARCH_URL points to a real server: the osmem-server used by the wiring tests has wrong analyzers and
is never used to judge relevance.

    .venv/bin/python benchmarks/search_relevance.py [--verbose]
"""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness import ROOT, database_env, drop_database, manage, setup_django  # noqa: E402
from search_queries import QUERIES  # noqa: E402

MEMBER_USERNAME = "gerant-beaulon"


def ndcg_at_10(ranking: list[str], relevant: dict[str, int]) -> float:
    gains = [2 ** relevant.get(key, 0) - 1 for key in ranking[:10]]
    dcg = sum(gain / math.log2(position + 2) for position, gain in enumerate(gains))
    ideal = sorted((2**grade - 1 for grade in relevant.values()), reverse=True)[:10]
    idcg = sum(gain / math.log2(position + 2) for position, gain in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranking: list[str], relevant: dict[str, int]) -> float:
    """1/rank of the first document graded 2 or more (one that should come first)."""
    best = {key for key, grade in relevant.items() if grade >= 2}
    for position, key in enumerate(ranking[:10]):
        if key in best:
            return 1 / (position + 1)
    return 0.0


def evaluate(verbose: bool) -> dict:
    """Run in a process whose DATABASE_URL (and ELASTICSEARCH_URL) name the backend to measure."""
    setup_django(dict(os.environ))
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    from search.engine import get_backend, run_search

    users = {"membre": get_user_model().objects.get(username=MEMBER_USERNAME), "visiteur": AnonymousUser()}
    ndcgs, rrs, misses = [], [], []
    for labelled in QUERIES:
        outcome = run_search(users[labelled.audience], labelled.text, {})
        ranking = [f"{r.kind}:{r.natural_key}" for r in outcome.response.results] if outcome.searched else []
        ndcg, rr = ndcg_at_10(ranking, labelled.relevant), reciprocal_rank(ranking, labelled.relevant)
        ndcgs.append(ndcg)
        rrs.append(rr)
        if ndcg < 0.999:
            misses.append(f"    nDCG {ndcg:.2f}  RR {rr:.2f}  « {labelled.text} » → {ranking[:5]}")
    return {
        "backend": f"{get_backend().name} ({os.environ.get('DATABASE_URL', '').split(':')[0]})",
        "queries": len(QUERIES),
        "ndcg10": sum(ndcgs) / len(ndcgs),
        "mrr": sum(rrs) / len(rrs),
        "misses": misses if verbose else misses[:8],
    }


def measure(kind: str, verbose: bool, extra_env: dict[str, str] | None = None) -> dict:
    env = database_env(kind)
    env.update(extra_env or {})
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        output = subprocess.run(  # noqa: S603 - this very script
            [sys.executable, __file__, "--evaluate", *(["--verbose"] if verbose else [])],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return json.loads(output.strip().splitlines()[-1])
    finally:
        drop_database(env)


def main() -> None:
    verbose = "--verbose" in sys.argv
    if "--evaluate" in sys.argv:
        print(json.dumps(evaluate(verbose)))
        return
    print(f"Pertinence de la recherche : {len(QUERIES)} requêtes étiquetées (benchmarks/search_queries.py)")
    runs = [("sqlite", {}), ("postgres", {})]
    if os.environ.get("ELASTICSEARCH_URL"):
        runs.append(("sqlite", {"ELASTICSEARCH_URL": os.environ["ELASTICSEARCH_URL"]}))
    for kind, extra in runs:
        figures = measure(kind, verbose, extra)
        print(f"  {figures['backend']:<28} nDCG@10 {figures['ndcg10']:.3f}   MRR {figures['mrr']:.3f}")
        for line in figures["misses"]:
            print(line)
    if not os.environ.get("ELASTICSEARCH_URL"):
        print(
            "  elasticsearch : non mesuré (ELASTICSEARCH_URL absent ; osmem-server, serveur de test aux "
            "analyseurs faux, ne juge pas la pertinence)"
        )


if __name__ == "__main__":
    main()
