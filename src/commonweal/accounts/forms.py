"""Forms for signing up, signing in, account settings and two-factor authentication."""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from commonweal.accounts import selectors, throttle
from commonweal.accounts.models import User
from commonweal.core.forms import ModelChoiceField, PlainForm

EMAIL_TAKEN = _(
    "An account with this email address already exists. Sign in, or reset your password if you have forgotten it."
)
PASSWORDS_DIFFER = _("The passwords do not match. Enter the same password twice.")


class _PlacesInOrder(forms.models.ModelChoiceIterator):
    """Each borough first, followed by its wards and neighbourhoods, each labelled "Ward, Borough"."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for place, label in selectors.residence_choices():
            yield (
                forms.models.ModelChoiceIteratorValue(self.field.prepare_value(place), place),
                label,
            )


class ResidenceChoiceField(ModelChoiceField):
    """A ward, neighbourhood or local authority someone can say they live in."""

    iterator = _PlacesInOrder

    def __init__(self, **kwargs):
        super().__init__(
            queryset=selectors.residence_places(), empty_label=_("I would rather not say"), **kwargs
        )


# The project's validators compare a password with the email address; the name matters as much.
_NOT_LIKE_NAME = password_validation.UserAttributeSimilarityValidator(
    user_attributes=("full_name",)
)


def _check_password(password: str, user: User) -> None:
    """Django's password rules from settings, and not too like the person's name."""
    errors = []
    for check in (
        lambda: password_validation.validate_password(password, user=user),
        lambda: _NOT_LIKE_NAME.validate(password, user=user),
    ):
        try:
            check()
        except forms.ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise forms.ValidationError(errors)


def _clean_email(value: str) -> str:
    return (value or "").strip().lower()


class SignUpForm(PlainForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_(
            "You will use this to sign in. We will only send you emails about your account."
        ),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    password1 = forms.CharField(
        label=_("Create a password"),
        strip=False,
        widget=forms.PasswordInput,
        help_text=_(
            "Use at least 10 characters. Avoid common words and passwords you use elsewhere."
        ),
        error_messages={"required": _("Enter a password")},
    )
    password2 = forms.CharField(
        label=_("Enter the password again"),
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter the password again")},
    )
    residence = ResidenceChoiceField(
        label=_("Where do you live?"),
        required=False,
        help_text=_(
            "Choose your ward or neighbourhood, or your council area. You can take part as a resident there."
        ),
        error_messages={"invalid_choice": _("Choose a place from the list")},
    )

    def clean_full_name(self) -> str:
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your full name"))
        return name

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = _clean_email(self.cleaned_data["email"])
        # Counted before the address is looked up, so the limit also slows down finding out who has an account.
        over = throttle.attempt(throttle.SIGN_UP, request=self.request, email=email)
        if over is not None:
            raise forms.ValidationError(
                _(
                    "You have tried to make too many accounts. Wait %(minutes)s minutes and try again."
                )
                % {"minutes": over.minutes}
            )
        # The same answer whether or not the account is active: nothing more than sign-up must reveal.
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN)
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", PASSWORDS_DIFFER)
        if password1:
            person = User(
                email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or ""
            )
            try:
                _check_password(password1, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignInForm(PlainForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter your password")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        return _clean_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        # Counted before the password is checked, so requests sent at once cannot all be checked.
        over = throttle.attempt(throttle.SIGN_IN, request=self.request, email=email)
        if over is not None:
            self.add_error(
                "email",
                _(
                    "You have tried to sign in too many times. Wait %(minutes)s minutes and try again, "
                    "or reset your password."
                )
                % {"minutes": over.minutes},
            )
            return cleaned
        # The model backend refuses inactive people, so they get the same answer as a wrong password.
        self.user = authenticate(self.request, email=email, password=password)
        if self.user is None:
            self.add_error("email", _("Enter a correct email address and password"))
        else:
            throttle.forgive(throttle.SIGN_IN, email=email)
        return cleaned


class DetailsForm(PlainForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    current_password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Only needed if you change your email address."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {"full_name": user.full_name, "email": user.email})
        super().__init__(*args, **kwargs)

    def clean_full_name(self) -> str:
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your full name"))
        return name

    def clean_email(self) -> str:
        email = _clean_email(self.cleaned_data["email"])
        if (
            email != self.user.email
            and User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists()
        ):
            raise forms.ValidationError(EMAIL_TAKEN)
        return email

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        # The email address is how a person signs in and resets their password: only they may change it.
        if email and email != self.user.email:
            password = cleaned.get("current_password")
            if not password:
                self.add_error(
                    "current_password",
                    _("Enter your current password to change your email address"),
                )
            elif not self.user.check_password(password):
                self.add_error("current_password", _("Your current password is not correct"))
        return cleaned


class ResidenceForm(PlainForm):
    residence = ResidenceChoiceField(
        label=_("Where do you live?"),
        required=False,
        help_text=_("Choose your ward or neighbourhood, or your council area."),
        error_messages={"invalid_choice": _("Choose a place from the list")},
    )


class _NewPasswordRules:
    """The rules for a new password, with their errors on the field where it was typed."""

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get("new_password1")
        if password and not self.has_error("new_password2"):
            try:
                _check_password(password, user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)


class ChangePasswordForm(_NewPasswordRules, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Your current password is not correct"),
        "password_mismatch": PASSWORDS_DIFFER,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")
        self.fields["old_password"].error_messages["required"] = _("Enter your current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "Use at least 10 characters. Avoid common words and passwords you use elsewhere."
        )
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Enter the new password again")
        self.fields["new_password2"].error_messages["required"] = _("Enter the new password again")
        for name in ("old_password", "new_password1"):
            self.fields[name].widget.attrs.pop("autofocus", None)


class ResetPasswordForm(PasswordResetForm):
    """Django's reset form, sending its email from a background task."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].error_messages.update(
            {
                "required": _("Enter your email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.com"),
            }
        )

    def clean_email(self) -> str:
        email = _clean_email(self.cleaned_data["email"])
        over = throttle.attempt(throttle.PASSWORD_RESET, request=self.request, email=email)
        if over is not None:
            raise forms.ValidationError(
                _(
                    "You have asked for too many links. Wait %(minutes)s minutes, then check your email "
                    "again before asking for another."
                )
                % {"minutes": over.minutes}
            )
        return email

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from commonweal.accounts.tasks import send_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email], from_email=from_email)


class NewPasswordForm(_NewPasswordRules, SetPasswordForm):
    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": PASSWORDS_DIFFER}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "Use at least 10 characters. Avoid common words and passwords you use elsewhere."
        )
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Enter the new password again")
        self.fields["new_password2"].error_messages["required"] = _("Enter the new password again")
        self.fields["new_password1"].widget.attrs.pop("autofocus", None)


class TwoFactorCodeForm(PlainForm):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
        help_text=_("The 6-digit code your app shows now."),
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(
                _("Enter the 6-digit code from your authenticator app, like 123456")
            )
        return code


class ApiTokenForm(PlainForm):
    name = forms.CharField(
        label=_("What is this token for?"),
        max_length=100,
        help_text=_("A name to help you recognise it later, like “Spreadsheet import”."),
        error_messages={"required": _("Enter what this token is for")},
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter what this token is for"))
        return name


def password_reset_email_context() -> dict:
    """Extra values for the reset email: the site's own address, not the one a request claimed."""
    return {"site_url": settings.SITE_URL}
