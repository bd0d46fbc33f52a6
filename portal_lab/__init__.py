"""Test-only portals (never imported by production code): generated sites that exercise what the
bundled sample portals do not, served over real HTTP on 127.0.0.1 by the tests and benchmarks."""
