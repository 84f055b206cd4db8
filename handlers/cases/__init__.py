"""The cases feature."""
