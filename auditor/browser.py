"""The switches that keep a Chromium PathAudit starts from talking to anyone but the portal.

Two parts start one: the PDF report (``reports.pdf``, printing a ``file:`` page, which should reach
nothing) and the renderer of script-drawn portals (``spiders.render``, whose pages' own requests are
guarded one by one, but whose browser services are not pages and pass no guard). Both take these
switches, so a service found talking in one is silenced in both.

Found through a logging proxy (tests/reports/test_bad_input_pdf.py) and Chromium's net log:
``--disable-background-networking`` alone still let Debian's Chromium 156 ask clients2.google.com for
the time, update.googleapis.com for components and accounts.google.com for sign-in; Chromium 150
preconnected to its default search engine (www.google.com, features ``PreconnectToSearch`` /
``SearchEnginePreconnect2``) and asked it whether "AI mode" may be offered (``/async/folae``, feature
``AimEnabled``). The component updater and the sign-in service ignore their "disable" switches, so
their servers are pointed at a closed port of this machine: they reach nothing. An unknown feature
name is ignored by a Chromium that lacks it, so the list may name the features of several versions.
"""

from __future__ import annotations

#: a closed port of this machine (discard): what the services that ignore their switches are sent to
_NOWHERE = "http://127.0.0.1:9"
#: Chromium's features that talk to Google's servers on their own
_SILENCED_FEATURES = (
    "NetworkTimeServiceQuerying", "OptimizationHints", "OptimizationGuideModelDownloading", "Translate",
    "MediaRouter", "AutofillServerCommunication", "CertificateTransparencyComponentUpdater",
    "DialMediaRouteProvider", "SafeBrowsing", "InterestFeedContentSuggestions", "ChromeSignin",
    "AccountConsistency", "SigninInterception", "PreconnectToSearch", "SearchEnginePreconnect2",
    "AimEnabled",
)
QUIET_BROWSER_FLAGS: tuple[str, ...] = (
    f"--gaia-url={_NOWHERE}", f"--component-updater=url-source={_NOWHERE}",
    "--no-first-run", "--no-default-browser-check", "--disable-sync", "--disable-background-networking",
    "--disable-component-update", "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--no-pings", "--disable-breakpad", "--metrics-recording-only",
    "--safebrowsing-disable-auto-update",
    "--disable-features=" + ",".join(_SILENCED_FEATURES),
)
