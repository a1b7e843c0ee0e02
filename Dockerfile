# The image a docker work pool runs datamap's deployments in (prefect.yaml, datamap-docker).
#   docker build -t datamap:latest .
#   prefect work-pool create datamap-docker --type docker   # needs `pip install prefect-docker`
#   prefect worker start --pool datamap-docker
# CPU-only torch first (pinned like the Makefile does), so nothing pulls a CUDA build.
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 \
    PYTHONUNBUFFERED=1 \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    GX_ANALYTICS_ENABLED=false \
    NUMBA_CACHE_DIR=/var/cache/datamap/numba

RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

WORKDIR /opt/datamap
COPY pyproject.toml setup.py README.md ./
COPY datamap ./datamap
COPY cli ./cli
COPY flows ./flows
COPY tasks ./tasks
COPY resources ./resources
COPY viewer ./viewer
COPY deployments ./deployments
COPY sample ./sample
RUN pip install '.[all]' && mkdir -p /var/cache/datamap/numba /data

# maps go to the store the deployment names (s3://… or a mounted folder such as /data)
WORKDIR /data
CMD ["datamap", "--help"]
