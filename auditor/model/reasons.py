"""Why the crawler could not tell, in Chinese for the inspector.

The crawl records its reasons as short English phrases (stable, greppable, in ``evidence.reason``);
the inspector reads them in the finding's message, through this table. A reason not in the table is
shown as it is: never hidden.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^home page: (?P<rest>.+)$", "首页：{rest}"),
        (r"^HTTP (?P<code>\d+)(?: \([^)]*\))? after (?P<n>\d+) retr(?:y|ies)$", "服务器返回 HTTP {code}（已重试 {n} 次）"),
        (r"^HTTP 403\b.*$", "服务器拒绝访问（HTTP 403）"),
        (r"^HTTP (?P<code>\d+)\b.*$", "服务器返回 HTTP {code}"),
        (r"^timeout after (?P<n>\d+) retr(?:y|ies)$", "访问超时（已重试 {n} 次）"),
        (r"^timeout\b.*$", "访问超时"),
        (r"^connection (?:reset|lost)\b.*$", "连接被服务器中断"),
        (r"^connection refused\b.*$", "服务器拒绝连接"),
        (r"^(?:no response|DNS lookup failed)\b.*$", "服务器无响应"),
        (r"^redirect loop\b.*$", "页面重定向循环"),
        (r"^too many redirects.*$", "页面重定向次数过多"),
        (r"^redirect to another host: (?P<host>.+)$", "页面重定向到其他站点（{host}），未跟随"),
        (r"^redirect \(HTTP (?P<code>\d+)\) not followed$", "页面重定向（HTTP {code}）无法跟随"),
        (r"^anti-bot challenge \(HTTP (?P<code>\d+)[^)]*\)$", "遇到反爬虫验证页面（HTTP {code}），需人工核实"),
        (r"^maintenance page.*: page says (?P<text>.+)$", "网站处于维护状态（页面显示“{text}”）"),
        (r"^maintenance page\b.*$", "网站处于维护状态"),
        (r"^soft 404: page says (?P<text>.+)$", "软 404：页面显示“{text}”"),
        (r"^soft 404: redirected to the home page.*$", "软 404：被重定向到首页"),
        (r"^soft 404: meta refresh to the parent column.*$", "软 404：页面自动跳转到上级栏目"),
        (r"^soft 404\b.*$", "软 404：页面不存在"),
        (r"^robots\.txt\b.*$", "网站 robots.txt 禁止抓取该页面"),
        (r"^page larger than (?P<size>.+)$", "页面过大（超过 {size}），未下载"),
        (r"^list drawn by JavaScript.*$", "栏目列表由 JavaScript 动态生成，本次未执行脚本"),
        (r"^crawl ended before this column was reached$", "抓取在到达该栏目之前中止"),
        (r"^crawl ended before the sub-columns were read$", "抓取在读取其子栏目之前中止"),
        (r"^column not reached$", "未能到达该栏目"),
        (r"^column is on another host \((?P<host>[^)]*)\).*$", "栏目位于其他站点（{host}），未在允许范围内"),
        (r"^column page redirected to another host \((?P<host>[^)]*)\).*$", "栏目页面被重定向到其他站点（{host}）"),
        (r"^pages of the section could not be read: (?P<rest>.+)$", "所在栏目的部分页面无法访问：{rest}"),
        (r"^column content could not be determined.*$", "栏目页面结构无法识别"),
    )
)


def explain_zh(reason: str | None) -> str:
    """The Chinese wording of a crawl reason (the English one when the table has none)."""
    if not reason:
        return "原因不明"
    for pattern, template in _RULES:
        match = pattern.match(reason)
        if match:
            parts = {k: explain_zh(v) if k == "rest" else v for k, v in match.groupdict().items()}
            return template.format(**parts)
    return reason
