"""PathAudit's settings: one flat module of UPPERCASE names, Scrapy's own beside ours (``AUDITOR_*``).

``scrapy.cfg`` points here, so ``scrapy crawl pathwalk`` from the repository root and ``pathaudit
crawl`` run with the same defaults; ``-s NAME=VALUE`` (or ``--set``) overrides any of them.
The defaults are polite enough for a government server run by a small team: one request at a time
per host is too slow for an audit, eight is rude; four at most, held exactly by
``spiders.host_limit.PerHostLimitMiddleware`` (Scrapy's own per-domain limit leaks under the asyncio
reactor), with waits after refusals (``spiders.backoff``). docs/benchmarks.md has the figures.
"""

from scrapy.settings import default_settings as _scrapy_defaults

from auditor.walk.config import default_settings

_WALK = default_settings()

BOT_NAME = "pathaudit"
#: the one module with a spider: Scrapy imports every module of the packages listed here to look for
#: spiders, and the whole ``spiders`` package imported scrapy-playwright (spiders/render_handler.py)
#: into every crawl, rendering or not (0.19 s of start-up)
SPIDER_MODULES = ["spiders.pathwalk"]
NEWSPIDER_MODULE = "spiders"

#: an honest User-Agent: who we are and why we come
USER_AGENT = "PathAudit/0.1 (+government website column audit; contact the site's operations team)"

#: robots.txt is obeyed: a path it disallows is reported ``unverified: robots.txt disallows``, never
#: missing. A site's own team may audit with ``--set ROBOTSTXT_OBEY=False``.
ROBOTSTXT_OBEY = True
#: requests handed to the downloader at once (those beyond a host's limit wait for its place)
CONCURRENT_REQUESTS = 16
#: per host, held exactly (spiders/host_limit.py): the walk reads one portal, whose server is often
#: one machine behind a firewall
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0
DOWNLOAD_TIMEOUT = 30
#: off: with a fixed limit of 4 per host, AutoThrottle only slowed the walk (it held ~3 requests in
#: flight, and at 200 ms per answer took 11x the walk's floor); refusals (429, 503) are answered
#: by waiting (spiders/backoff.py). ``--set AUTOTHROTTLE_ENABLED=True`` brings it back.
AUTOTHROTTLE_ENABLED = False
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 10
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
#: observations handled at once per answer: the walk yields a few per page, and Scrapy's default of
#: 100 made one task per slot for every answer
CONCURRENT_ITEMS = 4
#: 5xx, 408 and 429 answers, time-outs and dropped connections are retried RETRY_TIMES times, each
#: after a longer wait (spiders/backoff.py: AUDITOR_RETRY_BACKOFF, doubled per retry); then the page
#: is reported ``unverified`` ("HTTP 503 after 2 retries", "timeout after 2 retries")
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
#: a page given up after its retries is no error of the crawl: it is reported ``unverified`` with its
#: reason in findings.json (a site that is down prints one line at the end, not one per request)
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
DOWNLOADER_MIDDLEWARES = {
    # refuses every request or redirect off the portal's hosts (file:, other hosts, private
    # addresses unless the portal itself is on one): before robots.txt, the cache and the download
    "spiders.middlewares.SafeFetchMiddleware": 50,
    # Scrapy's offsite filter: a no-op here (the spider sets no allowed_domains and every request of
    # the walk is dont_filter), paid twice per request (request_scheduled and process_request);
    # SafeFetchMiddleware above is the stricter guard (origins, redirects, private addresses)
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.backoff.BackoffRetryMiddleware": 550,
    # saves every answer (decoded, after redirects) into OUT/evidence.warc.gz: spiders/archive.py
    "spiders.archive.EvidenceArchive": 580,
    # caps the decoded size of media a server compresses although they ask for identity: its
    # process_response runs just before HttpCompressionMiddleware's (590)
    "spiders.middlewares.MediaDecodeCapMiddleware": 595,
    # the per-host limit, last before the download: after the HTTP cache (900), whose answers take
    # no place
    "spiders.host_limit.PerHostLimitMiddleware": 950,
    # between the download and the HTTP cache (900): a 304's own content headers never overwrite
    # the kept answer's (``--cache``, spiders/recrawl.py)
    "spiders.recrawl.NotModifiedHeadersMiddleware": 920,
}
#: a resolver that knows IPv6 (a portal at http://[::1]:8080/ or on an IPv6-only host can be
#: audited; Scrapy's default CachingThreadedResolver resolves IPv4 only) and checks every address a
#: name resolves to before the connection may use it: no private, loopback, link-local or metadata
#: address unless it is the start URL's own or the host is listed (spiders/resolver.py)
TWISTED_DNS_RESOLVER = "spiders.resolver.GuardedResolver"
#: names resolved without DNS, as ``curl --resolve`` does: {"www.portal.gov.cn": "127.0.0.1"}
#: (a staging server, tests); the addresses are checked like any other
AUDITOR_RESOLVE: dict[str, str] = {}
#: the cache key of a request includes its Range header: media are read by ranges of one URL
#: (matters for ``--resume``, whose HTTP cache replays the answers a killed crawl already had)
REQUEST_FINGERPRINTER_CLASS = "spiders.resume.RangeAwareFingerprinter"
#: pages larger than this are not read (a 500 MB "page" is not a column: ``unverified``, "page larger
#: than 32 MB"); media use Range requests
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
#: a redirect chain longer than this is reported as "too many redirects" ("redirect loop" when it
#: comes back to a URL it already visited)
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
#: Scrapy's remote-control extension (on by default since 2.19) serves an HTTP endpoint that runs
#: Python code sent to it, and importing it loads aiohttp (~0.3 CPU s of every crawl): not wanted
REMOTE_CONTROL_ENABLED = False
#: Scrapy reads the source of each callback to warn about ``return value`` in generators: a
#: developer's check, paid again for every answer (bound methods are new objects each time)
WARN_ON_GENERATOR_RETURN_VALUE = False
LOG_LEVEL = "INFO"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

