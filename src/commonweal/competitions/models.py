"""Fair competitions: tenders and grant rounds, their questions and criteria, sealed bids,
evaluators' conflicts and scores, moderation, low-bid reviews, social value frameworks and awards.

What a bidder submits (answers, price or grant budget, social value commitments, consortium
members, their own conflicts) lives only in ``Bid.sealed``, encrypted under the tender's key
(competitions/sealing.py, competitions/keys.py). The database never holds it in the clear before
the deadline, and it is opened only by services that write the audit trail.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
}
SCORE = {"max_digits": 6, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


def default_scale() -> list[dict]:
    """A common 0 to 4 scale with descriptors (the commissioner may change it)."""
    return [
        {"score": "0", "descriptor": "Unacceptable: no answer, or it does not meet the need."},
        {"score": "1", "descriptor": "Poor: it meets the need only in part, with serious gaps."},
        {"score": "2", "descriptor": "Acceptable: it meets the need, with some gaps."},
        {"score": "3", "descriptor": "Good: it meets the need well, with clear evidence."},
        {"score": "4", "descriptor": "Excellent: it meets the need fully, with strong evidence."},
    ]


class Opportunity(models.Model):
    """A tender (from a plan's chosen route, for the whole plan or one lot) or a grant round."""

    class Kind(models.TextChoices):
        TENDER = "tender", _("Tender")
        GRANT_ROUND = "grant_round", _("Grant round")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for bids")
        EVALUATING = "evaluating", _("Being evaluated")
        STANDSTILL = "standstill", _("Standstill")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    class PriceFormula(models.TextChoices):
        # The names are those of competitions.scoring.PriceFormula.
        PROPORTIONAL = "proportional", _("Proportional to the lowest price")
        LINEAR = "linear", _("Linear between a floor and a ceiling")
        AGAINST_BUDGET = "against_budget", _("Against the budget")

    # The tender id that the sealing key is derived from: never reused, never a row number.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TENDER)
    plan = models.ForeignKey(
        "commissioning.Plan", on_delete=models.PROTECT, related_name="opportunities"
    )
    lot = models.ForeignKey(
        "commissioning.Lot",
        verbose_name=_("lot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is for"))
    conditions = models.TextField(_("conditions"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    value = models.DecimalField(_("estimated value over the whole contract, in pounds"), **MONEY)
    budget = models.DecimalField(
        _("budget, in pounds"),
        null=True,
        blank=True,
        help_text=_("The most you will pay. Bids above it may be scored zero for price."),
        **MONEY,
    )
    contract_months = models.PositiveIntegerField(
        _("contract length in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    # Timetable.
    questions_close_at = models.DateTimeField(_("clarification questions close"))
    closes_at = models.DateTimeField(_("bids close"), db_index=True)
    award_expected_on = models.DateField(_("award expected"), null=True, blank=True)
    service_starts_on = models.DateField(_("service starts"), null=True, blank=True)
    # Who may bid and how.
    consortium_bids = models.BooleanField(_("consortium bids accepted"), default=True)
    alliance_bids = models.BooleanField(_("proposed alliances accepted"), default=False)
    answer_word_limit = models.PositiveIntegerField(
        _("word limit for each answer"),
        default=1000,
        validators=[MinValueValidator(50), MaxValueValidator(10000)],
    )
    # The evaluation model: three parts that add up to 100.
    quality_weight = models.DecimalField(_("quality, per cent"), **PERCENT)
    social_value_weight = models.DecimalField(_("social value, per cent"), **PERCENT)
    price_weight = models.DecimalField(_("price, per cent"), **PERCENT)
    price_formula = models.CharField(
        _("price scoring formula"),
        max_length=20,
        choices=PriceFormula.choices,
        default=PriceFormula.PROPORTIONAL,
    )
    price_floor = models.DecimalField(
        _("price floor (linear formula), in pounds"), null=True, blank=True, **MONEY
    )
    price_ceiling = models.DecimalField(
        _("price ceiling (linear formula), in pounds"), null=True, blank=True, **MONEY
    )
    scale = models.JSONField(_("scoring scale"), default=default_scale)
    include_inherent_social_value = models.BooleanField(
        _("score inherent social value"),
        default=False,
        help_text=_(
            "Score an organisation's asset lock, reinvestment in the place and local ownership, "
            "from its verified facts. Only where the law allows it for this contract."
        ),
    )
    inherent_social_value_share = models.DecimalField(
        _("share of the social value part for inherent social value, per cent"),
        default=Decimal("0"),
        **PERCENT,
    )
    social_value_framework = models.ForeignKey(
        "SocialValueFramework",
        verbose_name=_("social value measures"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    # The commissioner's cost model for low-bid checks: staffing hours at the Real Living Wage.
    cost_model_hours = models.DecimalField(
        _("staff hours the service needs over the contract"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    cost_model_other_costs = models.DecimalField(
        _("other costs the service must meet, in pounds"), null=True, blank=True, **MONEY
    )
    cost_model_london = models.BooleanField(_("London Living Wage applies"), default=False)
    # Grant rounds.
    match_funding_required = models.BooleanField(_("match funding required"), default=False)
    # Publishing and award.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    opened_at = models.DateTimeField(_("bids opened"), null=True, blank=True)
    standstill_ends_on = models.DateField(_("standstill ends"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("awarded"), null=True, blank=True)
    cancelled_reason = models.TextField(_("why it was cancelled"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "opportunities"
        ordering = ["closes_at", "id"]
        indexes = [
            models.Index(fields=["status", "closes_at"], name="opportunity_open_closing"),
            models.Index(fields=["plan", "-created_at"], name="opportunity_plan_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(questions_close_at__lte=models.F("closes_at")),
                name="questions_close_before_bids",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competitions:opportunity", kwargs={"pk": self.pk})

    @property
    def tender_id(self) -> str:
        """The id the tender's sealing key is derived from (competitions/keys.py)."""
        return str(self.uid)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_grant(self) -> bool:
        return self.kind == self.Kind.GRANT_ROUND

    def bids_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and now < self.closes_at

    def deadline_passed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    @property
    def stage(self) -> str:
        """The status as a person should read it now: open for bids turns into being evaluated the
        moment the deadline passes, before anyone has done anything with the bids."""
        if self.status == self.Status.OPEN and self.deadline_passed():
            return self.Status.EVALUATING
        return self.status

    def get_stage_display(self) -> str:
        return str(self.Status(self.stage).label)


class Document(models.Model):
    """A public document of an opportunity: the specification, the draft contract, the guidance."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="competitions/documents/%Y/%m/", max_length=300)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """One node of the criteria tree. A leaf with a question is what bidders answer and
    evaluators score; a pass/fail criterion excludes a bid that fails it."""

    class Part(models.TextChoices):
        QUALITY = "quality", _("Quality")
        SOCIAL_VALUE = "social_value", _("Social value")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    part = models.CharField(_("part"), max_length=20, choices=Part.choices)
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question for bidders"), blank=True)
    guidance = models.TextField(_("guidance for evaluators"), blank=True)
    plain_guidance = models.TextField(
        _("guidance for citizen commissioners, in plain English"), blank=True
    )
    weight = models.DecimalField(
        _("weight within its part, per cent"),
        default=Decimal("0"),
        **PERCENT,
    )
    pass_fail = models.BooleanField(_("pass or fail"), default=False)
    open_to_citizens = models.BooleanField(_("citizen commissioners score this"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["part", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A clarification question. Its answer is published to everyone; the asker is never shown."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_for = models.ForeignKey(
        "organisations.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Interest(models.Model):
    """A provider that registered interest in an opportunity: it hears of answers and changes."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="opportunity_interests"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="one_opportunity_interest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in opportunity {self.opportunity_id}"


class Bid(models.Model):
    """One organisation's bid for an opportunity (alone, leading a consortium, or proposing an
    alliance). Its content is sealed: ``sealed`` holds the encrypted answers, price or grant
    budget, social value commitments, members and declared conflicts (competitions/bids.py says
    what is inside). ``receipt`` is the hash shown to the bidder at submission."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Form(models.TextChoices):
        ALONE = "alone", _("On our own")
        CONSORTIUM = "consortium", _("As a consortium, with us as lead")
        ALLIANCE = "alliance", _("As a proposed alliance")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="bids")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("bidder"),
        on_delete=models.PROTECT,
        related_name="bids",
    )
    form = models.CharField(
        _("how you bid"), max_length=20, choices=Form.choices, default=Form.ALONE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The sealed content (sealing.Sealed.to_bytes) and how many times it was saved.
    sealed = models.BinaryField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0)
    receipt = models.CharField(max_length=80, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="one_bid_per_bidder"
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | (Q(submitted_at__isnull=False) & ~Q(receipt="")),
                name="submitted_bid_has_receipt",
            ),
        ]
        indexes = [models.Index(fields=["opportunity", "status"], name="bid_opportunity_status")]

    def __str__(self) -> str:
        return f"Bid {self.pk} for {self.opportunity_id}"


class BidDocument(models.Model):
    """A document attached to a bid, sealed like the bid: the file holds only ciphertext."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="documents")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The title and the file's name are sealed with the bytes; nothing about it shows before opening
    # but its size, rounded up (competitions/bids.py).
    sealed_file = models.FileField(upload_to="competitions/sealed/%Y/%m/", max_length=300)
    sealed_name = models.BinaryField(editable=False)
    size_band = models.PositiveBigIntegerField(default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"Document {self.uid} of bid {self.bid_id}"


class Opening(models.Model):
    """Each time a person opened a bid's content after the deadline (also in the audit trail)."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="openings")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    why = models.CharField(max_length=200)

    class Meta:
        ordering = ["opened_at", "id"]

    def __str__(self) -> str:
        return f"Opening of bid {self.bid_id}"


class Evaluator(models.Model):
    """A person on an opportunity's evaluation panel: an officer, or a citizen commissioner who
    scores only the criteria opened to citizens."""

    class Kind(models.TextChoices):
        OFFICER = "officer", _("Evaluator")
        CITIZEN = "citizen", _("Citizen commissioner")

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="evaluators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFICER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # Set once the person has declared, for every bidder, whether they have a conflict.
    conflicts_declared_at = models.DateTimeField(null=True, blank=True)
    scores_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "user"], name="one_seat_per_evaluator")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} evaluating {self.opportunity_id}"


class Conflict(models.Model):
    """An evaluator's declaration about one bidder: a conflict (with its details) or none."""

    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="conflicts")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    has_conflict = models.BooleanField(_("I have a conflict of interest with this bidder"))
    details = models.TextField(_("what the conflict is"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "organisation"], name="one_declaration_per_bidder"
            ),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(details=""), name="conflict_has_details"
            ),
        ]

    def __str__(self) -> str:
        return f"Conflict {self.pk}"


class Score(models.Model):
    """One evaluator's score for one bid on one criterion, with the reason. Nobody else sees it
    until moderation opens."""

    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField(_("score"), **SCORE)
    passed = models.BooleanField(_("passes"), null=True, blank=True)
    reason = models.TextField(_("why"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "bid", "criterion"], name="one_score_per_evaluator"
            )
        ]

    def __str__(self) -> str:
        return f"Score {self.pk}"


class ModeratedScore(models.Model):
    """The agreed score for a bid on a criterion, and why, recorded at moderation."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="moderated_scores"
    )
    score = models.DecimalField(_("agreed score"), **SCORE)
    passed = models.BooleanField(_("passes"), null=True, blank=True)
    reason = models.TextField(_("why this score was agreed"))
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="one_agreed_score")
        ]

    def __str__(self) -> str:
        return f"Agreed score {self.pk}"


class LowBidReview(models.Model):
    """A bid flagged as abnormally low: the flags, the bidder's explanation, and the decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted: the explanation is satisfactory")
        REJECTED = "rejected", _("Rejected: the bid is excluded")

    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="low_bid_review")
    flags = models.JSONField(default=list)
    explanation_requested_at = models.DateTimeField(null=True, blank=True)
    explanation = models.TextField(_("the bidder's explanation"), blank=True)
    explained_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(
        max_length=20, choices=Decision.choices, default=Decision.PENDING, db_index=True
    )
    reason = models.TextField(_("why"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="pending") | ~Q(reason=""), name="low_bid_decision_has_reason"
            )
        ]

    def __str__(self) -> str:
        return f"Low bid review of bid {self.bid_id}"


class SocialValueFramework(models.Model):
    """A set of social value measures, loaded as data with its licence. Commonweal ships only open
    measures; a council loads its own licensed framework (the National TOMs, HACT values) itself."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=50, blank=True)
    licence = models.CharField(_("licence"), max_length=200)
    licence_url = models.URLField(_("licence web address"), blank=True)
    source_url = models.URLField(_("where it comes from"), blank=True)
    # A framework loaded by a council is for its place only; a shipped open one has no place.
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version", "place"], name="one_framework_version_per_place"
            ),
            # A NULL place is never equal to another, so the shipped open sets need their own.
            models.UniqueConstraint(
                fields=["name", "version"],
                condition=Q(place__isnull=True),
                name="one_open_framework_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()


class Measure(models.Model):
    """One measure of a framework: what is counted, its unit and, where known, a proxy value in
    pounds for one unit."""

    framework = models.ForeignKey(
        SocialValueFramework, on_delete=models.CASCADE, related_name="measures"
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("measure"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100)
    proxy_value = models.DecimalField(
        _("value of one unit, in pounds"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    theme = models.CharField(_("theme"), max_length=100, blank=True)

    class Meta:
        ordering = ["code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="one_measure_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Award(models.Model):
    """The award decision for a tender (one winning bid) with its reasons, the standstill it
    starts, and the contract's details once signed."""

    opportunity = models.OneToOneField(Opportunity, on_delete=models.PROTECT, related_name="award")
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("contract value, in pounds"), **MONEY)
    reason = models.TextField(_("why this bid wins"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    standstill_ends_on = models.DateField(_("standstill ends"), null=True, blank=True)
    contract_signed_on = models.DateField(_("contract signed"), null=True, blank=True)
    contract_starts_on = models.DateField(_("contract starts"), null=True, blank=True)
    contract_ends_on = models.DateField(_("contract ends"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "id"]

    def __str__(self) -> str:
        return f"Award for {self.opportunity_id}"


class AssessmentSummary(models.Model):
    """What each bidder is told: their scores and reasons beside the winner's."""

    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="assessment")
    summary = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "assessment summaries"

    def __str__(self) -> str:
        return f"Assessment of bid {self.bid_id}"


class GrantDecision(models.Model):
    """A grant round's decision on one application, with the amount and the reasons (exported in
    360Giving format when awarded)."""

    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="grant_decision")
    awarded = models.BooleanField(_("funded"))
    amount = models.DecimalField(_("amount awarded, in pounds"), null=True, blank=True, **MONEY)
    reason = models.TextField(_("why"))
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(awarded=False) | Q(amount__gt=0), name="grant_awarded_has_amount"
            )
        ]

    def __str__(self) -> str:
        return f"Grant decision on bid {self.bid_id}"
