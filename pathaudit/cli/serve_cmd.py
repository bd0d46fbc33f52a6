"""``pathaudit serve-sample``: serve the bundled sample portal on 127.0.0.1 until Ctrl-C.

Standard output gets exactly one line, the portal's URL, so scripts can read it; the rest goes to
standard error. The portal's dates follow the real date (``--as-of`` freezes them), so
``serve-sample`` + ``crawl`` needs no ``--as-of`` to judge staleness right; ``--variant next`` serves
the same portal with one defect fixed and one added, for trying scheduled audits and history.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from pathaudit.cli import EXIT_OK, EXIT_USAGE

DEFAULT_PORT = 8000


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0-65535 (0: any free port), not {value}")
    return value


def _latency(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of milliseconds: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"latency cannot be negative: {value}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def register(sub: Any) -> None:
    serve = sub.add_parser(
        "serve-sample",
        help="serve the bundled sample portal (planted defects, ground-truth manifest) on 127.0.0.1",
        description="Serve the bundled sample government portal on 127.0.0.1 until Ctrl-C. Its ground "
        "truth is at /__pathaudit__/manifest.json.",
    )
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT,
                       help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--latency-ms", type=_latency, default=0, help="delay every answer by this many ms")
    serve.add_argument("--variant", default="default",
                       help="which defect plan to serve: default, or next (one defect fixed, one added)")
    serve.add_argument("--as-of", type=_date, default=None,
                       help="the portal's date (YYYY-MM-DD; default today, so a crawl needs no --as-of)")
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from sample_portal.generator import SamplePortalError
    from sample_portal.manifest import MANIFEST_URL
    from pathaudit.loopback.server import HOST, PortalServer
    from auditor.specs.errors import SpecError

    from sample_portal.defects import VARIANTS
    from sample_portal.generator import build_portal

    if args.variant not in VARIANTS:
        print(f"pathaudit: no sample variant {args.variant!r} (variants: {', '.join(VARIANTS)})", file=sys.stderr)
        return EXIT_USAGE
    as_of = args.as_of or dt.datetime.now(dt.timezone.utc).date()
    try:
        portal = build_portal(plan=VARIANTS[args.variant], as_of=as_of)
    except (SpecError, SamplePortalError) as err:
        print(f"pathaudit: cannot build the sample portal: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        server = PortalServer((HOST, args.port), portal, args.latency_ms)
    except OSError as err:
        print(f"pathaudit: cannot listen on {HOST}:{args.port}: {err.strerror or err} "
              "(try another --port, or --port 0)", file=sys.stderr)
        return EXIT_USAGE
    base = f"http://{HOST}:{server.server_port}/"
    print(base, flush=True)
    manifest = portal.manifest
    print(f"sample portal {manifest['portal']} (spec {manifest['spec']}, as of {manifest['as_of']}); "
          f"ground truth: {base.rstrip('/')}{MANIFEST_URL}; Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.close_connections()
        server.server_close()
    return EXIT_OK
