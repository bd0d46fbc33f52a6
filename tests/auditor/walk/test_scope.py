"""Scope compares origins (scheme, host, port): another port of the portal's host is another site."""

from __future__ import annotations

import pytest

from auditor.walk.scope import Scope, origin_of, parse_allowed


@pytest.mark.parametrize(
    ("url", "inside"),
    [
        ("http://www.gov.example/a/", True),
        ("http://www.gov.example:80/a/", True),
        ("https://www.gov.example/a/", True),  # the same portal upgraded to https
        ("http://www.gov.example:8080/admin/", False),  # another server on the same host
        ("https://www.gov.example:8443/", False),
        ("http://gov.example/", False),  # only a redirect may go to the www twin
        ("http://other.example/", False),
        ("ftp://www.gov.example/", False),
        ("http://www.gov.example:99999/", False),
        ("http://[::1/", False),
        ("http:///nohost", False),
    ],
)
def test_a_url_is_in_scope_only_on_the_portals_origin(url, inside):
    assert Scope("http://www.gov.example/").in_scope(url) is inside


def test_a_loopback_portal_does_not_reach_other_ports_of_127_0_0_1():
    scope = Scope("http://127.0.0.1:8000/")
    assert scope.in_scope("http://127.0.0.1:8000/x/")
    assert not scope.in_scope("http://127.0.0.1:9000/x/")
    assert not scope.in_scope("https://127.0.0.1:8000/x/")  # not both on default ports: another origin


def test_allowed_entries_may_name_a_port_or_a_scheme():
    scope = Scope("http://www.gov.example/", ["static.example.cn", "media.example.cn:8080", "https://cdn.example:8443", "[::1]:9000"])
    assert scope.in_scope("https://static.example.cn/a.png")
    assert not scope.in_scope("http://static.example.cn:81/a.png")
    assert scope.in_scope("http://media.example.cn:8080/v.mp4")
    assert not scope.in_scope("http://media.example.cn/v.mp4")
    assert scope.in_scope("https://cdn.example:8443/a.js")
    assert not scope.in_scope("http://cdn.example:8443/a.js")
    assert scope.in_scope("http://[::1]:9000/")
    assert parse_allowed("not a host/with/path") is None


def test_the_home_pages_landing_origin_joins_the_scope():
    scope = Scope("http://gov.example/")
    assert not scope.in_scope("http://www.gov.example/a/")
    scope.add("https://www.gov.example/")
    assert scope.in_scope("http://www.gov.example/a/")


def test_a_redirect_may_go_to_the_www_twin_on_the_same_port_rule_only():
    scope = Scope("http://gov.example/")
    assert scope.redirect_in_scope("https://www.gov.example/", "http://gov.example/")
    assert not scope.redirect_in_scope("http://www.gov.example:8080/", "http://gov.example/")


def test_origin_of_an_ipv6_portal():
    origin = origin_of("http://[::1]:8123/")
    assert origin is not None and origin.host == "::1" and origin.port == 8123
    assert str(origin) == "http://[::1]:8123"
