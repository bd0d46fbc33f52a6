"""Reading a saved or fetched portal page: one parse, its regions, its text, its URL shapes.

``auditor.listing`` and ``auditor.article`` build on these; nothing here knows about columns or
findings.
"""
