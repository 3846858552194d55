#!/usr/bin/env bash
# Installs the C libraries the build links when missing (Debian's libhiredis-dev, for the Redis job store; libpq-dev,
# for the PostgreSQL engine, LibpqEngine), so that `make run` and `make test` work on a fresh machine.
# Quick and silent when everything is there.
set -euo pipefail
need=""
dpkg -s libhiredis-dev >/dev/null 2>&1 || [ -f /usr/include/hiredis/hiredis.h ] || need="$need libhiredis-dev"
dpkg -s libpq-dev >/dev/null 2>&1 || [ -f /usr/include/postgresql/libpq-fe.h ] || need="$need libpq-dev"
[ -z "$need" ] && exit 0
echo "system libraries: installing$need"
export DEBIAN_FRONTEND=noninteractive
SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends --no-upgrade $need >/dev/null
