"""The real client address: forwarded headers are trusted from the configured proxies only."""

import pytest
from django.test import RequestFactory, override_settings

from commonweal.core.client import client_address, client_network
from commonweal.env import ConfigurationError, env_proxies

rf = RequestFactory()


def request(remote="198.51.100.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


@override_settings(BEHIND_PROXY=0)
def test_with_no_proxy_a_forwarded_header_is_ignored():
    assert client_address(request(forwarded="203.0.113.9")) == "198.51.100.7"


@override_settings(BEHIND_PROXY=1)
def test_behind_one_proxy_the_address_it_saw_counts_and_what_the_client_wrote_does_not():
    # The proxy appends what it saw; anything to its left came from the client.
    assert (
        client_address(request(remote="10.0.0.2", forwarded="1.2.3.4, 203.0.113.9"))
        == "203.0.113.9"
    )
    assert client_address(request(remote="10.0.0.2", forwarded="203.0.113.9")) == "203.0.113.9"
    assert client_address(request(remote="10.0.0.2")) == "10.0.0.2"


@override_settings(BEHIND_PROXY=2)
def test_behind_two_proxies_the_second_from_the_right_counts():
    forwarded = "1.2.3.4, 203.0.113.9, 10.0.0.3"
    assert client_address(request(remote="10.0.0.2", forwarded=forwarded)) == "203.0.113.9"


@override_settings(BEHIND_PROXY=1)
def test_a_made_up_value_is_not_an_address():
    assert client_address(request(remote="10.0.0.2", forwarded="not-an-address")) == "unknown"


@override_settings(BEHIND_PROXY=0)
def test_an_ipv6_client_is_counted_by_its_64_network():
    one = client_network(request(remote="2001:db8:1:2:aaaa::1"))
    other_device_same_home = client_network(request(remote="2001:db8:1:2:bbbb::9"))
    neighbour = client_network(request(remote="2001:db8:1:3::1"))
    assert one == other_device_same_home == "2001:db8:1:2::/64"
    assert neighbour != one
    assert client_network(request(remote="::ffff:203.0.113.9")) == "203.0.113.9"
    assert client_network(request(remote="203.0.113.9")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("false", 0),
        ("no", 0),
        ("", 0),
        ("0", 0),
        ("true", 1),
        ("yes", 1),
        ("1", 1),
        ("2", 2),
        (" 3 ", 3),
    ],
)
def test_behind_proxy_reads_false_true_or_a_number(monkeypatch, raw, expected):
    monkeypatch.setenv("BEHIND_PROXY_X", raw)
    assert env_proxies("BEHIND_PROXY_X") == expected


def test_behind_proxy_is_none_when_unset_and_names_a_bad_value(monkeypatch):
    monkeypatch.delenv("BEHIND_PROXY_X", raising=False)
    assert env_proxies("BEHIND_PROXY_X") == 0
    for bad in ("perhaps", "-1", "1.5"):
        monkeypatch.setenv("BEHIND_PROXY_X", bad)
        with pytest.raises(
            ConfigurationError, match="BEHIND_PROXY_X must be false, true or the number"
        ):
            env_proxies("BEHIND_PROXY_X")
