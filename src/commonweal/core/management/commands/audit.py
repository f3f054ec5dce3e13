"""`commonweal audit`: check, seal and checkpoint the audit trail of every change to a record."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commonweal.core import audit_chain, audit_checkpoints, audit_keys, audit_roles


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the language of the moment
        return _("Work with the audit trail of every change to a record.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        verify = actions.add_parser(
            "verify",
            help=gettext_lazy(
                "Walk the whole trail and check each entry's hash against the one before it, and "
                "the signed checkpoints against the trail."
            ),
        )
        verify.add_argument(
            "--checkpoint",
            metavar="FILE",
            help=gettext_lazy(
                "A checkpoint saved from /api/audit/checkpoints/ (JSON): check its signature, that "
                "the trail still holds it, and the trail after it."
            ),
        )
        actions.add_parser(
            "seal",
            help=gettext_lazy(
                "Seal the entries waiting to be chained (the site does this "
                "itself just after each change)."
            ),
        )
        actions.add_parser(
            "checkpoint",
            help=gettext_lazy(
                "Seal what is waiting, then sign and publish a "
                "checkpoint of the trail's newest entry."
            ),
        )
        actions.add_parser(
            "keys", help=gettext_lazy("Print new values for AUDIT_KEY and AUDIT_SIGNING_KEY.")
        )
        grants = actions.add_parser(
            "grants",
            help=gettext_lazy(
                "Print the PostgreSQL grants for the role the site connects as, which may add to the trail and read "
                "it but not change it."
            ),
        )
        grants.add_argument("role", help=gettext_lazy("The role the site connects as."))
        grants.add_argument(
            "--owner",
            default="",
            help=gettext_lazy(
                "The role that owns the tables and runs `commonweal migrate` (the current role if not given)."
            ),
        )

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _seal(self, **options) -> None:
        count = audit_chain.seal(wait=True)
        self.stdout.write(
            ngettext("Sealed %(count)d entry.", "Sealed %(count)d entries.", count)
            % {"count": count}
        )

    def _checkpoint(self, **options) -> None:
        checkpoint, made = audit_checkpoints.checkpoint_now()
        if not made:
            self.stdout.write(_("Nothing new since the last checkpoint."))
            return
        self.stdout.write(
            _("Checkpoint signed: %(seq)d entries, newest hash %(hash)s.")
            % {"seq": checkpoint.seq, "hash": checkpoint.head_hash}
        )

    def _keys(self, **options) -> None:
        keys = audit_keys.new_keys()
        self.stdout.write(
            _(
                "Keep these secret and out of the database, like SECRET_KEY. Changing AUDIT_KEY later "
                "makes every entry sealed before the change fail `commonweal audit verify`."
            )
        )
        self.stdout.write(f"AUDIT_KEY={keys['AUDIT_KEY']}")
        self.stdout.write(f"AUDIT_SIGNING_KEY={keys['AUDIT_SIGNING_KEY']}")
        self.stdout.write(
            _("Public key (published with the checkpoints): %(key)s") % {"key": keys["public_key"]}
        )

    def _grants(self, role: str, owner: str = "", **options) -> None:
        from django.db import connection

        if not owner and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_user")
                owner = cursor.fetchone()[0]
        owner = owner or "commonweal_owner"
        for name in (role, owner):
            if not audit_roles.valid_role_name(name):
                raise CommandError(
                    _("“%(name)s” is not a role name: use lower-case letters, digits and _.")
                    % {"name": name}
                )
        self.stdout.write(audit_roles.grants_sql(role=role, owner=owner), ending="")

    def _verify(self, checkpoint: str | None = None, **options) -> None:
        if checkpoint:
            report = audit_checkpoints.verify_against(self._read_checkpoint(checkpoint))
        else:
            report = audit_checkpoints.verify_all()
        values = {
            "id": report.first_broken_id or 0,
            "problem": report.problem,
            "count": report.checked,
            "waiting": report.waiting,
            "checkpoints": report.checkpoints_checked,
        }
        if report.intact:
            if checkpoint:
                self.stdout.write(
                    self.style.SUCCESS(
                        ngettext(
                            "Audit trail intact and matches the checkpoint: %(count)d entry after it checked.",
                            "Audit trail intact and matches the checkpoint: %(count)d entries after it checked.",
                            report.checked,
                        )
                        % values
                    )
                )
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        ngettext(
                            "Audit trail intact: %(count)d entry checked.",
                            "Audit trail intact: %(count)d entries checked.",
                            report.checked,
                        )
                        % values
                    )
                )
                if report.checkpoints_checked:
                    self.stdout.write(
                        ngettext(
                            "%(checkpoints)d signed checkpoint matches it.",
                            "%(checkpoints)d signed checkpoints match it.",
                            report.checkpoints_checked,
                        )
                        % values
                    )
            if report.waiting:
                self.stdout.write(
                    ngettext(
                        "%(waiting)d newer entry is waiting to be sealed.",
                        "%(waiting)d newer entries are waiting to be sealed.",
                        report.waiting,
                    )
                    % values
                )
            for note in report.notes:
                self.stdout.write(note + ".")
            return
        if report.first_broken_id is not None:
            where = _("Audit trail broken at entry #%(id)d: %(problem)s.") % values
        elif checkpoint:
            where = _("Audit trail does not match the checkpoint: %(problem)s.") % values
        else:
            where = _("Audit trail broken after its last entry: %(problem)s.") % values
        intact = (
            ngettext(
                "%(count)d entry before it is intact.",
                "%(count)d entries before it are intact.",
                report.checked,
            )
            % values
        )
        # Against a saved checkpoint nothing was counted before the problem was found: no count to give.
        self.stderr.write(f"{where} {intact}" if report.checked or not checkpoint else where)
        sys.exit(1)

    def _read_checkpoint(self, path: str):
        try:
            with open(path, encoding="utf-8") as file:
                return json.load(file)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s.") % {"path": path, "error": error.strerror}
            ) from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                _(
                    "%(path)s is not a checkpoint: it is not JSON as /api/audit/checkpoints/ gives it."
                )
                % {"path": path}
            ) from error
