"""Settings of the chat benchmark's workers: the development settings, with the per-user rate limit lifted
so one sender can send a burst (the limit is a product rule, not what is being measured), and, with
BENCH_CHANNEL_LAYER=core, channels-redis' list-based layer instead of
production's pub/sub one (to compare)."""

import os

from config.settings.dev import *  # noqa: F403

CHAT_RATE_LIMIT_MESSAGES = 100_000
if os.environ.get("BENCH_CHANNEL_LAYER") == "core":
    CHANNEL_LAYERS["default"]["BACKEND"] = "channels_redis.core.RedisChannelLayer"  # noqa: F405
