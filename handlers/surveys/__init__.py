"""Feedback surveys (pledges 13-22, 27, 28).

Being built; results.py holds the shapes of published results.
"""
