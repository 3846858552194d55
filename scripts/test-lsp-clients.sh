#!/usr/bin/env bash
# `loomgen lsp` through real clients, on scratch copies of schemas/store (the repository's schema is never edited):
#  1. pytest-lsp (PyPI, installed into .build/lsp-venv) drives one editing session: Tests/lsp/test_session.py.
#  2. Headless Neovim (Debian's package, installed when missing) opens a copy of products.loom with an error written
#     into it, attaches the server through editors/nvim (require('loom').setup) and checks the diagnostic it shows,
#     then applies the server's quick fix and sees it cleared: Tests/lsp/nvim_diagnostics.lua.
# LOOMGEN_BIN is the server binary (default .build/debug/loomgen; `make test-lsp-clients` passes the build's).
# Both parts run even if the first fails; the exit code is 1 if either did.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOOMGEN_BIN=${LOOMGEN_BIN:-.build/debug/loomgen}
case $LOOMGEN_BIN in /*) ;; *) LOOMGEN_BIN=$ROOT/$LOOMGEN_BIN ;; esac
if [ ! -x "$LOOMGEN_BIN" ]; then
  echo "test-lsp-clients: no loomgen at $LOOMGEN_BIN (swift build --product loomgen, or set LOOMGEN_BIN)"
  exit 1
fi
export LOOMGEN_BIN
export DEBIAN_FRONTEND=noninteractive
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in Tests/lsp

# Debian packages: Neovim, and the venv module where python3 is Debian's.
need=""
command -v nvim >/dev/null 2>&1 || need="$need neovim"
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need="$need python3-venv"
if [ -n "$need" ]; then
  echo "test-lsp-clients: installing$need"
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends --no-upgrade $need >/dev/null
fi

# pytest-lsp and its dependencies, in a virtualenv of their own (skipped when already there).
VENV=$ROOT/.build/lsp-venv
if ! "$VENV/bin/python" -c 'import pytest_lsp, pytest_asyncio' >/dev/null 2>&1; then
  echo "test-lsp-clients: installing pytest-lsp into .build/lsp-venv (PyPI)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r Tests/lsp/requirements.txt
fi

status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. pytest-lsp: one session, a step per test (-rA lists what each checked).
echo "test-lsp-clients: pytest-lsp session against $LOOMGEN_BIN lsp"
start=$(date +%s)
if timeout 300 "$VENV/bin/python" -m pytest -q -rA -p no:cacheprovider \
     -o asyncio_default_fixture_loop_scope=module Tests/lsp; then
  echo "test-lsp-clients: ok: pytest-lsp: open, L020 typo and its quick fix, debounced burst of keystrokes, hover," \
    "definition, references, completion (types, attributes, rule fields), field and model rename (the renamed copy" \
    "passes loomgen check), formatting, symbols, folding, shutdown ($(( $(date +%s) - start )) s)"
else
  echo "test-lsp-clients: FAIL: pytest-lsp session (see above)"
  status=1
fi

# 2. Headless Neovim: a copy of the store schema with `String(150)` misspelt in products.loom.
echo "test-lsp-clients: headless $(nvim --version | head -1) attaching loomgen lsp"
cp -R schemas/store "$work/store"
sed -i 's/String(150)/Strng(150)/' "$work/store/products.loom"
grep -q 'Strng(150)' "$work/store/products.loom" || { echo "test-lsp-clients: FAIL: no String(150) in products.loom to misspell"; exit 1; }
start=$(date +%s)
nvim_status=0
XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_STATE_HOME=$work/xdg/state XDG_CACHE_HOME=$work/xdg/cache \
  LOOM_REPO=$ROOT LOOM_NVIM_FILE=$work/store/products.loom LOOM_NVIM_RESULT=$work/nvim-result.txt \
  timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $ROOT/Tests/lsp/nvim_diagnostics.lua" </dev/null >"$work/nvim.log" 2>&1 \
  || nvim_status=$?
if [ -f "$work/nvim-result.txt" ]; then sed 's/^/test-lsp-clients: neovim: /' "$work/nvim-result.txt"; fi
if [ "$nvim_status" = 0 ] && grep -q '^ok: Neovim shows loomgen lsp diagnostics$' "$work/nvim-result.txt" 2>/dev/null; then
  echo "test-lsp-clients: ok: Neovim ($(( $(date +%s) - start )) s)"
else
  echo "test-lsp-clients: FAIL: Neovim exited $nvim_status"
  cat "$work/nvim.log"
  status=1
fi

[ "$status" = 0 ] && echo "test-lsp-clients: all passed"
exit "$status"
