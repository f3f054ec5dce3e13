"""Pages for signing up, signing in and out, resetting a password, and a person's own account."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.accounts import (
    confirmation,
    forms,
    permissions,
    selectors,
    services,
    throttle,
    tokens,
    twofactor,
)
from commonweal.core.viewtools import paginate, safe_next


def _next_of(request) -> str:
    return request.POST.get("next") or request.GET.get("next") or ""


# --- signing up, in and out ---------------------------------------------------------------------


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = forms.SignUpForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_sign_up(
                full_name=data["full_name"],
                email=data["email"],
                password=data["password1"],
                residence=data["residence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account has been created."))
            return redirect("core:dashboard")
    return render(request, "accounts/sign_up.html", {"form": form})


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = _next_of(request)
    if request.user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request, next_url, settings.LOGIN_REDIRECT_URL))
    form = forms.SignInForm(request.POST or None, request=request, initial={"next": next_url})
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        # The second factor, if the person's roles need one, is asked for on the way to ``next``.
        return redirect(safe_next(request, form.cleaned_data["next"], settings.LOGIN_REDIRECT_URL))
    return render(request, "accounts/sign_in.html", {"form": form})


@require_POST
def sign_out(request):
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- resetting a forgotten password ---------------------------------------------------------------


def _link_hours() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


class _LinkHours:
    """How long a reset link works, for the pages that say so."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "link_hours": _link_hours()}


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.ResetPasswordForm
    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        self.extra_email_context = {
            **forms.password_reset_email_context(),
            "link_hours": _link_hours(),
        }
        return super().form_valid(form)


class PasswordResetDoneView(_LinkHours, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(_LinkHours, auth_views.PasswordResetConfirmView):
    form_class = forms.NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- confirming an email address ------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, token: str):
    """The link from the email. The address is confirmed by pressing the button, not by opening the page,
    so a mail scanner that opens links confirms nothing."""
    try:
        person = confirmation.link_user(token)
    except confirmation.LinkRefused as refused:
        return render(request, "accounts/confirm_email.html", {"problem": str(refused)}, status=400)
    if request.method == "POST":
        services.user_email_confirm(user=person)
        messages.success(
            request, _("Your email address %(email)s is confirmed.") % {"email": person.email}
        )
        if request.user.is_authenticated:
            return redirect("core:dashboard")
        return redirect("accounts:sign-in")
    return render(
        request,
        "accounts/confirm_email.html",
        {
            "person": person,
            "already": person.email_confirmed_at is not None,
        },
    )


@login_required
@require_POST
def confirm_email_send(request):
    """Send the confirmation link again (a few times an hour at most)."""
    next_url = safe_next(request, request.POST.get("next"), "accounts:settings")
    user = request.user
    if permissions.has_confirmed_email(user):
        messages.success(request, _("Your email address is already confirmed."))
        return redirect(next_url)
    over = throttle.attempt(throttle.CONFIRM_EMAIL, request=request, email=user.email)
    if over is not None:
        messages.error(
            request,
            _(
                "You have asked for too many links. Wait %(minutes)s minutes, then check your email again "
                "before asking for another."
            )
            % {"minutes": over.minutes},
        )
    else:
        services.email_confirmation_send(user=user)
        messages.success(
            request,
            _("We have sent a new link to %(email)s. It may take a few minutes to arrive.")
            % {"email": user.email},
        )
    return redirect(next_url)


# --- account settings --------------------------------------------------------------------------

API_TOKENS_PER_PAGE = 20


@login_required
@never_cache
def account_settings(request):
    user = request.user
    residence = selectors.residence_of(user)
    return render(
        request,
        "accounts/settings.html",
        {
            "residence": residence,
            "residence_label": selectors.residence_label(residence) if residence else "",
            "roles": selectors.roles_of(user),
            # A page of tokens at a time: a program's owner may make many.
            "api_tokens": paginate(
                request, selectors.api_tokens_of(user), API_TOKENS_PER_PAGE, param="tokens-page"
            ),
            "two_factor_on": selectors.has_two_factor(user),
            "needs_two_factor": user.needs_two_factor,
            "can_turn_off_two_factor": permissions.can_turn_off_two_factor(user),
            "email_confirmed": permissions.has_confirmed_email(user),
        },
    )


