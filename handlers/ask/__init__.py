"""The ask feature."""
