"""The people feature."""
