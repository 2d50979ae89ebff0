# The API Entreprise sandbox as a container: `docker run -p 8080:8080 api-entreprise-sandbox`.
# Configuration is only through environment variables (docs/configuration.md).
# Shared (reachable by others): set MOCKSERVER_ADMIN_TOKEN and MOCKSERVER_ACCESS_LOG=json, and for
# several replicas MOCKSERVER_STORAGE_URL=redis://…; see docs/deployment.md and deploy/.

# Build stage: install the package and its pinned dependencies into a virtual environment.
FROM python:3.11-slim AS build
# pip trusts the system's CA bundle, which a corporate proxy's certificate extends, rather than its own.
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_CERT=/etc/ssl/certs/ca-certificates.crt
WORKDIR /src
COPY pyproject.toml requirements.lock README.md ./
COPY mockserver ./mockserver
COPY fixtures ./fixtures
COPY schemas ./schemas
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --constraint requirements.lock .

# Run stage: the virtual environment only, no sources, no build tools, not root.
FROM python:3.11-slim
RUN groupadd --system --gid 10001 sandbox \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin sandbox
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8080
USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['PORT']}/__admin/health\", timeout=2)"]
CMD ["api-entreprise-mock", "serve"]
