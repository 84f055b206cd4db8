# pledgebot as a service: `pledgebot serve` on port 8080, as an unprivileged user.
# Build: docker build -t pledgebot .   Run with PostgreSQL: docker compose up -d (compose.yaml)

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY scheduler ./scheduler
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PLEDGEBOT_HTTP_HOST=0.0.0.0 \
    PLEDGEBOT_HTTP_PORT=8080 \
    PLEDGEBOT_LOG_LEVEL=INFO \
    PLEDGEBOT_LOG_FORMAT=json \
    PLEDGEBOT_DATABASE_URL=sqlite:////data/pledgebot.db
RUN useradd --system --uid 10001 --user-group --home-dir /data --create-home pledgebot
COPY --from=build /install /usr/local
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
# The slim image has no curl: Python asks /healthz (the process and its event loop answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PLEDGEBOT_HTTP_PORT', '8080'), timeout=4)"]
STOPSIGNAL SIGTERM
CMD ["pledgebot", "serve"]
