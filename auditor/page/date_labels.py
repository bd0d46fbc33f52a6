"""The words Chinese government pages put before or above a publication date, strongest first:
one table for the article reader (``发布日期：2021-06-01``) and the catalogue dialect (a
信息公开目录 table's 发布日期 column)."""

from __future__ import annotations

#: labels that name the publication date (成文日期 on 信息公开 pages that show no 发布日期)
PUBLICATION_LABELS = ("发布日期", "发布时间", "生成日期", "成文日期")
#: labels that name some date of the document, used only when none of the above is present
WEAKER_LABELS = ("发文日期", "印发日期", "公开日期", "日期", "时间")