#: two of Scrapy's spider middlewares off, each a layer every answer's output passes through: the
#: meta-copy check only warns a spider's developer (as WARN_ON_GENERATOR_RETURN_VALUE above), and
#: the depth middleware only counts depth here (no DEPTH_LIMIT, DEPTH_PRIORITY 0: the walk bounds
#: its own search, AUDITOR_SEARCH_DEPTH). Kept: HttpErrorMiddleware, RefererMiddleware (the walk's
#: critical path is rebuilt from Referer), UrlLengthMiddleware (refuses absurd URLs)
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}
ITEM_PIPELINES = {"spiders.pipelines.AuditPipeline": 300}
#: Scrapy's stats collector read without its per-attribute deprecation guard (spiders/stats.py)
STATS_CLASS = "spiders.stats.PlainStatsCollector"
EXTENSIONS = {"spiders.progress.Progress": 500, "spiders.collector.CollectorTuning": 0}
#: Scrapy's own extensions without its remote control: a component switched off in EXTENSIONS is still
#: imported (its path is resolved), and this one imports aiohttp (~0.3 CPU s of every crawl)
EXTENSIONS_BASE = {
    name: order for name, order in _scrapy_defaults.EXTENSIONS_BASE.items()
    if name != "scrapy.extensions.remote_control.RemoteControl"
}

