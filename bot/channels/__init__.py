"""One folder per platform: its adapter (event -> Incoming) and renderer (Reply -> platform)."""
