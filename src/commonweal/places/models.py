"""Places: a country, its local authorities, and their wards and neighbourhoods."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Place(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        WARD = "ward", _("Ward")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")

    # Which kind of place may sit inside which.
    ALLOWED_PARENTS = {
        Kind.COUNTRY: set(),
        Kind.LOCAL_AUTHORITY: {Kind.COUNTRY},
        Kind.WARD: {Kind.LOCAL_AUTHORITY},
        Kind.NEIGHBOURHOOD: {Kind.WARD, Kind.LOCAL_AUTHORITY},
    }

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name for web addresses"), max_length=200, unique=True)
    kind = models.CharField(_("kind of place"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    gss_code = models.CharField(
        _("ONS GSS code"),
        max_length=9,
        blank=True,
        help_text=_(
            "The Office for National Statistics code, for example E09000022. Leave empty if it has none."
        ),
        validators=[
            RegexValidator(
                r"^[EWSNK]\d{8}$",
                _(
                    "Enter a GSS code as a letter (E, W, S, N or K) followed by 8 digits, like E09000022."
                ),
            )
        ],
    )
    description = models.TextField(_("about this place"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_fictional = models.BooleanField(
        _("fictional"),
        default=False,
        help_text=_("Demo places are fictional and say so on every page about them."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"],
                condition=~models.Q(gss_code=""),
                name="place_gss_code_unique",
                violation_error_message=_("Another place already has this GSS code."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        allowed = self.ALLOWED_PARENTS.get(self.kind, set())
        if self.parent is None and allowed and self.kind != self.Kind.COUNTRY:
            raise ValidationError(
                {
                    "parent": _("Choose the place this %(kind)s is part of.")
                    % {"kind": self.get_kind_display().lower()}
                }
            )
        if self.parent is not None:
            if self.parent.kind not in allowed:
                raise ValidationError(
                    {
                        "parent": _("A %(kind)s cannot be part of a %(parent)s.")
                        % {
                            "kind": self.get_kind_display().lower(),
                            "parent": self.parent.get_kind_display().lower(),
                        }
                    }
                )
            if self.pk is not None and self.pk in {
                p.pk for p in self.parent.ancestors(include_self=True)
            }:
                raise ValidationError({"parent": _("A place cannot be part of itself.")})
        if self.pk is not None:
            for child in self.children.all():
                if self.kind not in self.ALLOWED_PARENTS.get(child.kind, set()):
                    raise ValidationError(
                        {
                            "kind": _(
                                "%(child)s is part of this place, and a %(child_kind)s cannot be part of a %(kind)s."
                            )
                            % {
                                "child": child.name,
                                "child_kind": child.get_kind_display().lower(),
                                "kind": self.get_kind_display().lower(),
                            }
                        }
                    )

    def ancestors(self, *, include_self: bool = False) -> list["Place"]:
        """From the country down to this place's parent (or to this place)."""
        chain = [self] if include_self else []
        node = self.parent
        seen = set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))
