"""The knowledge base: content, search, and the safeguarding check that runs before any answer."""
