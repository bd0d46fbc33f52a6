"""The history of scheduled audits: a SQLite database of every run and finding (``db``), and the
step that records a finished crawl and gives its findings their past (``record``)."""
