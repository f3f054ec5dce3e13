"""Small typed readers for settings from the environment.

Each fails loudly with the variable's name when its value is malformed, so a bad
deployment stops at start-up instead of misbehaving later.
"""

import os


class ConfigurationError(Exception):
    """A setting in the environment has a value Commonweal cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_proxies(name: str) -> int:
    """How many reverse proxies stand in front of the site: false (none), true (one) or a number."""
    raw = os.environ.get(name)
    if raw is None:
        return 0
    value = raw.strip().lower()
    if value in _TRUE:
        return 1
    if value in _FALSE:
        return 0
    try:
        count = int(value)
    except ValueError:
        raise ConfigurationError(
            f"{name} must be false, true or the number of proxies in front of Commonweal, not {raw!r}."
        ) from None
    if count < 0:
        raise ConfigurationError(
            f"{name} must be false, true or the number of proxies, not {count}."
        )
    return count
