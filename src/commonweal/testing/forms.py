"""What a browser sends for a form's fields, for tests that post forms as a person would."""


def date_boxes(name: str, day, month, year) -> dict[str, str]:
    """A date field's three boxes (the GOV.UK date input) as typed: ``<name>-day`` and so on."""
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}
