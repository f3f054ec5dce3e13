"""The dashboard's competition work (tenders and grant rounds), for each kind of person:

- a commissioner or procurement officer: the opportunities of the plans their bodies lead or pay
  into that are not finished, each with its next step;
- an evaluator or a citizen commissioner with a seat: the opportunities they score, with what is
  theirs to do (declare conflicts, score, wait for moderation);
- a provider's people: their organisations' bids not yet decided, and a low-bid explanation asked
  of them (read afresh on each view: bids are not stamped, so a rush of them at a deadline does
  not queue on one row);
- a social investor: open opportunities whose plan says a provider needs investment to deliver it.

Each list is one query, at most ``SHOWN`` long, kept for the person until a competition changes or
the minute does (tasks.py has the same pattern for the other apps).
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.roles import Role
from commonweal.competitions.apps import COMPETITIONS_STAMP
from commonweal.competitions.models import Bid, Evaluator, LowBidReview, Opportunity
from commonweal.core import pagecache
from commonweal.home.tasks import (
    TO_DO,
    UNDER_WAY,
    WAITING,
    Task,
    TaskGroup,
    _day,
    _first,
    _minute,
    _moment,
)
from commonweal.organisations import place_staff

UNFINISHED = (
    Opportunity.Status.DRAFT,
    Opportunity.Status.OPEN,
    Opportunity.Status.EVALUATING,
    Opportunity.Status.STANDSTILL,
)
PROVIDER_ROLES = (Role.PROVIDER_MEMBER, Role.ADMINISTRATOR)


def competition_tasks(user) -> list[TaskGroup]:
    """Every competition task group this person has (none for most people)."""
    if not user.is_authenticated:
        return []
    kept = pagecache.cached(
        "dashboard-competitions",
        user.pk,
        _minute(),
        stamps=(COMPETITIONS_STAMP, "organisations", "places"),
        build=lambda: _competition_tasks(user),
    )
    return [*kept, *_bid_tasks(user)]


def _competition_tasks(user) -> list[TaskGroup]:
    """What the person runs, scores and may invest in (kept: see competition_tasks)."""
    now = timezone.now()
    groups: list[TaskGroup] = []
    opportunities_list = reverse("competitions:opportunities")

    bodies = place_staff.staff_organisation_ids(user)
    if bodies:
        rows = (
            Opportunity.objects.filter(status__in=UNFINISHED)
            .filter(
                Q(plan__lead_id__in=bodies) | Q(plan__contributions__organisation_id__in=bodies)
            )
            .annotate(
                submitted=Count("bids", filter=Q(bids__status=Bid.Status.SUBMITTED), distinct=True),
                pending_low_bids=Count(
                    "bids__low_bid_review",
                    filter=Q(bids__low_bid_review__decision=LowBidReview.Decision.PENDING),
                    distinct=True,
                ),
                unanswered=Count(
                    "questions",
                    filter=Q(questions__published_at__isnull=True, questions__answer=""),
                    distinct=True,
                ),
            )
            .distinct()
            .order_by("closes_at", "pk")
        )
        found, more = _first(rows)
        if found:
            groups.append(
                TaskGroup(
                    _("Tenders and grant rounds you run"),
                    [_run_task(opportunity, now) for opportunity in found],
                    more,
                    opportunities_list,
                )
            )

    seats = (
        Evaluator.objects.filter(
            user=user,
            opportunity__status__in=(Opportunity.Status.OPEN, Opportunity.Status.EVALUATING),
        )
        .select_related("opportunity")
        .order_by("opportunity__closes_at", "pk")
    )
    found, more = _first(seats)
    if found:
        groups.append(
            TaskGroup(
                _("Bids and applications to score"),
                [_seat_task(seat, now) for seat in found],
                more,
                opportunities_list,
            )
        )

    if user.role_assignments.filter(role=Role.INVESTOR, organisation__isnull=False).exists():
        wanted = (
            Opportunity.objects.filter(
                status=Opportunity.Status.OPEN,
                closes_at__gt=now,
                plan__requirements__needs_investment=True,
            )
            .select_related("plan__place")
            .order_by("closes_at", "pk")
        )
        found, more = _first(wanted)
        if found:
            groups.append(
                TaskGroup(
                    _("Opportunities that need investment"),
                    [
                        Task(
                            _("%(title)s, %(place)s")
                            % {"title": opportunity.title, "place": opportunity.plan.place.name},
                            opportunity.get_absolute_url(),
                            _(
                                "Bids close at %(when)s. A provider will need investment to deliver it."
                            )
                            % {"when": _moment(opportunity.closes_at)},
                            UNDER_WAY,
                        )
                        for opportunity in found
                    ],
                    more,
                    opportunities_list,
                )
            )
    return groups


def _bid_tasks(user) -> list[TaskGroup]:
    now = timezone.now()
    opportunities_list = reverse("competitions:opportunities")
    groups: list[TaskGroup] = []
    organisations = user.role_assignments.filter(
        role__in=PROVIDER_ROLES, organisation__isnull=False
    ).values("organisation_id")
    bids = (
        Bid.objects.filter(organisation_id__in=organisations)
        .exclude(status=Bid.Status.WITHDRAWN)
        .filter(opportunity__status__in=UNFINISHED)
        .select_related("opportunity__award", "organisation", "low_bid_review")
        .order_by("opportunity__closes_at", "pk")
    )
    found, more = _first(bids)
    if found:
        groups.append(
            TaskGroup(
                _("Your organisation's bids and applications"),
                [_bid_task(bid, now) for bid in found],
                more,
                opportunities_list,
            )
        )

    return groups


def _run_task(opportunity: Opportunity, now) -> Task:
    status = opportunity.status
    url = opportunity.get_absolute_url()
    if status == Opportunity.Status.DRAFT:
        step, state = _("Finish the questions and the evaluation model, then publish it"), TO_DO
    elif status == Opportunity.Status.OPEN and now < opportunity.closes_at:
        if opportunity.unanswered:
            step, state = (
                _("%(count)s clarification questions to answer; bids close at %(when)s")
                % {"count": opportunity.unanswered, "when": _moment(opportunity.closes_at)},
                TO_DO,
            )
        else:
            step, state = (
                _("Open for bids until %(when)s") % {"when": _moment(opportunity.closes_at)},
                UNDER_WAY,
            )
    elif status in (Opportunity.Status.OPEN, Opportunity.Status.EVALUATING):
        if opportunity.pending_low_bids:
            step = _("Decide on %(count)s bids flagged as abnormally low") % {
                "count": opportunity.pending_low_bids
            }
        else:
            step = _("%(count)s bids in: evaluate, moderate and award") % {
                "count": opportunity.submitted
            }
        state = TO_DO
        url = reverse("competitions:evaluation", kwargs={"pk": opportunity.pk})
    else:  # standstill
        ends = opportunity.standstill_ends_on
        step, state = (
            (_("Standstill until %(day)s, then record the contract") % {"day": _day(ends)}, WAITING)
            if ends
            else (_("Record the contract's details"), TO_DO)
        )
    return Task(opportunity.title, url, step, state)


def _seat_task(seat: Evaluator, now) -> Task:
    opportunity = seat.opportunity
    url = reverse("competitions:evaluation", kwargs={"pk": opportunity.pk})
    if now < opportunity.closes_at:
        step, state = (
            _("Bids close at %(when)s. Then declare any conflicts of interest and score them.")
            % {"when": _moment(opportunity.closes_at)},
            WAITING,
        )
    elif seat.conflicts_declared_at is None:
        step, state = _("Declare any conflicts of interest with the bidders"), TO_DO
    elif seat.scores_submitted_at is None:
        step, state = _("Score the bids, with your reasons"), TO_DO
    else:
        step, state = _("Your scores are in: moderation comes next"), WAITING
    return Task(opportunity.title, url, step, state)


def _bid_task(bid: Bid, now) -> Task:
    opportunity = bid.opportunity
    url = reverse("competitions:bid", kwargs={"pk": opportunity.pk})
    title = _("%(opportunity)s, for %(organisation)s") % {
        "opportunity": opportunity.title,
        "organisation": bid.organisation.name,
    }
    review = getattr(bid, "low_bid_review", None)
    if (
        review is not None
        and review.decision == LowBidReview.Decision.PENDING
        and review.explanation_requested_at
        and not review.explanation
    ):
        return Task(
            title, url, _("Explain your price: the commissioner asked why it is so low"), TO_DO
        )
    if now < opportunity.closes_at and opportunity.status == Opportunity.Status.OPEN:
        if bid.status == Bid.Status.DRAFT:
            return Task(
                title,
                url,
                _("Finish and submit it before %(when)s")
                % {"when": _moment(opportunity.closes_at)},
                TO_DO,
            )
        return Task(
            title,
            url,
            _("Submitted. You can change it until %(when)s")
            % {"when": _moment(opportunity.closes_at)},
            UNDER_WAY,
        )
    if bid.status == Bid.Status.DRAFT:
        return Task(title, url, _("Not submitted before the deadline"), WAITING)
    award = getattr(opportunity, "award", None)
    if award is not None and opportunity.status == Opportunity.Status.STANDSTILL:
        assessment = reverse(
            "competitions:assessment", kwargs={"pk": opportunity.pk, "bid_pk": bid.pk}
        )
        if award.bid_id == bid.pk:
            return Task(
                title,
                assessment,
                _("Your bid won. The standstill runs until the end of %(day)s.")
                % {"day": _day(award.standstill_ends_on)},
                WAITING,
            )
        return Task(title, assessment, _("Not successful this time: read your assessment"), TO_DO)
    return Task(title, url, _("Submitted: being evaluated"), WAITING)
