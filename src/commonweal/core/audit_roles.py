"""The PostgreSQL grants for an application role that cannot rewrite the audit trail.

In production the tables are owned by one role (it runs `commonweal migrate`) and the site connects as
another, which may add to the trail and read it but not change, delete or truncate it, and which, not
being the owner, cannot switch the trail's triggers off. `commonweal audit grants ROLE` prints this SQL.
"""

import re

# Add and read only. Sealing only inserts seals; the queue of waiting entries is emptied as they are
# sealed; the head is locked and moved forward (its trigger refuses any move back).
AUDIT_GRANTS = (
    ("core_auditentry", "SELECT, INSERT"),
    ("core_auditseal", "SELECT, INSERT"),
    ("core_auditcheckpoint", "SELECT, INSERT"),
    ("core_pendingseal", "SELECT, INSERT, DELETE"),
    ("core_auditchainhead", "SELECT, UPDATE"),
)

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def valid_role_name(name: str) -> bool:
    return bool(_NAME.match(name))


def grants_sql(*, role: str, owner: str, schema: str = "public") -> str:
    """The statements, for the database the site uses, to run as the owner after every `commonweal migrate`."""
    for name in (role, owner, schema):
        if not valid_role_name(name):
            raise ValueError(name)
    tables = ", ".join(table for table, _rights in AUDIT_GRANTS)
    lines = [
        f"-- Run as {owner}, the owner of Commonweal's tables, after every `commonweal migrate`.",
        f"GRANT USAGE ON SCHEMA {schema} TO {role};",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role};",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role};",
        "-- The audit trail: add and read, never change, remove or truncate.",
        f"REVOKE ALL ON {tables} FROM {role};",
        *(f"GRANT {rights} ON {table} TO {role};" for table, rights in AUDIT_GRANTS),
    ]
    return "\n".join(lines) + "\n"
