"""For ``scrapyd-deploy`` only, which builds its egg with ``python setup.py bdist_egg``: everything
(packages, package data, the ``scrapy`` settings entry point) comes from pyproject.toml."""

from setuptools import setup

setup()
