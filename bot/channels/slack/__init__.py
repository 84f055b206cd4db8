"""The Slack channel: adapter (payload -> Incoming, pure), render (Block Kit, pure), sender
(Web API calls with the outbox's error kinds), identity (users.info e-mail), channel (bolt)."""
