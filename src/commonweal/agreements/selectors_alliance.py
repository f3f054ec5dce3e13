"""Reads for an alliance's governance pages and API: the alliance, its members, decisions (with who
agreed, read for a whole page at once), the risk register and the years of pain and gain."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from commonweal.agreements.models import Agreement, Decision, Member, PainGainYear, Risk
from commonweal.messages import Message
from commonweal.organisations.models import Organisation
from commonweal.organisations.selectors import organisations_matching

# The largest id a database holds: a larger number in an address is no record (never a 500).
LARGEST_ID = 2**63 - 1


def fits(pk: int) -> bool:
    return 0 < pk <= LARGEST_ID


def alliance_get(pk: int) -> Agreement | None:
    """The alliance with that number, or None (any other kind of agreement is None too)."""
    if not fits(pk):
        return None
    return (
        Agreement.objects.filter(pk=pk, kind=Agreement.Kind.ALLIANCE)
        .select_related("place", "commissioner")
        .first()
    )


def members(agreement: Agreement) -> QuerySet[Member]:
    return Member.objects.filter(agreement=agreement).select_related("organisation")


def member_get(agreement: Agreement, pk: int) -> Member | None:
    if not fits(pk):
        return None
    return members(agreement).filter(pk=pk).first()


def members_by_pk(agreement: Agreement, pks: list[int]) -> list[Member]:
    return list(members(agreement).filter(pk__in=[pk for pk in pks if fits(pk)]))


def leadership_team(agreement: Agreement) -> QuerySet[Member]:
    return members(agreement).filter(on_leadership_team=True)


def decisions(agreement: Agreement) -> QuerySet[Decision]:
    """Newest first, each with the members who agreed and who recorded it."""
    return (
        Decision.objects.filter(agreement=agreement)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch(
                "agreed_by",
                queryset=Member.objects.select_related("organisation").order_by(
                    "role", "organisation__name", "id"
                ),
            )
        )
        .order_by("-decided_on", "-id")
    )


def risks(agreement: Agreement) -> QuerySet[Risk]:
    """Open risks first, the likeliest and most harmful first."""
    return Risk.objects.filter(agreement=agreement).select_related("owner__organisation")


def risk_get(agreement: Agreement, pk: int) -> Risk | None:
    if not fits(pk):
        return None
    return risks(agreement).filter(pk=pk).first()


def pain_gain_years(agreement: Agreement) -> QuerySet[PainGainYear]:
    return PainGainYear.objects.filter(agreement=agreement).order_by("-year_starting", "-id")


def working_lines(year: PainGainYear) -> list[Message]:
    """The arithmetic kept with a year, as messages to show in the reader's language."""
    return [Message.from_json(line) for line in year.working.get("lines", [])]


def organisations_to_add(agreement: Agreement, q: str) -> QuerySet[Organisation]:
    """Organisations a search finds that are not in the alliance yet."""
    return organisations_matching(
        Organisation.objects.exclude(alliance_seats__agreement=agreement), q
    ).order_by("name", "pk")
