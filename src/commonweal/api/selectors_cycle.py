"""Reads for the API's needs, sessions, rounds and frameworks: public records only.

Each reads through its own app's selectors where they exist, so the API and the pages agree.
"""

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet

from commonweal.codesign.models import Decision, Participant, Session
from commonweal.needs import selectors as need_selectors
from commonweal.needs.models import Evidence, Need, StatusChange
from commonweal.outcomes import selectors as outcome_selectors
from commonweal.outcomes.models import Framework, FrameworkVersion, Outcome
from commonweal.places.models import Place
from commonweal.priorities import counting
from commonweal.priorities import selectors as priority_selectors
from commonweal.priorities.models import PriorityRound

_OUTCOMES = Outcome.objects.select_related("version__framework").order_by(
    "version__framework__slug", "code"
)


# --- needs ---------------------------------------------------------------------------------------


def need_list(
    *, place: Place | None = None, status: str = "", theme: str = "", q: str = ""
) -> QuerySet[Need]:
    """The register, newest first: as on the needs page, and filtered by any kind of term's short name."""
    needs = need_selectors.need_search(q=q, place=place, status=status)
    if theme:
        needs = needs.filter(pk__in=Need.objects.filter(themes__slug=theme).values("pk"))
    return needs


def need_get(*, pk: int) -> Need | None:
    return need_selectors.need_get(pk)


def need_status_changes(*, need: Need) -> QuerySet[StatusChange]:
    return need_selectors.need_status_changes(need)


def need_outcomes(*, need: Need) -> list[Outcome]:
    return outcome_selectors.need_outcomes(need)


def need_public_evidence(*, need: Need) -> QuerySet[Evidence]:
    """Figures, documents, and stories told with consent for publication. Never a private story.

    The API is for everyone alike, so it sends only what the needs app's rule publishes to anyone."""
    return need_selectors.need_published_evidence(need)


# --- co-design sessions ----------------------------------------------------------------------------


def session_list() -> QuerySet[Session]:
    """Every session, most recent first."""
    return (
        Session.objects.select_related("place", "organised_by")
        .prefetch_related(Prefetch("needs", queryset=Need.objects.order_by("pk")))
        .order_by("-starts_at", "-pk")
    )


def session_get(*, pk: int) -> Session | None:
    return (
        session_list()
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation").order_by(
                    "kind", "display_name"
                ),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.prefetch_related(
                    Prefetch("agreed_by", queryset=Participant.objects.order_by("display_name"))
                ).order_by("recorded_at", "pk"),
            ),
            Prefetch("outcomes", queryset=_OUTCOMES),
        )
        .first()
    )


# --- priority rounds -------------------------------------------------------------------------------


def round_list() -> QuerySet[PriorityRound]:
    """Rounds anyone may see: every one but drafts, newest first."""
    return (
        PriorityRound.objects.exclude(status=PriorityRound.Status.DRAFT)
        .select_related("place", "run_by")
        .prefetch_related(Prefetch("needs", queryset=Need.objects.order_by("pk")))
        .order_by("-opens_at", "-pk")
    )


def round_get(*, pk: int) -> PriorityRound | None:
    return round_list().filter(pk=pk).first()


def round_results(round_: PriorityRound) -> dict | None:
    """The published count, or None while the results are not published. Never the ballots."""
    if round_.status != PriorityRound.Status.PUBLISHED:
        return None
    results = priority_selectors.round_results(round_)
    standings: list[counting.Standing] = [standing for _need, standing in results.standings]
    return {
        "method": round_.method,
        "method_explained": round_.get_method_display(),
        "ballots": results.ballots,
        "standings": standings,
    }


# --- outcomes frameworks ---------------------------------------------------------------------------


def framework_list() -> QuerySet[Framework]:
    """Frameworks with a published version, by name, each with the number of its latest one."""
    published = FrameworkVersion.objects.filter(
        framework=OuterRef("pk"), status=FrameworkVersion.Status.PUBLISHED
    )
    return (
        Framework.objects.filter(Exists(published))
        .select_related("place", "owner")
        .annotate(
            published_version=Max(
                "versions__number", filter=Q(versions__status=FrameworkVersion.Status.PUBLISHED)
            )
        )
        .order_by("name", "pk")
    )


def framework_get(*, slug: str) -> Framework | None:
    return framework_list().filter(slug=slug).first()


def framework_published_version(*, framework: Framework) -> dict:
    """The latest published version, with its endorsements and areas → outcomes → indicators."""
    version = outcome_selectors.latest_published(framework)
    return {
        "version": version,
        "endorsements": list(outcome_selectors.version_endorsements(version)),
        "areas": outcome_selectors.version_areas(version),
    }
