"""Organisations: the public bodies that commission and the providers that deliver."""

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import trans_real

from commonweal.core import policy
from commonweal.organisations import classification, evidence, identifiers


def validate_org_id(value: str) -> None:
    try:
        identifiers.parse(value)
    except identifiers.InvalidIdentifier as error:
        raise ValidationError(str(error)) from None


_percent = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Organisation(models.Model):
    class LegalForm(models.TextChoices):
        CHARITY = classification.CHARITY, _("Charity")
        CIO = classification.CIO, _("Charitable incorporated organisation (CIO)")
        CIC = classification.CIC, _("Community interest company (CIC)")
        COOPERATIVE = classification.COOPERATIVE, _("Co-operative")
        COMMUNITY_BENEFIT_SOCIETY = (
            classification.COMMUNITY_BENEFIT_SOCIETY,
            _("Community benefit society"),
        )
        COMPANY_LIMITED_BY_GUARANTEE = (
            classification.COMPANY_LIMITED_BY_GUARANTEE,
            _("Company limited by guarantee"),
        )
        PRIVATE_COMPANY = classification.PRIVATE_COMPANY, _("Private company limited by shares")
        PLC = classification.PLC, _("Public limited company (PLC)")
        PUBLIC_BODY = classification.PUBLIC_BODY, _("Public body")
        PUBLIC_SERVICE_MUTUAL = classification.PUBLIC_SERVICE_MUTUAL, _("Public service mutual")
        UNINCORPORATED_ASSOCIATION = (
            classification.UNINCORPORATED_ASSOCIATION,
            _("Unincorporated association"),
        )

    class SizeBand(models.TextChoices):
        MICRO = "micro", _("Micro")
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("short name for web addresses"), max_length=200, unique=True)
    org_id = models.CharField(
        _("identifier"),
        max_length=80,
        unique=True,
        validators=[validate_org_id],
        error_messages={
            "unique": _("An organisation with this identifier is already on Commonweal.")
        },
        help_text=_(
            "Its register code and number, like GB-CHC-1123456 (charity) or GB-COH-01234567 (company)."
        ),
    )
    legal_form = models.CharField(_("legal form"), max_length=40, choices=LegalForm.choices)
    description = models.TextField(_("what it does"), blank=True)
    website = models.URLField(_("website"), blank=True)
    places_served = models.ManyToManyField(
        "places.Place",
        verbose_name=_("places served"),
        blank=True,
        related_name="organisations_serving",
    )

    # Inherent social value facts.
    asset_lock = models.BooleanField(
        _("asset lock"),
        default=False,
        help_text=_("Its assets can only be used for its social purpose."),
    )
    dividend_cap_percent = models.DecimalField(
        _("dividend cap (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_percent,
        help_text=_("The most of its profit it may pay out to shareholders, if it has such a cap."),
    )
    profits_reinvested_percent = models.DecimalField(
        _("profits reinvested (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_percent,
        help_text=_("How much of its profit it puts back into its purpose or community."),
    )
    profit_use = models.TextField(_("how profits are used"), blank=True)
    headcount = models.PositiveIntegerField(_("staff (headcount)"), null=True, blank=True)
    annual_turnover = models.DecimalField(
        _("annual turnover (£)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    balance_sheet_total = models.DecimalField(
        _("balance sheet total (£)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Everything it owns (its total assets), from its latest accounts."),
    )

    # Kept private: seen only by members and by those whose role needs it.
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    # Worked out from the facts above under the rules in force today, stored so lists can filter
    # on them: on every save, and by ``commonweal organisations reclassify`` (run daily) when a new
    # version of a rule starts. For any other day ask ``findings(on=day)``.
    size_band = models.CharField(
        _("size"), max_length=10, choices=SizeBand.choices, blank=True, db_index=True
    )
    is_vcse = models.BooleanField(_("VCSE"), default=False, db_index=True)
    is_sme = models.BooleanField(_("SME"), default=False, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The directory's and the API's order: a page of a city's (or a country's) organisations.
        indexes = [models.Index(fields=["name", "id"], name="organisation_by_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.org_id = identifiers.normalise(self.org_id)
        self.classify(timezone.localdate())
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def is_public_body(self) -> bool:
        return self.legal_form == self.LegalForm.PUBLIC_BODY

    def facts(self) -> classification.Facts:
        return classification.Facts(
            legal_form=self.legal_form,
            asset_lock=self.asset_lock,
            dividend_cap_percent=self.dividend_cap_percent,
            profits_reinvested_percent=self.profits_reinvested_percent,
            headcount=self.headcount,
            annual_turnover=self.annual_turnover,
            balance_sheet_total=self.balance_sheet_total,
        )

    def findings(self, on: date) -> dict[str, classification.Finding]:
        """Size band, SME and VCSE status on the day ``on``, each with its reason."""
        return _findings(self.facts(), *_rules(on))

    def findings_shown(self, on: date) -> Mapping[str, "Shown"]:
        """``findings(on)`` as a reader sees them: each value with its reason in the language of the
        request (for pages and the API)."""
        return _findings_shown(self.facts(), *_rules(on), trans_real.catalog())

    def size_band_on(self, on: date) -> str | None:
        """micro, small, medium or large on the day ``on``; None when not known."""
        value = self.findings(on)["size_band"].value
        return value if isinstance(value, str) else None

    def is_sme_on(self, on: date) -> bool | None:
        """Whether it was a small or medium-sized enterprise on ``on``; None when not known."""
        value = self.findings(on)["sme"].value
        return value if isinstance(value, bool) else None

    def classify(self, on: date) -> bool:
        """Store the size band, SME and VCSE status for ``on``; True when any of them changed."""
        findings = self.findings(on)
        stored = (self.size_band, self.is_sme, self.is_vcse)
        self.size_band = findings["size_band"].value or ""
        self.is_sme = findings["sme"].value is True
        self.is_vcse = findings["vcse"].value is True
        return stored != (self.size_band, self.is_sme, self.is_vcse)


def _rules(on: date) -> tuple[classification.SizeRules, Decimal]:
    """The size rules and the social enterprise profit share in force on ``on``."""
    return (
        policy.in_force(policy.SIZE_BANDS, on).value,
        policy.in_force(policy.SOCIAL_ENTERPRISE_MIN_PROFIT_REINVESTED, on).value,
    )


def _findings(
    facts: classification.Facts, size_rules: classification.SizeRules, profit_share: Decimal
) -> dict[str, classification.Finding]:
    return {
        "size_band": classification.size_band(facts, size_rules),
        "sme": classification.is_sme(facts, size_rules),
        "vcse": classification.is_vcse(facts, profit_share),
    }


@dataclass(frozen=True)
class Shown:
    """A finding as a reader sees it: its value and its reason in their language."""

    value: bool | str | None
    reason: str


# A directory's page shows the findings of dozens of organisations, and reading them again and again
# is most of what the directory and the API's list do. The same facts under the same rules give the
# same findings, and the same catalogue the same sentences: kept for the last few thousand (about
# 1.5 KB each), keyed on the facts, the rules and the catalogue itself (a language, or a catalogue
# replaced in a test, is a new key).
@functools.lru_cache(maxsize=4096)
def _findings_shown(
    facts: classification.Facts,
    size_rules: classification.SizeRules,
    profit_share: Decimal,
    catalogue,
) -> Mapping[str, Shown]:
    return MappingProxyType(  # shared: nobody may change it
        {
            name: Shown(finding.value, finding.why.render(catalogue.gettext, catalogue.ngettext))
            for name, finding in _findings(facts, size_rules, profit_share).items()
        }
    )


def document_upload_to(instance: "OrganisationDocument", filename: str) -> str:
    # Services pass a name from core.uploads.safe_filename; this also keeps any
    # other caller's name inside the organisation's folder.
    return f"organisations/{instance.organisation_id}/{get_valid_filename(os.path.basename(filename) or 'file')}"


class OrganisationDocument(models.Model):
    class Kind(models.TextChoices):
        GOVERNING_DOCUMENT = "governing_document", _("Governing document")
        ACCOUNTS = "accounts", _("Annual accounts")
        POLICY = "policy", _("Policy (for example safeguarding)")
        INSURANCE = "insurance", _("Insurance certificate")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of document"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveBigIntegerField()
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public documents can be seen by anyone. Others only by your members."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("organisation document")

    def __str__(self) -> str:
        return self.title


class PublicBodyVerification(models.Model):
    """The back office, or a verified public body, confirmed that this public body serves this place.

    Place-staff powers come only from these (see ``place_staff``). Revoked ones are kept, with who and why.
    """

    class EvidenceKind(models.TextChoices):
        GSS_CODE = evidence.GSS_CODE, _("ONS GSS code")
        ODS_CODE = evidence.ODS_CODE, _("NHS ODS code")
        EMAIL_DOMAIN = evidence.EMAIL_DOMAIN, _("Public-sector email domain")
        OTHER = evidence.OTHER, _("Other evidence")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("public body"),
    )
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        related_name="public_body_verifications",
        verbose_name=_("place it is verified for"),
    )
    evidence_kind = models.CharField(
        _("kind of evidence"), max_length=20, choices=EvidenceKind.choices
    )
    evidence = models.CharField(_("evidence"), max_length=300)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_reason = models.TextField(_("why it was revoked"), blank=True)

    class Meta:
        ordering = ["organisation__name", "place__name", "-verified_at"]
        verbose_name = _("public body verification")
        verbose_name_plural = _("public body verifications")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "place"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_verification_per_body_and_place",
                violation_error_message=_("This public body is already verified for this place."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.place}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None

    def clean(self) -> None:
        if self.organisation_id and not self.organisation.is_public_body:
            raise ValidationError({"organisation": _("Only a public body can be verified.")})
        if self.evidence_kind not in self.EvidenceKind.values:
            return  # the field's own check says to choose one
        try:
            self.evidence = evidence.clean(self.evidence_kind, self.evidence)
        except evidence.InvalidEvidence as error:
            raise ValidationError({"evidence": str(error)}) from None


class SocialFactsCheck(models.Model):
    """The back office, or staff of a verified public body for a place the organisation serves,
    checked its inherent social value facts (asset lock, share of profits reinvested, local
    ownership and control) against evidence they saw.

    The newest check not withdrawn is the one in force; older and withdrawn ones are kept, with who
    and why. Only checked facts count in a competition's inherent social value, never what the
    organisation says of itself.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="social_facts_checks",
        verbose_name=_("organisation"),
    )
    asset_lock = models.BooleanField(
        _("asset lock"),
        default=False,
        help_text=_("Checked: its assets can only be used for its social purpose."),
    )
    profits_reinvested_percent = models.DecimalField(
        _("profits reinvested (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_percent,
        help_text=_(
            "The checked share of its profits put back into its purpose; empty if not checked."
        ),
    )
    locally_owned_place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place it is locally owned and controlled in"),
    )
    evidence = models.TextField(_("evidence"), max_length=2000)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_by_body = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("public body that checked"),
        help_text=_("Empty when the back office checked."),
    )
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    revoked_reason = models.TextField(_("why it was withdrawn"), blank=True)

    class Meta:
        ordering = ["organisation__name", "-checked_at", "-pk"]
        verbose_name = _("social value facts check")
        verbose_name_plural = _("social value facts checks")
        indexes = [models.Index(fields=["organisation", "-checked_at"], name="social_facts_newest")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.checked_at:%Y-%m-%d}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
