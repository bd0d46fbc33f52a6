"""Why the crawler could not tell: a stable code with its facts, and one sentence per language.

A reason is built where it is known (``Reason("http_error", status=503, retries=2)``), travels as
data and is stored in findings.json as its code and facts (``Reason.to_json``) beside the English
phrase older readers grep for (``Reason.phrase``). Reports word it with ``sentence(lang)``. Nothing
ever parses a phrase back into a code. A reason may rest on others (``within``): the home page's
own failure, the section pages that could not be read.

Adding a reason: add its code to ``WORDING`` (en phrase, en sentence, zh sentence); the tests render
every code in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: code -> (English phrase, kept stable for greps and older readers; English sentence; Chinese
#: sentence). ``{name}`` are the reason's facts; ``{within}`` the reasons it rests on.
WORDING: dict[str, tuple[str, str, str]] = {
    # --- answers of the server ---------------------------------------------------------------
    "http_error": ("HTTP {status}", "the server answered HTTP {status}", "服务器返回 HTTP {status}"),
    "http_refused": (
        "HTTP {status} ({note})", "the server refused access (HTTP {status}, {note})", "服务器拒绝访问（HTTP {status}，{note_zh}）",
    ),
    "redirect_not_followed": (
        "redirect (HTTP {status}) not followed", "a redirect (HTTP {status}) that could not be followed",
        "页面重定向（HTTP {status}）无法跟随",
    ),
    "redirect_loop": ("redirect loop", "the page redirects in a loop", "页面重定向循环"),
    "too_many_redirects": (
        "too many redirects ({count})", "too many redirects ({count})", "页面重定向次数过多（{count} 次）",
    ),
    "not_html": ("not an HTML page", "the address does not answer with a web page", "该地址返回的不是网页"),
    "page_too_large": (
        "page larger than {size}", "the page is larger than {size} and was not read", "页面过大（超过 {size}），未下载",
    ),
    "download_cancelled": ("download cancelled", "the download was cancelled", "下载被中止"),
    "bad_compression": (
        "compressed answer could not be decoded", "the server's compressed answer could not be decompressed",
        "服务器返回的压缩内容无法解压",
    ),
    "decoded_too_large": (
        "decompressed answer larger than {size}", "the answer decompresses to more than {size}; not read",
        "内容解压后超过 {size}，未读取",
    ),
    "bad_response": (
        "malformed HTTP answer", "the server's answer is not valid HTTP (garbled status line or headers)",
        "服务器返回的内容不是有效的 HTTP 应答（状态行或头部错误）",
    ),
    # --- the connection -----------------------------------------------------------------------
    "timeout": ("timeout", "the server did not answer in time", "访问超时"),
    "connection_reset": ("connection reset", "the server dropped the connection", "连接被服务器中断"),
    "connection_dropped": (
        "connection dropped mid-page", "the connection was dropped in the middle of the page", "页面传输中途连接中断",
    ),
    "connection_refused": ("connection refused", "the server refused the connection", "服务器拒绝连接"),
    "connection_failed": ("connection failed", "no connection could be made to the server", "无法连接到服务器"),
    "dns_failed": ("DNS lookup failed", "the host name could not be resolved (DNS)", "域名无法解析"),
    "empty_answer": (
        "empty answer (HTTP {status})", "the server answered HTTP {status} with nothing to read",
        "服务器返回 HTTP {status}，页面内容为空",
    ),
    "not_modified_unasked": (
        "HTTP 304 Not Modified to a request that was not conditional",
        "the server answered 304 Not Modified although the request asked nothing conditionally: no page to read",
        "服务器对非条件请求返回 304（未修改），没有可读取的页面",
    ),
    "not_modified_contradicts": (
        "HTTP 304 whose ETag {told} contradicts the kept {kept}",
        "the server answered 304 Not Modified about version {told}, not the kept {kept}: the kept page is not trusted",
        "服务器返回 304（未修改），但其实体标签 {told} 与缓存的 {kept} 不符，未采用缓存页面",
    ),
    "encoding_unsupported": (
        "content encoding not supported: {encoding}", "the page was sent in a content encoding the tool cannot decode ({encoding})",
        "页面采用无法解码的内容编码（{encoding}）发送",
    ),
    "link_unfollowable": (
        "column link cannot be followed ({kind})", "the column's link ({kind}) cannot be followed to check the column",
        "栏目链接（{kind}）无法跟随，未能核查该栏目",
    ),
    "resolved_private": (
        "{host} resolves to a private address: {address}",
        "the host name {host} resolves to a private or local address ({address}); not connected",
        "域名 {host} 解析到内网或本机地址（{address}），未连接",
    ),
    "tls_failed": ("TLS handshake failed", "the secure connection (TLS) could not be set up", "无法建立安全连接（TLS）"),
    "download_failed": (  # an exception no code names yet: its class name stays in the phrase only
        "download failed ({name})", "the download failed", "下载失败",
    ),
    # --- guards -------------------------------------------------------------------------------
    "robots_disallowed": ("robots.txt disallows", "the site's robots.txt forbids crawling it", "网站 robots.txt 禁止抓取该页面"),
    "scheme_refused": (
        "URL with a scheme other than http(s): {scheme}:", "an address that is not http(s) ({scheme}:); not fetched",
        "非 http(s) 地址（{scheme}:），未访问",
    ),
    "redirect_scheme_refused": (
        "redirect to a scheme other than http(s): {scheme}:", "a redirect to a non-http(s) address ({scheme}:); not followed",
        "页面重定向到非 http(s) 地址（{scheme}:），未跟随",
    ),
    "private_address": (
        "request for a private address: {host}", "a private or local address ({host}); not fetched",
        "内网或本机地址（{host}），未访问",
    ),
    "redirect_private": (
        "redirect to a private address: {host}", "a redirect to a private or local address ({host}); not followed",
        "页面重定向到内网或本机地址（{host}），未跟随",
    ),
    "redirect_offsite": (
        "redirect to another host: {host}", "a redirect to another site ({host}); not followed",
        "页面重定向到其他站点（{host}），未跟随",
    ),
    "host_not_allowed": (
        "host not allowed: {host}", "another site ({host}), outside the audit's scope", "其他站点（{host}），不在核查范围内",
    ),
    "invalid_url": ("not a valid URL: {url}", "an address that is not a valid URL ({url})", "地址格式无效（{url}）"),
    "request_refused": ("request refused by a crawl guard", "the crawl did not fetch this address", "抓取程序未访问该地址"),
    # --- what the page is ---------------------------------------------------------------------
    "challenge": (
        "anti-bot challenge (HTTP {status}, {how})", "an anti-bot challenge page (HTTP {status}); check by hand",
        "遇到反爬虫验证页面（HTTP {status}），需人工核实",
    ),
    "maintenance": (
        "maintenance page{where}: page says {text}", "the site shows a maintenance page (\u201c{text}\u201d)",
        "网站处于维护状态（页面显示\u201c{text}\u201d）",
    ),
    "soft_404": (
        "soft 404: page says {text}", "the page says it does not exist (\u201c{text}\u201d)", "软 404：页面显示\u201c{text}\u201d",
    ),
    "soft_404_home": (
        "soft 404: {how} the home page", "the address sends visitors to the home page (the page is gone)",
        "软 404：被重定向到首页",
    ),
    "soft_404_parent": (
        "soft 404: {how} the parent column ({url})", "the address sends visitors to the column above (the page is gone)",
        "软 404：页面自动跳转到上级栏目",
    ),
    "server_error_page": (
        "server error page (HTTP 200): page says {text}",
        "The server answered with an error page instead of the column (it says “{text}”).",
        "服务器返回了错误页面而非栏目内容（页面显示“{text}”）",
    ),
    "page_cut_short": (
        "page cut short: the document ends before its end tags",
        "The page arrived incomplete (it ends before its closing tags); its list cannot be judged.",
        "页面内容不完整（在结束标记之前中断），无法判断其列表",
    ),
    # --- the walk -----------------------------------------------------------------------------
    "home_unreachable": ("home page: {within}", "the home page could not be read: {within}", "首页无法访问：{within}"),
    "column_offsite": (
        "column is on another host ({host}), not allowed", "the column is on another site ({host}), outside the audit's scope",
        "栏目位于其他站点（{host}），不在核查范围内",
    ),
    "column_link_unfollowable": (
        "column link leads off the portal ({url}), not followed",
        "the column's link leads where the crawl may not go ({url}): not followed",
        "栏目链接指向抓取不能访问的地址（{url}），未跟随",
    ),
    "column_redirected_offsite": (
        "column page redirected to another host ({host}), not allowed",
        "the column page redirects to another site ({host}), outside the audit's scope",
        "栏目页面被重定向到其他站点（{host}），不在核查范围内",
    ),
    "section_unreadable": (
        "pages of the section could not be read: {within}",
        "pages of the section that could hold the column could not be read: {within}",
        "所在栏目的部分页面无法访问：{within}",
    ),
    "search_incomplete": (
        "search ended before the section was read whole ({read} pages read, {unread} left)",
        "the search read {read} pages (AUDITOR_SEARCH_PAGES {budget}) and ended before {unread} pages of the "
        "section that could hold the column were read",
        "查找读取了 {read} 个页面（上限 {budget}），所在栏目仍有 {unread} 个可能包含该栏目的页面未读取",
    ),
    "frames_unread": (
        "{count} frame(s) of the section page could not be read ({url})",
        "{count} frame(s) of the section page, which may hold the column's link, could not be read ({url})",
        "所在栏目页面中的 {count} 个嵌入页面无法读取（{url}），其中可能有该栏目的链接",
    ),
    "section_drawn_by_script": (
        "section page drawn by JavaScript; not run by this crawl",
        "the section page draws its columns by JavaScript, which this crawl does not run",
        "所在栏目页面由 JavaScript 动态生成栏目，本次未执行脚本",
    ),
    "rename_unsure": (
        "a column under another name may be this one: {site_name} (score {score}, {url})",
        "the column {site_name} ({url}) may be this one under another name, but its name, place and "
        "headlines together (score {score}) do not say so with margin: check by hand",
        "「{site_name}」（{url}）可能是该栏目的另一名称，但名称、位置和信息标题综合评分（{score}）不足以确定，需人工核实",
    ),
    "column_link_refused": (
        "the page of the column's link could not be read ({url}): {within}",
        "the page the column's link leads to ({url}) could not be read: {within}",
        "栏目链接指向的页面（{url}）无法访问：{within}",
    ),
    "crawl_ended_before_column": (
        "crawl ended before this column was reached", "the crawl ended before it reached this column",
        "抓取在到达该栏目之前中止",
    ),
    "crawl_ended_before_subcolumns": (
        "crawl ended before the sub-columns were read", "the crawl ended before it read the sub-columns",
        "抓取在读取其子栏目之前中止",
    ),
    "column_not_reached": ("column not reached", "the walk did not reach this column", "未能到达该栏目"),
    "drawn_by_script": (
        "drawn by script; not rendered (--render {how})",
        "the page is drawn by script in the browser and this crawl did not render it; install "
        "pathaudit[browser] and crawl with --render auto to read it",
        "该页面内容由浏览器脚本生成，本次未渲染，无法核实（安装浏览器组件并开启自动渲染后重新抓取即可读取）",
    ),
    "script_unsettled": (
        "drawn by script; still loading after {seconds} s",
        "the page is drawn by script and was still loading its content after {seconds} s",
        "该页面内容由浏览器脚本生成，渲染 {seconds} 秒后仍在加载，无法核实",
    ),
    "render_budget": (
        "drawn by script; render budget of {pages} pages spent",
        "the page is drawn by script and the crawl had already rendered its {pages} pages (AUDITOR_RENDER_PAGES)",
        "该页面内容由浏览器脚本生成，本次渲染页数已达上限（{pages} 页），未渲染，无法核实",
    ),
    "list_by_javascript": (
        "list drawn by JavaScript ({source}); not run by this crawl",
        "the list is drawn by JavaScript ({source}), which this crawl does not run",
        "栏目列表由 JavaScript 动态生成，本次未执行脚本",
    ),
    "subcolumns_not_found": (
        "every sub-column answered not found ({count})",
        "the column page shows nothing but links to {count} sub-columns, and each answered \"not found\": what "
        "the column holds could not be read",
        "栏目页面仅列出 {count} 个子栏目，且均无法打开（页面不存在），无法核实栏目内容",
    ),
    "content_undetermined": (
        "column content could not be determined ({why})", "what the column page holds could not be told",
        "栏目页面结构无法识别",
    ),
    # --- media the server would not give ------------------------------------------------------
    "media_refused": (
        "medium not served ({within})", "the server did not serve the file: {within}", "服务器未提供该文件：{within}",
    ),
    # --- clause rules (auditor/audit/clause_rules.py) ------------------------------------------------
    "clause_year_not_covered": (
        "list read back to {oldest}, not the whole of {year}",
        "the column's list was read back to {oldest} only, not over the whole of {year}",
        "栏目列表仅读取到 {oldest}，未覆盖 {year} 年全年",
    ),
    "clause_needs_browser": (
        "layout at {width} px not measured (no browser)",
        "whether the page opens on a {width} px phone screen takes a browser, which this crawl did not run (--render never, or no Chromium)",
        "页面在 {width} 像素宽的手机屏幕上是否完整显示需用浏览器核查，本次抓取未运行浏览器（未开启页面渲染，或未安装浏览器）",
    ),
    "clause_browser_failed": (
        "the phone's browser failed ({error})",
        "the browser that opens the page as a phone failed: {error}",
        "以手机方式打开页面的浏览器运行失败：{error}",
    ),
    "linked_page_not_read": (
        "linked page not read ({url})", "the page it links ({url}) was not read", "其关联页面（{url}）未能读取",
    ),
    "unknown": ("unknown", "unknown", "原因不明"),
}

#: Chinese notes of refusing HTTP statuses (the English ones travel in the reason's ``note``)
_STATUS_NOTES_ZH = {
    401: "需要登录",
    403: "禁止访问",
    407: "需要代理登录",
    408: "请求超时",
    412: "通常为防护程序拦截",
    429: "请求过多",
    451: "因法律原因不可访问",
    521: "通常为防护程序拦截",
}
_RETRIES = (" after {retries} retr{ies}", "（已重试 {retries} 次）")


@dataclass(frozen=True, eq=False)
class Reason:
    """A failure reason: ``code`` (a key of ``WORDING``), its facts, the reasons it rests on."""

    code: str
    facts: Mapping[str, Any] = field(default_factory=dict)
    within: tuple[Reason, ...] = ()

    def __init__(self, code: str, within: tuple[Reason, ...] | Reason = (), **facts: Any) -> None:
        if code not in WORDING:
            raise ValueError(f"unknown reason code {code!r}")
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "facts", {k: v for k, v in facts.items() if v is not None})
        object.__setattr__(self, "within", (within,) if isinstance(within, Reason) else tuple(within))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reason) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.code)

    def __str__(self) -> str:
        return self.phrase()

    def __repr__(self) -> str:
        return f"Reason({self.to_json()!r})"

    def __contains__(self, text: str) -> bool:
        """``"HTTP 503" in reason``: as for its English phrase (readers that grep the phrase)."""
        return text in self.phrase()

    def has(self, code: str) -> bool:
        """This reason, or one it rests on, has ``code``."""
        return self.code == code or any(r.has(code) for r in self.within)

    def phrase(self) -> str:
        """The stable English phrase ("HTTP 503 after 2 retries"): for logs, greps, older readers."""
        return self._word(0)

    def sentence(self, lang: str = "zh") -> str:
        """What the inspector reads, in ``lang`` ("zh" or "en")."""
        return self._word(2 if lang == "zh" else 1)

    def _word(self, column: int) -> str:
        template = WORDING[self.code][column]
        facts = dict(self.facts)
        status = facts.get("status")
        facts.setdefault("note_zh", _STATUS_NOTES_ZH.get(status, "") if isinstance(status, int) else "")
        join = "; " if column == 0 else ("；" if column == 2 else "; ")
        facts["within"] = join.join(r._within_word(column) for r in self.within)
        text = template.format_map(_Missing(facts))
        retries = int(facts.get("retries") or 0)
        if retries:
            suffix = _RETRIES[1 if column == 2 else 0]
            text += suffix.format(retries=retries, ies="y" if retries == 1 else "ies")
        return text

    def _within_word(self, column: int) -> str:
        url = self.facts.get("url")
        word = self._word(column)
        if url and self.code not in ("soft_404_parent", "invalid_url"):
            return f"{url} ({word})" if column != 2 else f"{url}（{word}）"
        return word

    def with_facts(self, **facts: Any) -> Reason:
        return Reason(self.code, self.within, **{**self.facts, **facts})

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, **self.facts}
        if self.within:
            data["within"] = [r.to_json() for r in self.within]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Reason:
        facts = {k: v for k, v in data.items() if k not in ("code", "within")}
        code = str(data.get("code") or "unknown")
        within = tuple(cls.from_json(r) for r in data.get("within") or () if isinstance(r, Mapping))
        return cls(code if code in WORDING else "unknown", within, **facts)


class _Missing(dict):
    """A fact the template names but the reason lacks reads as nothing, never as a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def explain(reason: Reason | Mapping[str, Any] | None, lang: str = "zh") -> str:
    """The sentence for a reason or its findings.json form (``evidence.why``), in ``lang``."""
    if reason is None:
        return "原因不明" if lang == "zh" else "unknown reason"
    if not isinstance(reason, Reason):
        reason = Reason.from_json(reason)
    return reason.sentence(lang)


def explain_zh(reason: Reason | Mapping[str, Any] | None) -> str:
    return explain(reason, "zh")


#: reasons of a column the walk did not reach: the crawl stopped first, or the walk never got there
REASON_NOT_REACHED = Reason("crawl_ended_before_column")
REASON_UNREACHED_COMPLETE = Reason("column_not_reached")
