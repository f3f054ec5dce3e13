"""Participation: participatory budgeting and citizens' panels."""
