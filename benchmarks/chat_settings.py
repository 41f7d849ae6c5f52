"""Settings of the chat benchmark's workers: the development settings, with the per-user rate limit lifted
so one sender can send a burst (the limit is a product rule, not what is being measured)."""

from config.settings.dev import *  # noqa: F403

CHAT_RATE_LIMIT_MESSAGES = 100_000
