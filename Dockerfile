# PathAudit in a container: the command line, with Debian's Chromium for PDF reports and the
# headless checks. Build: docker build -t pathaudit .
# Run:   docker run --rm -v "$PWD:/work" -e TZ=Asia/Shanghai pathaudit run sites.yaml
FROM python:3.11-slim-bookworm

# chromium: `report --format pdf` prints the HTML report with it (reports/pdf.py finds it on PATH);
# tzdata: the `timezone` setting and TZ name real zones
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-cjk tzdata \
 && rm -rf /var/lib/apt/lists/*

# an unprivileged user owns the work folder: the crawl never runs as root
RUN useradd --create-home --uid 1000 pathaudit
WORKDIR /opt/pathaudit
COPY pyproject.toml setup.py README.md LICENSE scrapy.cfg ./
COPY auditor ./auditor
COPY spiders ./spiders
COPY reports ./reports
COPY path_specs ./path_specs
COPY pathaudit ./pathaudit
RUN pip install --no-cache-dir . && python -c "import pathaudit.cli"

USER pathaudit
WORKDIR /work
ENV PYTHONIOENCODING=utf-8 AUDITOR_CHROMIUM=/usr/bin/chromium
ENTRYPOINT ["pathaudit"]
CMD ["--help"]
