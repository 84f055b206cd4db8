"""pledgebot's runtime: how the bot meets the world (settings, store, router, outbox, channels)."""
