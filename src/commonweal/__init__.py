"""Commonweal: collaborative, outcomes-based commissioning of people-focused public services."""

__version__ = "0.1.0"
