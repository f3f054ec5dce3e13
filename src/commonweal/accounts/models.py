"""People, and the roles they hold for organisations and places."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.roles import (
    ORGANISATION,
    PLACE,
    PUBLIC_BODY_ROLES,
    ROLE_SCOPES,
    STAFF_ROLES,
    Role,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is needed.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("can use the back office"), default=False, help_text=_("Can sign in to the Django admin.")
    )
    is_demo_account = models.BooleanField(
        _("demo account"), default=False, help_text=_("A fictional person in the demo place.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # How many of the person's notifications are unread, for the link in every page's header: kept
    # by the notifications app as it tells them and as they read, so no page counts them.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)
    email_confirmed_at = models.DateTimeField(
        _("email address confirmed"),
        null=True,
        blank=True,
        help_text=_(
            "When the person followed the link sent to their current email address. Empty until then."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_email = instance.__dict__.get("email")
        return instance

    def refresh_from_db(self, *args, **kwargs) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._saved_email = self.email

    def save(self, *args, **kwargs) -> None:
        # The unread count moves by updates while the person is loaded elsewhere (a page, a form): a
        # whole save of an older copy leaves it as it is. Only a save that names it writes it.
        if (
            not self._state.adding
            and kwargs.get("update_fields") is None
            and len(args) < 4
            and not kwargs.get("force_insert")
        ):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "unread_notifications"
            ]
        # A new address is not confirmed, however it was changed (the details page, the back office):
        # the person confirms it by the link, or the back office confirms it with its action.
        saved_email = getattr(self, "_saved_email", None)
        if (
            saved_email is not None
            and self.email != saved_email
            and self.email_confirmed_at is not None
        ):
            self.email_confirmed_at = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "email_confirmed_at"}
        # A new password revokes every API token, however it was set: the change-password page, the
        # reset link, the back office or a service. Django marks a real change (not a hash upgrade on
        # sign-in) by keeping the new password in _password until the save.
        password_changed = self._password is not None and self.pk is not None
        # Made back-office staff: tokens made when no second factor was needed must not carry the new
        # powers past the second factor (see RoleAssignment.save).
        made_staff = (
            self.pk is not None
            and (self.is_staff or self.is_superuser)
            and not User.objects.filter(pk=self.pk)
            .filter(models.Q(is_staff=True) | models.Q(is_superuser=True))
            .exists()
        )
        super().save(*args, **kwargs)
        self._saved_email = self.email
        if password_changed:
            from commonweal.accounts.tokens import api_tokens_revoke_all

            api_tokens_revoke_all(user=self, reason="Password changed: API tokens revoked")
        elif made_staff:
            revoke_tokens_made_without_second_factor(self)

    @property
    def needs_two_factor(self) -> bool:
        """Staff roles and back-office users must sign in with a second factor."""
        if self.is_staff or self.is_superuser:
            return True
        return self.role_assignments.filter(role__in=STAFF_ROLES).exists()


class RoleAssignment(models.Model):
    """One role held by one person, for one organisation or one place."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, place__isnull=True)
                    | models.Q(organisation__isnull=True, place__isnull=False)
                ),
                name="role_held_for_organisation_or_place",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="role_once_per_organisation"
            ),
            models.UniqueConstraint(fields=["user", "role", "place"], name="role_once_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.scope}"

    def save(self, *args, **kwargs) -> None:
        # A first staff role means the person now needs a second factor. Their API tokens were made
        # without one, so they stop working: otherwise a token made as a resident would carry a
        # commissioner's powers with no second factor ever asked for. However the role was given
        # (a service, the back office, a shell).
        first_staff_role = (
            self.pk is None and self.role in STAFF_ROLES and not self.user.needs_two_factor
        )
        super().save(*args, **kwargs)
        if first_staff_role:
            revoke_tokens_made_without_second_factor(self.user)

    def clean(self) -> None:
        allowed = ROLE_SCOPES.get(self.role, frozenset())
        if self.organisation_id and self.place_id:
            raise ValidationError(_("Choose an organisation or a place, not both."))
        if self.organisation_id is None and self.place_id is None:
            raise ValidationError(_("Choose the organisation or place this role is held for."))
        if self.organisation_id and ORGANISATION not in allowed:
            raise ValidationError(
                {
                    "role": _("%(role)s is a role held for a place, not an organisation.")
                    % {"role": self.get_role_display()}
                }
            )
        if self.place_id and PLACE not in allowed:
            raise ValidationError(
                {
                    "role": _("%(role)s is a role held for an organisation, not a place.")
                    % {"role": self.get_role_display()}
                }
            )
        if (
            self.organisation_id
            and self.role in PUBLIC_BODY_ROLES
            and not self.organisation.is_public_body
        ):
            raise ValidationError(
                {
                    "role": _("%(role)s is a role for people in a public body.")
                    % {"role": self.get_role_display()}
                }
            )

    @property
    def scope(self):
        return self.organisation or self.place


def revoke_tokens_made_without_second_factor(user: User) -> None:
    """The person has just come to need a second factor: tokens they made before then stop working."""
    from commonweal.accounts.tokens import api_tokens_revoke_all

    api_tokens_revoke_all(
        user=user, reason="Now needs two-factor authentication: API tokens made without it revoked"
    )


class ApiToken(models.Model):
    """A personal key for the API. Only a hash is stored: the key is shown once, when made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("what it is for"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Set only in the back office (accounts/admin.py), by staff allowed to change API tokens.
    rate_per_minute = models.PositiveIntegerField(
        _("requests a minute"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_(
            "How many API requests a minute this token may make, instead of the usual limit for a "
            "signed-in person. Leave empty for the usual limit."
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AttemptCount(models.Model):
    """How many times something limited (signing in, signing up, asking for a link) was tried, by one key,
    in the window that started at ``window_started``. Counted atomically by accounts.throttle."""

    key = models.CharField(max_length=120, unique=True)
    window_started = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attempt count")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
