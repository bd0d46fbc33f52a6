"""``portal_fetch`` answers as the loopback server does: same statuses, same bytes (absolute
self-links carry the origin each was asked at), ranges, redirects followed, the 404 page, the
firewall's 403 and the page that fails once."""

from __future__ import annotations

import pytest

from portal_lab.families import build_family_portal
from portal_lab.fetch import portal_fetch
from sample_portal.server import serve_portal

IN_PROCESS = "http://portal.test"


def _sample_targets(portal) -> list[str]:
    manifest = portal.manifest
    targets = ["/", "/no/such/page.html"]
    targets += [c["url"] for c in manifest["columns"][:12]]
    targets += [d["url"] for d in manifest["defects"] if d["kind"].startswith("broken_")][:3]
    targets += [b["url"] for b in manifest["behaviours"]]
    return targets


@pytest.mark.parametrize("seed", [2, 3, 4, 6])
def test_in_process_answers_equal_the_servers(seed: int, fetch):
    portal = build_family_portal(seed)
    local = portal_fetch(portal)
    with serve_portal(portal) as running:
        origin = running.base_url.rstrip("/")
        for target in _sample_targets(portal):
            over_http = fetch(origin + target)
            in_process = local(IN_PROCESS + target, {})
            assert in_process.status == over_http.status, target
            assert in_process.body.replace(IN_PROCESS.encode(), b"ORIGIN") == \
                over_http.body.replace(origin.encode(), b"ORIGIN"), target


def test_a_refused_page_is_403_every_time_and_the_rest_is_served():
    portal = next(p for p in map(build_family_portal, range(40)) if p.manifest["behaviours"])
    local = portal_fetch(portal)
    blocked = portal.manifest["behaviours"][0]["url"]
    assert [local(IN_PROCESS + blocked, {}).status for _ in range(3)] == [403, 403, 403]
    assert local(IN_PROCESS + "/", {}).status == 200


def test_ranges_redirects_and_the_log():
    portal = build_family_portal(0)
    log: list[tuple[str, dict[str, str]]] = []
    local = portal_fetch(portal, log)
    image = IN_PROCESS + "/images/logo.png"
    part = local(image, {"Range": "bytes=0-7"})
    assert part.status == 206 and part.body == b"\x89PNG\r\n\x1a\n"
    assert part.headers["content-range"].startswith("bytes 0-7/")
    assert local(image, {"range": "bytes=99999999-"}).status == 416
    folder = next(c["url"] for c in portal.manifest["columns"] if c["url"].endswith("/"))
    moved = local(IN_PROCESS + folder.rstrip("/"), {})
    assert moved.status == 200 and moved.final_url == IN_PROCESS + folder
    assert [url for url, _ in log] == [image, image, IN_PROCESS + folder.rstrip("/")]
