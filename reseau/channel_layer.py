"""Production's channel layer: channels_redis' Redis pub/sub layer, which can give a channel back."""

from channels_redis.pubsub import RedisPubSubChannelLayer


class PubSubChannelLayer(RedisPubSubChannelLayer):
    """channels_redis unsubscribes a connection's own channel only when a receive waiting on it is cancelled
    (its pubsub.py: Channels has no "delete channel" call). A consumer that ends while dispatching a layer
    message has no receive waiting, so the worker stayed subscribed to that channel and kept its queue for
    ever. `release_channel` does that cleanup itself, whatever is still queued."""

    async def release_channel(self, channel: str) -> None:
        """Forget `channel` in this event loop and unsubscribe it from Redis (nothing if already done)."""
        layer = self._get_layer()
        layer.channels.pop(channel, None)
        await layer._get_shard(channel).unsubscribe(channel)
