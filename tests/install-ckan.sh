#!/usr/bin/env bash
# Install what the CKAN integration test needs from Debian when it is missing: PostgreSQL and Redis.
# CKAN itself comes from PyPI into its own virtual environment, built by the test on first use
# (tests/ckan_site.py); Solr is replaced by tests/ckan_solr_standin.py.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-ckan: postgresql and redis-server are missing; install them as root" >&2; exit 1
  fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql redis-server >/dev/null
