"""The demo portal served on loopback: ``serve_portal()`` serves the bundled build unless given another.

The server itself is the application's (``pathaudit.loopback.server``); this module only knows which
portal the demo is.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from pathaudit.loopback.model import Portal
from pathaudit.loopback.server import HOST, RunningPortal, serve
from sample_portal.generator import build_portal


@functools.cache
def default_portal() -> Portal:
    """The portal built once per process: building is deterministic, so every caller may share it."""
    return build_portal()


@contextmanager
def serve_portal(portal: Portal | None = None, port: int = 0, latency_ms: int = 0,
                 host: str = HOST) -> Iterator[RunningPortal]:
    """Serve ``portal`` (the demo build if none) on loopback for as long as the block runs."""
    with serve(portal if portal is not None else default_portal(), port, latency_ms, host) as running:
        yield running
