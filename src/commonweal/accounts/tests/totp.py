"""Codes as an authenticator app would show them, for the tests."""

from django_otp.oath import TOTP


def code_now(device) -> str:
    """The code an authenticator app holding ``device``'s secret shows now."""
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{token:0{device.digits}d}"


def wrong_code(device) -> str:
    """A 6-digit code that is none of those the device accepts now (it allows one step either side)."""
    accepted = set()
    for offset in (-1, 0, 1):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + offset)
        accepted.add(f"{totp.token():06d}")
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)
