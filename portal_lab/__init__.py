"""Test-only portals built for one feature each, served over loopback HTTP by the tests.

Kept apart from the demo portal (``sample_portal``) so that a feature's healthy and
defective cases do not change the demo's golden findings; the demo gains them when they are merged.
"""