# --- PathAudit -----------------------------------------------------------------------------------
#: where findings.json (and the reports) are written
AUDITOR_OUT_DIR = "pathaudit-out"
#: under Scrapyd, each job writes to AUDITOR_JOBS_DIR/<project>/<spider>/<job id>/ (spiders/job_dir.py)
#: unless the job sets AUDITOR_OUT_DIR itself
AUDITOR_JOBS_DIR = "pathaudit-jobs"
#: the date the audit judges staleness and deadlines against (YYYY-MM-DD); empty means today
AUDITOR_AS_OF = _WALK["AUDITOR_AS_OF"]
#: report formats ``pathaudit crawl`` writes beside findings.json at the end of a crawl ("" for none;
#: ``scrapy crawl pathwalk`` writes findings.json only: render reports with ``pathaudit report``)
AUDITOR_REPORT_FORMATS = "html,junit,md,xlsx"
#: modules the process needs once the crawl has ended (``pathaudit crawl`` names its report writers),
#: imported in a thread after the home page is read, while the crawl waits on the portal
#: (spiders/warm_up.py); "" for none
AUDITOR_PRELOAD_MODULES = ""
AUDITOR_REPORT_LANG = "zh"
# the walk's settings: defaults and meanings written once, in auditor/walk/config.py (WalkConfig)
AUDITOR_SEARCH_PAGES = _WALK["AUDITOR_SEARCH_PAGES"]
AUDITOR_SECTION_PAGES = _WALK["AUDITOR_SECTION_PAGES"]
AUDITOR_CENSUS_PAGES = _WALK["AUDITOR_CENSUS_PAGES"]
AUDITOR_SEARCH_DEPTH = _WALK["AUDITOR_SEARCH_DEPTH"]
AUDITOR_MAX_LIST_PAGES = _WALK["AUDITOR_MAX_LIST_PAGES"]
AUDITOR_MAX_ITEM_PAGES = _WALK["AUDITOR_MAX_ITEM_PAGES"]
AUDITOR_ITEM_LIST_PAGES = _WALK["AUDITOR_ITEM_LIST_PAGES"]
AUDITOR_MAX_SUBCOLUMNS = _WALK["AUDITOR_MAX_SUBCOLUMNS"]
AUDITOR_DATE_FAMILY_PAGES = _WALK["AUDITOR_DATE_FAMILY_PAGES"]
AUDITOR_MEDIA_RANGE_BYTES = _WALK["AUDITOR_MEDIA_RANGE_BYTES"]
AUDITOR_IMAGE_MAXSIZE = _WALK["AUDITOR_IMAGE_MAXSIZE"]
AUDITOR_PAGE_MEMORY = _WALK["AUDITOR_PAGE_MEMORY"]
#: seconds to wait before the first retry of a failed page; doubled for each further retry
AUDITOR_RETRY_BACKOFF = 1.0
#: the longest wait before a retry, whatever the doubling or the server's Retry-After say
AUDITOR_RETRY_BACKOFF_MAX = 30.0
#: while a crawl runs, findings.json is rewritten (marked partial) this often, and at once on the
#: first Ctrl-C/SIGTERM, so even a crawl killed hard leaves what it saw
AUDITOR_SNAPSHOT_SECONDS = 15
#: progress while crawling (spiders/progress.py): auto (a live line on a terminal, else a line every
#: AUDITOR_PROGRESS_SECONDS, for CI logs and cron), tty, lines, off
AUDITOR_PROGRESS = "auto"
AUDITOR_PROGRESS_SECONDS = 30
#: prefix of each progress line (``pathaudit run`` names the site)
AUDITOR_PROGRESS_LABEL = ""
#: the cycle collector's young-generation threshold during a crawl (spiders/collector.py; Python's
#: default is 700, which cost ~4 % of a crawl's CPU); 0 leaves Python's defaults
AUDITOR_GC_THRESHOLD = 50_000
#: keep every answer of the site as evidence, in OUT/evidence.warc.gz (WARC), within the caps below
AUDITOR_ARCHIVE = True
#: the archive stops taking responses (and says how many it left out) past this many body bytes
AUDITOR_ARCHIVE_MAXSIZE = 64 * 1024 * 1024
#: each saved body is cut to this many bytes (the record says WARC-Truncated: length)
AUDITOR_ARCHIVE_RECORD_MAXSIZE = 512 * 1024
#: hosts besides the start URL's (and the names of its registrable domain) that the crawl may fetch
#: from, trusted on any address (``--also-host``, ``also_hosts`` in SITES.yaml; comma separated); an entry may name
#: a port (static.example.cn:8080) or a scheme (https://cdn.example.cn:8443): another port of a
#: host is another site (auditor/walk/scope.py)
AUDITOR_ALLOWED_HOSTS = ""
#: set by ``pathaudit crawl`` to tell this run's findings.json from an older one in the same folder
AUDITOR_RUN_ID = ""
#: pages drawn by script (spiders/render.py): ``never`` reports their columns unverified ("drawn by
#: script"); ``auto`` reads the JSON list such a page loads when it is plainly the list, else renders
#: it in Chromium, and leaves every static page alone; ``always`` renders every walk page. Rendering
#: needs the ``browser`` extra (scrapy-playwright) and Debian's chromium; no browser is downloaded.
AUDITOR_RENDER = "never"
#: the browser scrapy-playwright drives (``PLAYWRIGHT_LAUNCH_OPTIONS.executable_path``)
AUDITOR_BROWSER = "/usr/bin/chromium"
#: with ``auto``: read the data a script-drawn list loads, when plainly the list, instead of rendering
AUDITOR_RENDER_DATA = True
#: seconds a rendered page may take to load and fall quiet (no request for 0.5 s); a page still
#: loading then is ``unverified`` ("still loading")
AUDITOR_RENDER_TIMEOUT = 15.0
#: pages rendered per crawl at most (0: no limit); beyond, script-drawn columns are ``unverified``
AUDITOR_RENDER_PAGES = 500
#: pages rendered at once (one browser, one context)
AUDITOR_RENDER_CONCURRENCY = 2
#: JavaScript heap per rendered page's process, in MB
AUDITOR_RENDER_MEMORY_MB = 256
