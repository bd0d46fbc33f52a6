"""The test ground: portals built to test the walk and the audit, each with its ground truth. Test-only:
production code never imports it and it is not part of the wheel; served over real HTTP on 127.0.0.1
(or in-process) by the tests and benchmarks. Kept apart from the demo portal (``sample_portal``) so
that a feature's healthy and defective cases do not change the demo's golden findings.

``portal_lab.families`` generates portals of four CMS families; ``portal_lab.disjoint`` builds small
random portals whose markup words (class and id names, URL shapes, the places dates sit) come from
pools disjoint from the page reader's own vocabulary, so a test on them can fail on markup nobody
told the reader about; ``portal_lab.scripted`` a platform drawn by script; ``portal_lab.mandate`` the
clause rules' healthy and defective cases.
"""
