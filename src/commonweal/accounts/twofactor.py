"""Showing an authenticator app's secret: as a QR code made on the server, and as text to type."""

from base64 import b32encode

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret key in base32, in groups of four letters, as authenticator apps ask for it."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, *, accessible_name: str) -> SafeString:
    """The device's set-up address as an inline SVG QR code, with a name for screen readers."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#0b0c0c", light="#ffffff"
    )
    # segno writes the markup itself; only the name is ours, so only the name needs escaping.
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-label="{escape(accessible_name)}" focusable="false" ', 1
    )
    return mark_safe(svg)


def current_code(device: TOTPDevice) -> str:
    """The code the person's app shows now, or the next one if this one has already been used."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        # A code is accepted once; the next time step's code is within the device's tolerance.
        totp.time = totp.time + device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"
