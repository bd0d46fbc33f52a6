"""Test-only portals (never imported by production code, not shipped): generated sites that exercise
what the demo portal does not, each with its ground truth, served over real HTTP on 127.0.0.1 by the
tests and benchmarks. Kept apart from the demo portal (``sample_portal``) so that a feature's healthy
and defective cases do not change the demo's golden findings."""
