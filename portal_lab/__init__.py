"""The test ground: portals built to test the walk, with their ground truth. Test-only: production
code never imports it and it is not part of the wheel.

``portal_lab.disjoint`` builds small random portals whose markup words (class and id names, URL
shapes, the places dates sit) come from pools disjoint from the page reader's own vocabulary, so a
test on them can fail on markup nobody told the reader about.
"""
