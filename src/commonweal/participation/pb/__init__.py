"""Participatory budgeting engine: Pabulib I/O and voting rules (pure Python, no Django)."""
