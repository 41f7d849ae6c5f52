"""Counting attempts in the cache, to slow down guessing and flooding (login, posting, messages).

The cache is Redis in production, so every process counts together; each counter expires by itself.
"""

from django.core.cache import cache


def too_many(key: str, limit: int) -> bool:
    """Has `key` already been counted `limit` times in its current window?"""
    return (cache.get(f"throttle:{key}") or 0) >= limit


def count(key: str, window_seconds: int) -> int:
    """Count one more attempt for `key`; the window starts at the first attempt."""
    full_key = f"throttle:{key}"
    if cache.add(full_key, 1, window_seconds):
        return 1
    try:
        return cache.incr(full_key)
    except ValueError:  # expired between add() and incr()
        cache.add(full_key, 1, window_seconds)
        return 1


def reset(key: str) -> None:
    cache.delete(f"throttle:{key}")
