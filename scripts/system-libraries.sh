#!/usr/bin/env bash
# Installs the C libraries the build links (Debian's libhiredis-dev, for the Redis job store) when missing, so that
# `make run` and `make test` work on a fresh machine. Quick and silent when everything is there.
set -euo pipefail
dpkg -s libhiredis-dev >/dev/null 2>&1 && exit 0
[ -f /usr/include/hiredis/hiredis.h ] && exit 0
echo "system libraries: installing libhiredis-dev"
export DEBIAN_FRONTEND=noninteractive
SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends --no-upgrade libhiredis-dev >/dev/null
