"""Participatory budgeting rounds: projects, who took part, anonymous ballots and counts.

Who took part (``Participation``) and how people voted (``Ballot``) are kept apart on purpose:
a ballot has no foreign key to a person, no time stamp and a random primary key, so nothing in
the database links a person to their ballot. A voter finds their own ballot again by an opaque
key derived from the site's secret (see ``keys.ballot_key``).
"""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class BudgetRound(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSALS = "proposals", _("Taking project ideas")
        REVIEW = "review", _("Checking project ideas")
        VOTING = "voting", _("Voting")
        CLOSED = "closed", _("Voting closed")
        PUBLISHED = "published", _("Results published")

    class Verification(models.TextChoices):
        RESIDENT_ROLE = "resident", _("Residents shown on their account")
        LIST = "list", _("People on an eligibility list")
        CODE = "code", _("People with an invitation code")
        OFFICER = "officer", _("People an officer has checked")

    class BallotType(models.TextChoices):
        APPROVAL = "approval", _("Choose the projects you support")
        CUMULATIVE = "cumulative", _("Share out points between projects")
        RANKED = "ranked", _("Put projects in order")
        CHOOSE_ONE = "choose_one", _("Choose one project")

    class Rule(models.TextChoices):
        MES = "mes", _("Method of Equal Shares")
        GREEDY = "greedy", _("Most votes first")

    class Satisfaction(models.TextChoices):
        COST = "cost", _("Cost: a project's value to a supporter is its cost")
        CARDINALITY = "cardinality", _("Count: each supported project counts once")
        CARDINAL = "cardinal", _("Points: the points a voter gave")
        BORDA = "borda", _("Borda: points by rank")

    class Completion(models.TextChoices):
        NONE = "none", _("None")
        ADD1 = "add1", _("Raise each voter's share one pound at a time")
        ADD1_GREEDY = "add1-greedy", _("Raise shares, then fill the rest by most votes")

    place = models.ForeignKey(
        "places.Place", on_delete=models.PROTECT, related_name="budget_rounds"
    )
    run_by = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_rounds",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is for"), blank=True)
    budget = models.DecimalField(
        _("budget in pounds"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    proposals_open = models.DateField(_("project ideas from"), null=True, blank=True)
    review_from = models.DateField(_("checking ideas from"), null=True, blank=True)
    voting_opens = models.DateField(_("voting opens"), null=True, blank=True)
    voting_closes = models.DateField(_("voting closes"), null=True, blank=True)
    results_by = models.DateField(_("results by"), null=True, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    verification = models.CharField(
        _("how people are checked"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.RESIDENT_ROLE,
    )
    ballot_type = models.CharField(
        _("ballot"), max_length=12, choices=BallotType.choices, default=BallotType.APPROVAL
    )
    min_projects = models.PositiveSmallIntegerField(
        _("fewest projects to choose"), null=True, blank=True
    )
    max_projects = models.PositiveSmallIntegerField(
        _("most projects to choose"), null=True, blank=True
    )
    within_budget = models.BooleanField(_("choices must fit the budget"), default=False)
    points_total = models.PositiveIntegerField(
        _("points each voter shares out"), null=True, blank=True
    )
    points_max_per_project = models.PositiveIntegerField(
        _("most points for one project"), null=True, blank=True
    )
    ranks = models.PositiveSmallIntegerField(_("how many projects to rank"), null=True, blank=True)
    rule = models.CharField(
        _("counting rule"), max_length=10, choices=Rule.choices, default=Rule.MES
    )
    satisfaction = models.CharField(
        _("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    completion = models.CharField(
        _("completion"), max_length=12, choices=Completion.choices, default=Completion.ADD1
    )
    imported = models.BooleanField(_("imported from a Pabulib file"), default=False)
    # Sizes only, so that uploads and new codes show in the audit trail without their contents.
    eligibility_list_size = models.PositiveIntegerField(default=0)
    codes_issued = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-voting_opens", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:round", kwargs={"pk": self.pk})

    @property
    def default_satisfaction(self) -> str:
        """The issue's defaults: cost for approval and choose-one, cardinal for points, Borda for ranks."""
        return {self.BallotType.CUMULATIVE: "cardinal", self.BallotType.RANKED: "borda"}.get(
            self.ballot_type, "cost"
        )

    @property
    def effective_satisfaction(self) -> str:
        return self.satisfaction or self.default_satisfaction

    # The round's phases, asked by the services that act and the pages that offer each step.

    @property
    def is_before_voting(self) -> bool:
        """Projects may still be added, accepted or rejected, and voting may still open."""
        return self.status in (self.Status.DRAFT, self.Status.PROPOSALS, self.Status.REVIEW)

    @property
    def takes_paper_ballots(self) -> bool:
        """While voting is open, and after it closes until the results are published."""
        return self.status in (self.Status.VOTING, self.Status.CLOSED)

    @property
    def has_tick_ballots(self) -> bool:
        """Its ballots choose projects (approval, choose one): a tick each, as a sheet holds them."""
        return self.ballot_type in (self.BallotType.APPROVAL, self.BallotType.CHOOSE_ONE)

    @property
    def takes_paper_sheets(self) -> bool:
        """A sheet of paper ballots, a row a ballot with a tick per project: for ballots that
        choose projects, while paper ballots are taken."""
        return self.takes_paper_ballots and self.has_tick_ballots

    @property
    def is_countable(self) -> bool:
        """Voting has closed: the votes may be counted (again, with a reason, once published)."""
        return self.status in (self.Status.CLOSED, self.Status.PUBLISHED)


class Project(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting to be checked")
        ACCEPTED = "accepted", _("On the ballot")
        REJECTED = "rejected", _("Not on the ballot")

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it would do"), blank=True)
    cost = models.DecimalField(
        _("cost in pounds"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    needs = models.ManyToManyField("needs.Need", blank=True, related_name="budget_projects")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    review_reason = models.TextField(_("reason"), blank=True)
    # The latest change of cost at review (services.project_cost_revise), shown with the project:
    # the cost before it and the public reason. Earlier changes are in the audit trail.
    cost_revised_from = models.DecimalField(
        _("cost before it was revised"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    cost_revision_reason = models.TextField(_("why the cost was revised"), blank=True)
    pabulib_id = models.CharField(_("project id in a Pabulib file"), max_length=100, blank=True)
    imported = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def election_id(self) -> str:
        """The project's id in an election handed to the engine (its Pabulib id when imported)."""
        return self.pabulib_id or str(self.pk)


class Participation(models.Model):
    """Who took part, how and when. Never linked to a ballot."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper")

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=6, choices=Channel.choices)
    at = models.DateTimeField(auto_now_add=True)
    batch = models.CharField(_("paper batch"), max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="one_participation_per_person")
        ]

    def __str__(self) -> str:
        return gettext("Took part in community budget %(round)s") % {"round": self.round_id}


class Ballot(models.Model):
    """One ballot: no person, no time, a random id. ``key`` lets the voter (only) find it again."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper")
        IMPORTED = "imported", _("Imported")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="ballots")
    key = models.CharField(max_length=64)
    source = models.CharField(max_length=8, choices=Source.choices)
    batch = models.CharField(max_length=100, blank=True)
    # Project pk (as text) to 1 (approval, choose-one), points (cumulative) or rank (ranked, 1 is first).
    marks = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="one_ballot_per_key")]

    def __str__(self) -> str:
        return gettext("A ballot in community budget %(round)s") % {"round": self.round_id}


class EligibilityEntry(models.Model):
    """One line of an uploaded eligibility list, kept only as a keyed hash for matching."""

    round = models.ForeignKey(
        BudgetRound, on_delete=models.CASCADE, related_name="eligibility_entries"
    )
    digest = models.CharField(max_length=64)
    claimed = models.BooleanField(default=False)  # a reference number, once someone has used it

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "digest"], name="eligibility_entry_once")
        ]

    def __str__(self) -> str:
        return gettext("An eligibility entry for community budget %(round)s") % {
            "round": self.round_id
        }


class InvitationCode(models.Model):
    """A printed code, stored hashed; each is used once."""

    round = models.ForeignKey(
        BudgetRound, on_delete=models.CASCADE, related_name="invitation_codes"
    )
    digest = models.CharField(max_length=64)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "digest"], name="invitation_code_once")
        ]

    def __str__(self) -> str:
        return gettext("An invitation code for community budget %(round)s") % {
            "round": self.round_id
        }


