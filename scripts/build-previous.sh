#!/usr/bin/env bash
# Builds the store (release) of another commit in a worktree of its own under .build/previous/, and prints the
# binary's path: what BENCH_PREVIOUS_BIN takes, so that `make bench BENCH_PREVIOUS=REV` measures a change against the
# commit before it in the same run (same machine state, same rounds). A first build of a commit takes as long as a
# clean release build; later ones reuse it.
# Usage: scripts/build-previous.sh [REV]   (default: HEAD~1)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REV=$(git -C "$ROOT" rev-parse --short "${1:-HEAD~1}")
DIR="$ROOT/.build/previous/$REV"
[ -d "$DIR" ] || git -C "$ROOT" worktree add --detach "$DIR" "$REV" >&2
(cd "$DIR" && swift build -c release --product store >&2)
echo "$(cd "$DIR" && swift build -c release --show-bin-path)/store"
