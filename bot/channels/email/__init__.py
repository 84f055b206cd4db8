"""The e-mail channel: SMTP out (aiosmtplib), IMAP in (imapclient).

- ``settings.py``: the SMTP and IMAP URLs read into what the libraries need (pure).
- ``render.py``: replies and outbox deliveries as ``EmailMessage`` objects (pure).
- ``adapter.py``: a fetched message as ``Incoming``, or the reason it gets no answer (pure).
- ``channel.py``: the runtime: polls the mailbox, hands messages to the router, sends replies
  in the same thread, and delivers outbox messages.
"""
