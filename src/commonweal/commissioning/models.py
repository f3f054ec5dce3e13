"""Commissioning plans: what a plan aims at, who pays in, the advice it took and the route it chose,
the requirements it proposes, its lots, and the market engagement it publishes."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
}


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        ROUTE_CHOSEN = "route_chosen", _("Route chosen")
        MARKET_ENGAGEMENT = "market_engagement", _("Talking to providers")
        IN_COMPETITION = "in_competition", _("In competition")
        AWARDED = "awarded", _("Awarded")
        IN_DELIVERY = "in_delivery", _("In delivery")

    place = models.ForeignKey(
        "places.Place", on_delete=models.PROTECT, related_name="commissioning_plans"
    )
    lead = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("lead commissioner"),
        on_delete=models.PROTECT,
        related_name="plans_led",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what the plan is for"))
    themes = models.ManyToManyField(
        "needs.Term", verbose_name=_("themes"), blank=True, related_name="plans"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING, db_index=True
    )
    service_starts_on = models.DateField(_("service starts"), null=True, blank=True)
    duration_months = models.PositiveIntegerField(
        _("how long the service runs, in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    procurement_starts_on = models.DateField(
        _("procurement or funding round starts"), null=True, blank=True
    )
    social_value_considered = models.TextField(
        _("how social value was considered"),
        blank=True,
        help_text=_(
            "Before you buy, the Public Services (Social Value) Act 2012 asks you to consider how "
            "the service could improve the area's economic, social and environmental wellbeing."
        ),
    )
    consulted = models.TextField(_("who was consulted"), blank=True)
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs"), blank=True, related_name="plans"
    )
    outcomes = models.ManyToManyField(
        "outcomes.Outcome", verbose_name=_("outcomes"), blank=True, related_name="plans"
    )
    sessions = models.ManyToManyField(
        "codesign.Session",
        verbose_name=_("co-design sessions"),
        blank=True,
        related_name="plans",
    )
    panel = models.ForeignKey(
        "panels.Panel",
        verbose_name=_("citizens' panel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    citizen_commissioners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen commissioners"),
        blank=True,
        related_name="plans_commissioned",
    )
    route = models.CharField(_("route chosen"), max_length=40, blank=True)
    route_reason = models.TextField(_("why this route"), blank=True)
    route_advice = models.ForeignKey(
        "Advice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    route_chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    route_chosen_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(
        _("published to the pipeline"), null=True, blank=True, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["place", "-created_at"], name="plan_place_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commissioning:plan", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Contribution(models.Model):
    """One agency's money in a plan for one financial year, with its conditions (pooled budgets)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("who pays"),
        on_delete=models.PROTECT,
        related_name="plan_contributions",
    )
    financial_year = models.PositiveSmallIntegerField(
        _("financial year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year it starts in: 2027 means April 2027 to March 2028."),
    )
    amount = models.DecimalField(_("amount in pounds"), **MONEY)
    conditions = models.TextField(_("conditions"), blank=True)

    class Meta:
        ordering = ["financial_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation", "financial_year"],
                name="one_contribution_per_agency_year",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="contribution_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.financial_year}: {self.amount}"


class CurrentContract(models.Model):
    """Money spent on this work today: a contract or grant the plan would replace or join."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="current_contracts")
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="current_plan_contracts",
    )
    description = models.CharField(_("what it pays for"), max_length=300)
    annual_value = models.DecimalField(_("value per year in pounds"), **MONEY)
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class Advice(models.Model):
    """What the route advisor said, and the answers it was based on (kept as they were)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="advice")
    answers = models.JSONField()
    result = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Advice {self.pk} for plan {self.plan_id}"


class Requirements(models.Model):
    """The requirements a plan proposes to ask of providers, checked for barriers."""

    class PaymentTerms(models.TextChoices):
        IN_ADVANCE = "in_advance", _("In advance")
        MONTHLY_IN_ARREARS = "monthly_in_arrears", _("Monthly, in arrears")
        QUARTERLY_IN_ARREARS = "quarterly_in_arrears", _("Quarterly, in arrears")
        BY_RESULTS = "by_results", _("By results only")

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="requirements")
    minimum_turnover = models.DecimalField(
        _("minimum yearly turnover asked, in pounds"), null=True, blank=True, **MONEY
    )
    public_liability = models.DecimalField(
        _("public liability insurance, in pounds"), null=True, blank=True, **MONEY
    )
    employers_liability = models.DecimalField(
        _("employer's liability insurance, in pounds"), null=True, blank=True, **MONEY
    )
    professional_indemnity = models.DecimalField(
        _("professional indemnity insurance, in pounds"), null=True, blank=True, **MONEY
    )
    accreditations = models.TextField(
        _("accreditations asked for when bidding"),
        blank=True,
        help_text=_("One on each line."),
    )
    experience_years = models.PositiveSmallIntegerField(
        _("years of experience asked"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    mobilisation_days = models.PositiveSmallIntegerField(
        _("days between award and the service starting"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3650)],
    )
    payment_terms = models.CharField(
        _("how providers are paid"),
        max_length=30,
        choices=PaymentTerms.choices,
        default=PaymentTerms.MONTHLY_IN_ARREARS,
    )
    contract_months = models.PositiveIntegerField(
        _("contract length in months"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    price_weighting = models.DecimalField(_("price weighting, per cent"), **PERCENT)
    social_value_weighting = models.DecimalField(_("social value weighting, per cent"), **PERCENT)
    consortium_bids = models.BooleanField(_("consortium bids accepted"), default=True)
    needs_investment = models.BooleanField(
        _("a provider needs to invest to deliver it"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "requirements"
        constraints = [
            models.CheckConstraint(
                condition=Q(price_weighting__lte=100 - models.F("social_value_weighting")),
                name="weightings_within_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Requirements for plan {self.plan_id}"

    def accreditation_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.accreditations.splitlines() if line.strip())


class Lot(models.Model):
    """A part of a plan bought or funded on its own, split by area, group of people or strand."""

    class SplitBy(models.TextChoices):
        GEOGRAPHY = "geography", _("Area")
        COHORT = "cohort", _("Group of people")
        STRAND = "strand", _("Strand of the service")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="lots")
    title = models.CharField(_("title"), max_length=200)
    split_by = models.CharField(_("split by"), max_length=20, choices=SplitBy.choices)
    description = models.TextField(_("what it covers"), blank=True)
    area = models.ForeignKey(
        "places.Place",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(_("value over the whole contract, in pounds"), **MONEY)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class EngagementEvent(models.Model):
    """Preliminary market engagement: a meeting or call with providers, and its notes, published
    to every interested provider at once so nobody gains an edge."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="engagement_events")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    where = models.CharField(_("where or how"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    notes_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return self.title


class ProviderInterest(models.Model):
    """A provider that said it is interested in a published plan: it hears about engagement."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="plan_interests"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation"], name="one_interest_per_provider"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in plan {self.plan_id}"
