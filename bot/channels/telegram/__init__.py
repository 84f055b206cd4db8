"""The Telegram channel: python-telegram-bot's ``Application`` inside ``pledgebot serve``.

    adapter.py   a Telegram ``Update`` -> ``Incoming`` (pure)
    render.py    ``Reply``/``Delivery`` -> HTML text chunks and an inline keyboard (pure)
    linking.py   ``/link EMAIL``, the one-time code and ``/unlink`` (database, no Telegram)
    channel.py   the runtime: long polling or the webhook, replies, the outbox sender
"""