@login_required
@sensitive_post_parameters("current_password")
@require_http_methods(["GET", "POST"])
def change_details(request):
    form = forms.DetailsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_details(
                actor=request.user,
                user=request.user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            request.user.refresh_from_db()
            form.add_error(None, error)
        else:
            messages.success(request, _("Your details have been saved."))
            return redirect("accounts:settings")
    return render(request, "accounts/change_details.html", {"form": form})


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = forms.ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_password_set(
            actor=request.user, user=request.user, password=form.cleaned_data["new_password1"]
        )
        # Keeps this session signed in; other sessions with the old password are signed out.
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:settings")
    return render(request, "accounts/change_password.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def change_residence(request):
    current = selectors.residence_of(request.user)
    form = forms.ResidenceForm(
        request.POST or None, initial={"residence": current.pk if current else None}
    )
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["residence"]
        services.residence_set(actor=request.user, user=request.user, place=place)
        if place is None:
            messages.success(request, _("You no longer say where you live."))
        else:
            messages.success(
                request,
                _("You are now a resident of %(place)s.")
                % {"place": selectors.residence_label(place)},
            )
        return redirect("accounts:settings")
    return render(request, "accounts/change_residence.html", {"form": form, "current": current})


# --- API tokens --------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def api_token_create(request):
    form = forms.ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = tokens.api_token_create(user=request.user, name=form.cleaned_data["name"])
        # Shown on this response only, never stored: there is no page to come back to.
        return render(request, "accounts/api_token_created.html", {"token": token, "key": key})
    return render(request, "accounts/api_token_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, token_id: int):
    token = selectors.api_token_of(request.user, token_id)
    if token is None:
        raise Http404
    if request.method == "POST":
        if not tokens.api_token_revoke(user=request.user, token_id=token.pk):
            raise Http404
        messages.success(
            request,
            _("The token “%(name)s” has been revoked. It no longer works.") % {"name": token.name},
        )
        return redirect(reverse("accounts:settings") + "#api-tokens")
    return render(request, "accounts/api_token_revoke.html", {"token": token})


# --- two-factor authentication -----------------------------------------------------------------


def _code_accepted(form, device) -> bool:
    """Check the code typed into ``form`` against ``device``, explaining a refusal on the form."""
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        # Each wrong code makes the wait before the next try longer.
        form.add_error(
            "code",
            _(
                "You have entered too many wrong codes. Wait a minute, then enter the code your app shows."
            ),
        )
        return False
    if not services.totp_device_verify(device=device, code=form.cleaned_data["code"]):
        form.add_error(
            "code", _("The code is not correct. Enter the 6-digit code your app shows now.")
        )
        return False
    return True


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    next_url = _next_of(request)
    has_device = selectors.has_two_factor(request.user)
    if not permissions.can_set_up_two_factor(request.user, has_confirmed_device=has_device):
        # Replacing an app needs the current one first.
        return redirect(f"{reverse('accounts:two-factor-verify')}?{request.GET.urlencode()}")
    device = services.totp_device_prepare(user=request.user)
    form = forms.TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_accepted(form, device):
        services.totp_device_confirm(user=request.user, device=device)
        request.session.cycle_key()
        django_otp.login(request, device)
        messages.success(request, _("Two-factor authentication is on."))
        return redirect(safe_next(request, next_url, "accounts:settings"))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "replacing": has_device,
            "secret": twofactor.secret_for_typing(device),
            "qr_code": twofactor.qr_code_svg(
                device,
                accessible_name=_("QR code to add your Commonweal account to an authenticator app"),
            ),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    next_url = _next_of(request)
    device = selectors.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('accounts:two-factor-setup')}?{request.GET.urlencode()}")
    if request.user.is_verified() and request.method == "GET":
        return redirect(safe_next(request, next_url, settings.LOGIN_REDIRECT_URL))
    form = forms.TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_accepted(form, device):
        request.session.cycle_key()
        django_otp.login(request, device)
        return redirect(safe_next(request, next_url, settings.LOGIN_REDIRECT_URL))
    demo_code = None
    if settings.DEMO_MODE and request.user.is_demo_account:
        device.refresh_from_db()
        demo_code = twofactor.current_code(device)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url, "demo_code": demo_code},
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_turn_off(request):
    if not permissions.can_turn_off_two_factor(request.user):
        raise PermissionDenied
    if not selectors.has_two_factor(request.user):
        return redirect("accounts:settings")
    if request.method == "POST":
        services.totp_devices_remove(actor=request.user, user=request.user)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:settings")
    return render(request, "accounts/two_factor_turn_off.html")
