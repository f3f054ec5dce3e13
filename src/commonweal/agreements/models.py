"""Long-term agreements: contracts, grant agreements, alliances, strategic partnerships and
outcomes contracts, one model with kinds, and what hangs off them (members, KPIs, break points,
variations with their history, transferred assets, an alliance's decisions and risks).

Money is in pounds to the penny. Dates are days. Every change goes through services.py, inside
``audit_context``, so the audit trail records who, when and why.
"""

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


class Agreement(models.Model):
    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Contract")
        GRANT = "grant", _("Grant agreement")
        ALLIANCE = "alliance", _("Alliance")
        STRATEGIC_PARTNERSHIP = "strategic_partnership", _("Strategic partnership")
        OUTCOMES_CONTRACT = "outcomes_contract", _("Outcomes contract")
        SUBCONTRACT = "subcontract", _("Subcontract under a strategic partnership")

    class Source(models.TextChoices):
        AWARD = "award", _("From a competition's award")
        GRANT_DECISION = "grant_decision", _("From a grant decision")
        DIRECT = "direct", _("Entered directly")
        IMPORT = "import", _("Imported from a list of existing contracts")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being set up")
        LIVE = "live", _("In force")
        ENDED = "ended", _("Ended")
        REPLACED = "replaced", _("Replaced")

    class PaymentProfile(models.TextChoices):
        ADVANCE = "advance", _("In advance")
        MONTHLY_ARREARS = "monthly_arrears", _("Monthly, in arrears")
        QUARTERLY_ARREARS = "quarterly_arrears", _("Quarterly, in arrears")
        MILESTONE = "milestone", _("By milestone")

    class DecisionRule(models.TextChoices):
        UNANIMITY = "unanimity", _("Every member of the leadership team agrees")
        MAJORITY = "majority", _("More than half of the leadership team agrees")

    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="agreements")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    source = models.CharField(
        _("how it came in"), max_length=20, choices=Source.choices, default=Source.DIRECT
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LIVE, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what it is for"), blank=True)
    reference = models.CharField(
        _("your reference"),
        max_length=100,
        blank=True,
        help_text=_("The contract or grant number your own systems use, if any."),
    )
    commissioner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("commissioner or funder"),
        on_delete=models.PROTECT,
        related_name="agreements_commissioned",
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider or grant holder"),
        on_delete=models.PROTECT,
        related_name="agreements_held",
        null=True,
        blank=True,
        help_text=_("An alliance has members instead."),
    )
    plan = models.ForeignKey(
        "commissioning.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    award = models.OneToOneField(
        "competitions.Award",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement",
    )
    grant_decision = models.OneToOneField(
        "competitions.GrantDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("the strategic partnership it is under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subcontracts",
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )
    value = models.DecimalField(_("total value, in pounds"), **MONEY)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), help_text=_("Including any extensions agreed."))
    original_ends_on = models.DateField(_("first agreed end"))
    max_extension_months = models.PositiveIntegerField(
        _("most it may be extended by, in months"), default=0
    )
    payment_terms_days = models.PositiveIntegerField(
        _("days to pay a valid invoice"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    payment_profile = models.CharField(
        _("how it is paid"),
        max_length=20,
        choices=PaymentProfile.choices,
        default=PaymentProfile.MONTHLY_ARREARS,
    )
    # Grant agreements.
    conditions = models.TextField(_("conditions"), blank=True)
    match_funding = models.DecimalField(
        _("match funding, in pounds"), null=True, blank=True, **MONEY
    )
    in_kind = models.TextField(_("contributions in kind"), blank=True)
    in_kind_value = models.DecimalField(
        _("value of contributions in kind, in pounds"), null=True, blank=True, **MONEY
    )
    # Alliances.
    principle = models.TextField(
        _("the principle decisions are tested against"),
        blank=True,
        default="",
        help_text=_("For example: best for the people who use the service."),
    )
    decision_rule = models.CharField(
        _("how the leadership team decides"),
        max_length=10,
        choices=DecisionRule.choices,
        default=DecisionRule.UNANIMITY,
    )
    pooled_budget = models.DecimalField(
        _("pooled budget, in pounds a year"), null=True, blank=True, **MONEY
    )
    target_cost = models.DecimalField(
        _("target cost, in pounds a year"),
        null=True,
        blank=True,
        help_text=_("Pain and gain are shared on the difference from this."),
        **MONEY,
    )
    gain_cap = models.DecimalField(
        _("most gain shared in a year, in pounds"), null=True, blank=True, **MONEY
    )
    pain_collar = models.DecimalField(
        _("most pain shared in a year, in pounds"), null=True, blank=True, **MONEY
    )
    # Outcomes contracts: the rate card, pound per outcome (payments by results come later).
    rate_card = models.JSONField(_("rate card"), default=list, blank=True)
    outcomes = models.ManyToManyField(
        "outcomes.Outcome", verbose_name=_("shared outcomes"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["place", "status", "-starts_on"], name="agreement_place_list"),
            models.Index(fields=["commissioner", "-starts_on"], name="agreement_commissioner"),
            models.Index(fields=["provider", "-starts_on"], name="agreement_provider"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["commissioner", "reference"],
                condition=~Q(reference=""),
                name="one_agreement_per_reference",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="agreement_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", kwargs={"pk": self.pk})


class Member(models.Model):
    """An organisation in an alliance (the commissioner too), its share of pain and gain, and
    whether it sits on the leadership team."""

    class Role(models.TextChoices):
        COMMISSIONER = "commissioner", _("Commissioner")
        PROVIDER = "provider", _("Provider")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="alliance_seats"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    share = models.DecimalField(_("share of pain and gain, percent"), default=0, **PERCENT)
    on_leadership_team = models.BooleanField(_("on the leadership team"), default=True)

    class Meta:
        ordering = ["role", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="one_seat_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.agreement_id}"


class KPI(models.Model):
    """A key performance indicator, published with the agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="kpis")
    title = models.CharField(_("indicator"), max_length=200)
    target = models.CharField(_("target"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "KPI"

    def __str__(self) -> str:
        return self.title


class BreakPoint(models.Model):
    """A day on which either side may end the agreement, with the notice it needs."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="break_points")
    on = models.DateField(_("break day"))
    notice_months = models.PositiveIntegerField(_("notice needed, in months"), default=6)
    note = models.CharField(_("what happens"), max_length=300, blank=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"Break on {self.on}"


class Variation(models.Model):
    """A change to an agreement with its reason: what it was before and after, who and when."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("Extension")
        VALUE = "value", _("Change of value")
        SCOPE = "scope", _("Change of what is delivered")
        TERMS = "terms", _("Change of terms")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="variations")
    kind = models.CharField(_("kind of change"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("why"))
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.agreement_id}"


class AssetTransfer(models.Model):
    """Property or equipment passed to the provider under the agreement."""

    class Kind(models.TextChoices):
        PROPERTY = "property", _("Property")
        EQUIPMENT = "equipment", _("Equipment")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="assets")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("what"), max_length=300)
    value = models.DecimalField(_("value, in pounds"), **MONEY)
    conditions = models.TextField(_("conditions"), blank=True)
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)

    class Meta:
        ordering = ["transferred_on", "id"]

    def __str__(self) -> str:
        return self.description


class Decision(models.Model):
    """A decision of an alliance's leadership team, with the rule used, who agreed, and how it
    serves the alliance's principle."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="decisions")
    subject = models.CharField(_("what was decided"), max_length=200)
    decision = models.TextField(_("the decision"))
    principle_test = models.TextField(_("how it serves the principle"))
    rule = models.CharField(_("rule used"), max_length=10, choices=Agreement.DecisionRule.choices)
    agreed_by = models.ManyToManyField(Member, related_name="decisions_agreed", blank=True)
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.subject


class Risk(models.Model):
    """An entry in an alliance's risk register."""

    class Level(models.IntegerChoices):
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=200)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=Level.choices)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=Level.choices)
    owner = models.ForeignKey(
        Member,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks_owned",
    )
    mitigation = models.TextField(_("what is being done"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        ordering = ["status", "-likelihood", "-impact", "id"]

    def __str__(self) -> str:
        return self.title


class PainGainYear(models.Model):
    """An alliance's actual cost for a year, against its target cost: the shares are worked out by
    ``pain_gain.py`` and stored here once agreed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="pain_gain")
    year_starting = models.DateField(_("year starting"))
    actual_cost = models.DecimalField(_("actual cost, in pounds"), **MONEY)
    shares = models.JSONField(default=list)
    # The figures it was worked out from (target cost, cap, collar: the agreement's may be varied
    # later), what was shared and the arithmetic's lines (Message.as_json), kept as agreed.
    working = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year_starting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year_starting"], name="one_pain_gain_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"Pain and gain {self.year_starting}"
