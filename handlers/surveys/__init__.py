"""Feedback surveys (pledges 13-22, 27, 28): being built; results.py holds the shapes of published results."""
