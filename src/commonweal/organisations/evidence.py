"""Evidence that an organisation is the public body it says it is. Plain Python.

A verifier records one piece of evidence with each verification. Each kind has a shape
that can be checked without the network: a GSS code is a letter and eight digits, an ODS
code three to six letters and digits, an email domain ends in a public-sector suffix.
The verifier still has to check that the evidence belongs to the organisation.
"""

import re

from django.utils.translation import gettext as _

GSS_CODE = "gss_code"
ODS_CODE = "ods_code"
EMAIL_DOMAIN = "email_domain"
OTHER = "other"

# Domains only public bodies in the UK can have addresses under.
PUBLIC_SECTOR_SUFFIXES = (
    "gov.uk",
    "nhs.uk",
    "nhs.net",
    "police.uk",
    "mod.uk",
    "parliament.uk",
    "gov.scot",
    "nhs.scot",
    "gov.wales",
    "llyw.cymru",
    "hscni.net",
)

_GSS = re.compile(r"^[EWSNK]\d{8}$")
# Trusts and integrated care boards have 3 characters (RJ1, QKK, 00J), their sites 5 (RJ122),
# GP practices 6 (A81001).
_ODS = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{3}(?:[A-Z0-9]{2,3})?$")
_DOMAIN = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
OTHER_MIN_LENGTH = 10


class InvalidEvidence(ValueError):
    """The evidence does not have the shape its kind needs; the message says what to fix."""


def clean(kind: str, text: str) -> str:
    """The evidence in its usual form (codes in capitals, domains in small letters), or InvalidEvidence."""
    text = (text or "").strip()
    if kind == GSS_CODE:
        code = text.upper().replace(" ", "")
        if not _GSS.match(code):
            raise InvalidEvidence(
                _(
                    "Enter a GSS code as a letter (E, W, S, N or K) followed by 8 digits, like E06000001"
                )
            )
        return code
    if kind == ODS_CODE:
        code = text.upper().replace(" ", "")
        if not _ODS.match(code):
            raise InvalidEvidence(
                _("Enter an ODS code of 3, 5 or 6 letters and numbers, like RJ1 or RJ122")
            )
        return code
    if kind == EMAIL_DOMAIN:
        domain = text.lower().rsplit("@", 1)[-1].strip().rstrip(".")
        if not _DOMAIN.match(domain):
            raise InvalidEvidence(_("Enter an email domain, like riverside.gov.uk"))
        if not any(domain.endswith("." + suffix) for suffix in PUBLIC_SECTOR_SUFFIXES):
            raise InvalidEvidence(
                _("Enter an email domain that only public bodies can have, ending in %(suffixes)s")
                % {"suffixes": ", ".join(PUBLIC_SECTOR_SUFFIXES)}
            )
        return domain
    if kind == OTHER:
        if len(text) < OTHER_MIN_LENGTH:
            raise InvalidEvidence(
                _(
                    "Say what you checked and where, in at least %(count)s characters, like "
                    "'Listed as a local authority on gov.uk'"
                )
                % {"count": OTHER_MIN_LENGTH}
            )
        return text
    raise InvalidEvidence(_("Select the kind of evidence"))
