"""Seating a drawn panel: each drawn person with an email gets an account (or their own one is found),
the citizen commissioner role for the panel's place, a membership of this panel, and an invitation."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.accounts.services import role_grant
from commonweal.core import audit
from commonweal.panels import notices
from commonweal.panels.models import Panel, PanelMember


@transaction.atomic
def panel_seat(*, actor, panel: Panel) -> list[PanelMember]:
    """Seat the drawn panel: accounts, the role for the place, memberships, invitations. Safe to repeat."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not panel.can_seat:
        raise ValidationError(_("Make the draw before you seat the panel."))
    reason = _("Seated on the citizens' panel “%(title)s”") % {"title": panel.title}
    drawn = panel.pool.filter(number__in=panel.draw.drawn).order_by("number")
    seated, new_members = [], []
    with audit.audit_context(actor=actor, reason=reason):
        for volunteer in drawn:
            if not volunteer.email:
                continue
            user, created = _account_for(volunteer)
            if not RoleAssignment.objects.filter(
                user=user, role=Role.CITIZEN_COMMISSIONER, place=panel.place
            ).exists():
                role_grant(
                    actor=actor,
                    user=user,
                    role=Role.CITIZEN_COMMISSIONER,
                    place=panel.place,
                    reason=reason,
                )
            member, new = PanelMember.objects.get_or_create(
                panel=panel, user=user, defaults={"volunteer": volunteer}
            )
            if new:
                new_members.append(member)
                transaction.on_commit(
                    lambda user=user, created=created: _invite(panel, user, created)
                )
            seated.append(member)
        panel.status = Panel.Status.SEATED
        panel.save(update_fields=["status"])
    notices.chosen(panel, user_ids=[member.user_id for member in new_members], actor=actor)
    return seated


def _account_for(volunteer) -> tuple[User, bool]:
    existing = User.objects.filter(email__iexact=volunteer.email).first()
    if existing is not None:
        return existing, False
    # No password yet: the invitation's link lets the person choose one.
    user = User(email=volunteer.email.lower(), full_name=volunteer.name)
    user.set_unusable_password()
    user.save()
    return user, True


def _invite(panel: Panel, user: User, new_account: bool) -> None:
    from commonweal.accounts.tasks import send_email

    context = {
        "panel": panel,
        "user": user,
        "new_account": new_account,
        "site_url": settings.SITE_URL,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = _("You are on the citizens' panel “%(title)s”") % {"title": panel.title}
    body = loader.render_to_string("panels/email/invitation.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[user.email])