class Verification(models.Model):
    """A person checked as able to vote in a round: by list, code or an officer."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="verifications")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=10, choices=BudgetRound.Verification.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="verified_once_per_round")
        ]

    def __str__(self) -> str:
        return gettext("A check of eligibility for community budget %(round)s") % {
            "round": self.round_id
        }


class Count(models.Model):
    """One run of the counting rule over a round's ballots. The latest is the result."""

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="counts")
    rule = models.CharField(max_length=10)
    satisfaction = models.CharField(max_length=12)
    completion = models.CharField(max_length=12)
    selected = models.JSONField(default=list)  # project pks in the order the rule chose them
    votes = models.JSONField(default=dict)  # project pk (text) to supporters (or points)
    ballots = models.PositiveIntegerField(default=0)
    details = models.JSONField(default=dict)  # the engine's voter budget and top-up, for explaining
    # The explanation worked out once by the counting task (messages as JSON, translated when shown):
    # ``projects``, ``ejr`` and ``shares``. None for a count made before it was stored.
    explanation = models.JSONField(null=True, blank=True)
    engine_version = models.CharField(max_length=40)
    reason = models.TextField(blank=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-counted_at", "-pk"]

    def __str__(self) -> str:
        return gettext("A count of community budget %(round)s") % {"round": self.round_id}


class CountRequest(models.Model):
    """A count (or recount) asked for and done by a background task, once: while one is waiting or
    under way, the round takes no other (a database constraint, so two requests at once make one)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to start")
        RUNNING = "running", _("Counting")
        DONE = "done", _("Done")
        FAILED = "failed", _("Could not be counted")

    round = models.ForeignKey(BudgetRound, on_delete=models.CASCADE, related_name="count_requests")
    rule = models.CharField(max_length=10, blank=True)
    satisfaction = models.CharField(max_length=12, blank=True)
    completion = models.CharField(max_length=12, blank=True)
    reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.WAITING)
    problem = models.TextField(blank=True)
    count = models.ForeignKey(
        Count, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(state__in=["waiting", "running"]),
                name="one_count_in_progress_per_round",
            )
        ]

    def __str__(self) -> str:
        return gettext("A request to count community budget %(round)s") % {"round": self.round_id}

    #: A count takes seconds, a city's a minute or two: one still waiting or running this long after
    #: it was asked for has stopped (its worker died), and those who run the round may stop it.
    STUCK_AFTER = timedelta(minutes=30)

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.WAITING, self.State.RUNNING)

    def is_stuck(self, now: datetime | None = None) -> bool:
        """Still waiting or running long after any count would have finished."""
        return self.in_progress and self.requested_at <= (now or timezone.now()) - self.STUCK_AFTER


class RoundExport(models.Model):
    """The round's Pabulib file, made once for its latest count and settings and served until a
    service that changes the round removes it."""

    round = models.OneToOneField(BudgetRound, on_delete=models.CASCADE, related_name="export")
    text = models.TextField()
    etag = models.CharField(max_length=64)
    made_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return gettext("The Pabulib file of community budget %(round)s") % {"round": self.round_id}
