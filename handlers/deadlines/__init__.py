"""The deadlines feature."""
