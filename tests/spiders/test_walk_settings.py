"""The spider's walk takes its settings through one function: defaults from WalkConfig, ``-s`` wins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scrapy.settings import Settings

import spiders.settings as project_settings
from auditor.walk.config import WalkConfig, config_from_settings, default_settings
from spiders.pathwalk import PathWalkSpider

SPEC = str(Path(__file__).resolve().parents[2] / "path_specs" / "liangjiang-2021.yaml")


def spider_with(**overrides: str) -> PathWalkSpider:
    """The spider configured as ``from_crawler`` configures it, from the project's settings and
    ``-s`` overrides (Scrapy's own Settings, priorities and all)."""
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(overrides, priority="cmdline")
    spider = PathWalkSpider(start_url="http://127.0.0.1:9/", spec=SPEC)
    spider._configure(config_from_settings(settings.get))
    return spider


def test_the_project_settings_carry_the_walk_defaults_written_once_in_walk_config():
    for name, value in default_settings().items():
        assert getattr(project_settings, name) == value, name


def test_a_crawl_without_walk_settings_walks_with_the_defaults():
    config = spider_with().walker.config
    assert config == WalkConfig(as_of=config.as_of)
    assert config.as_of == dt.datetime.now(dt.timezone.utc).date()


def test_command_line_settings_reach_the_walker_and_its_media_checks():
    spider = spider_with(AUDITOR_ITEM_LIST_PAGES="2", AUDITOR_MAX_ITEM_PAGES="0", AUDITOR_AS_OF="2021-12-01",
                         AUDITOR_MEDIA_RANGE_BYTES="4096", AUDITOR_PAGE_MEMORY="3")
    config = spider.walker.config
    assert (config.item_list_pages, config.max_item_pages, config.as_of) == (2, 0, dt.date(2021, 12, 1))
    assert spider.walker.book.capacity == 3 and spider.media.config.media_range_bytes == 4096
