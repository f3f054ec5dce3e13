"""Reads about the demo place: who can sign in, as which role, and where."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.accounts.roles import Role
from commonweal.demo import data
from commonweal.places.models import Place


@dataclass(frozen=True)
class DemoSignIn:
    role: str
    email: str
    password: str
    where: str


def demo_place_loaded() -> bool:
    return Place.objects.filter(slug=data.BOROUGH["slug"], is_fictional=True).exists()


def demo_sign_ins() -> list[DemoSignIn]:
    """One row for each role a demo person holds, in the order of the roles, then the back office."""
    order = {role: position for position, role in enumerate(Role.values)}
    # The fictional voters have no password: nobody signs in as them.
    users = (
        User.objects.filter(is_demo_account=True, is_active=True)
        .exclude(password__startswith="!")
        .prefetch_related("role_assignments__organisation", "role_assignments__place")
    )
    rows = []
    for user in users:
        for assignment in user.role_assignments.all():
            row = DemoSignIn(
                assignment.get_role_display(), user.email, data.DEMO_PASSWORD, _where(assignment)
            )
            rows.append((order.get(assignment.role, len(order)), user.email, row))
        if user.is_superuser:
            row = DemoSignIn(
                _("Back office (superuser)"),
                user.email,
                data.DEMO_PASSWORD,
                _("Everything, and /admin/"),
            )
            rows.append((len(order) + 1, user.email, row))
    return [row for *_ignored, row in sorted(rows, key=lambda item: item[:2])]


def _where(assignment) -> str:
    if assignment.place is not None:
        return f"{assignment.place.name} ({assignment.place.get_kind_display().lower()})"
    return str(assignment.organisation)


def sign_in_table(rows: list[DemoSignIn]) -> str:
    """The sign-ins as a plain text table for the console."""
    header = DemoSignIn(_("Role"), _("Email"), _("Password"), _("Where"))
    table = [header, *rows]
    widths = [
        max(len(getattr(row, column)) for row in table)
        for column in ("role", "email", "password", "where")
    ]

    def line(row: DemoSignIn) -> str:
        cells = [
            row.role.ljust(widths[0]),
            row.email.ljust(widths[1]),
            row.password.ljust(widths[2]),
            row.where,
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])
