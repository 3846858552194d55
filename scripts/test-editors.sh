#!/usr/bin/env bash
# Editor support for .loom files (issue #23), checked headless, without VS Code or npm:
#   1. the VS Code package: scripts/build-vsix.py builds it; its zip layout and manifest are read back;
#   2. the Vim syntax file, in Vim (and in Neovim when installed): at places found by pattern in the example schemas,
#      the syntax item and the standard highlight group it links to; the ftplugin's settings and folds;
#   3. with Neovim: lua/loom registers a language server per schema folder (a stub server stands in for loomgen lsp);
#   4. the TextMate grammar: its structure, every regex compiled with Python's re, then the grammar run over every
#      example schema by a small TextMate tokenizer, checking the scopes at the same kind of places.
# Places are found by searching for a pattern, not by line number, so the checks survive schema edits; a pattern
# that no longer matches is a failure that says so.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failed=()

section() { printf '\n== %s\n' "$1"; }

# --- 1. VS Code package ----------------------------------------------------------------------------------------------
section "VS Code package (scripts/build-vsix.py)"
VSIX=editors/vscode/build/loom-language-0.1.0.vsix
if python3 scripts/build-vsix.py && python3 - "$VSIX" <<'PY'; then :; else failed+=("vsix"); fi
import json, sys, zipfile
import xml.etree.ElementTree as ET

path = sys.argv[1]
problems = []
with zipfile.ZipFile(path) as archive:
    names = archive.namelist()
    for required in ("[Content_Types].xml", "extension.vsixmanifest", "extension/package.json",
                     "extension/language-configuration.json", "extension/syntaxes/loom.tmLanguage.json",
                     "extension/README.md"):
        print(("ok    " if required in names else "FAIL  ") + "entry " + required)
        if required not in names:
            problems.append(f"{required} missing")
    stray = [name for name in names if not (name in ("[Content_Types].xml", "extension.vsixmanifest")
                                            or name.startswith("extension/"))]
    if stray or any(name.startswith("extension/client/") for name in names):
        problems.append(f"entries that do not belong in the package: {stray or 'extension/client/'}")
    package = json.loads(archive.read("extension/package.json"))
    ns = {"v": "http://schemas.microsoft.com/developer/vsx-schema/2011"}
    manifest = ET.fromstring(archive.read("extension.vsixmanifest"))
    identity = manifest.find("v:Metadata/v:Identity", ns)
    expected = {"Id": package["name"], "Version": package["version"], "Publisher": package["publisher"]}
    actual = {key: identity.get(key) for key in expected}
    print(("ok    " if actual == expected else "FAIL  ") + f"manifest identity {actual}")
    if actual != expected:
        problems.append(f"manifest identity {actual}, package.json says {expected}")
    target = manifest.find("v:Installation/v:InstallationTarget", ns)
    if target is None or target.get("Id") != "Microsoft.VisualStudio.Code":
        problems.append("no InstallationTarget Microsoft.VisualStudio.Code")
    if "Programming Languages" not in manifest.findtext("v:Metadata/v:Categories", "", ns):
        problems.append("category Programming Languages missing")
    for asset in manifest.findall("v:Assets/v:Asset", ns):
        if asset.get("Path") not in names:
            problems.append(f"asset {asset.get('Type')} names {asset.get('Path')}, not in the zip")
    assets = {asset.get("Type"): asset.get("Path") for asset in manifest.findall("v:Assets/v:Asset", ns)}
    if assets.get("Microsoft.VisualStudio.Code.Manifest") != "extension/package.json":
        problems.append("the Code.Manifest asset is not extension/package.json")
    types = ET.fromstring(archive.read("[Content_Types].xml"))
    declared = {d.get("Extension") for d in types}
    for name in names:
        if name == "[Content_Types].xml":  # the part that lists the types needs none itself
            continue
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else None
        if suffix and suffix not in declared:
            problems.append(f"[Content_Types].xml has no type for {name}")
for problem in problems:
    print("FAIL  " + problem)
sys.exit(1 if problems else 0)
PY

# --- 2. Vim syntax file ----------------------------------------------------------------------------------------------
# Each check: file, a Vim pattern whose match start (\zs) is the place, the syntax item expected there, and the
# standard group it must link to ('-': none, plain text in a body, e.g. a field called `status`).
cat > "$WORK/check-syntax.vim" <<'VIM'
set nocompatible
let s:root = $LOOM_ROOT
execute 'set runtimepath^=' . fnameescape(s:root . '/editors/nvim')
filetype plugin on
syntax on
let s:lines = []
let s:failures = 0

let s:checks = [
  \ ['schemas/store/products.loom', '^\zsmodel Product\>', 'loomDeclaration', 'Keyword'],
  \ ['schemas/store/products.loom', '^model \zsProduct\>', 'loomUserType', 'Structure'],
  \ ['schemas/store/products.loom', '^model Product \zstimestamps', 'loomHeaderKeyword', 'Keyword'],
  \ ['schemas/store/products.loom', '^\s*id\s\+\zsInt\>', 'loomBuiltinType', 'Type'],
  \ ['schemas/store/products.loom', '^\s*sku\s\+\zsString(64)', 'loomBuiltinType', 'Type'],
  \ ['schemas/store/products.loom', '^\s*product\s\+\zsProduct\>', 'loomUserType', 'Structure'],
  \ ['schemas/store/products.loom', '\zs@unique', 'loomAttribute', 'PreProc'],
  \ ['schemas/store/products.loom', '\zs@@unique', 'loomModelAttribute', 'PreProc'],
  \ ['schemas/store/products.loom', '^\zs/// Something', 'loomDocComment', 'SpecialComment'],
  \ ['schemas/store/products.loom', '^\s\+\zs/// Stock-keeping', 'loomDocComment', 'SpecialComment'],
  \ ['schemas/store/products.loom', '@default(\zs0)', 'loomNumber', 'Number'],
  \ ['schemas/store/products.loom', '@default(\zsfalse)', 'loomBoolean', 'Boolean'],
  \ ['schemas/store/products.loom', 'message: \zs"product_ids', 'loomString', 'String'],
  \ ['schemas/store/products.loom', '\zscache ttl 60s', 'loomCacheClause', 'Keyword'],
  \ ['schemas/store/products.loom', 'cache ttl \zs60s', 'loomDuration', 'Number'],
  \ ['schemas/store/products.loom', '\zsthrough ProductTag', 'loomThrough', 'Keyword'],
  \ ['schemas/store/products.loom', '^\s*\zstags\s\+\[Tag\]', 'loomModelBody', '-'],
  \ ['schemas/store/products.loom', '^\s*\zsprofile withTags', 'loomProfileKeyword', 'Keyword'],
  \ ['schemas/store/products.loom', '^\s*\zsinclude tags', 'loomProfileMember', 'Keyword'],
  \ ['schemas/store/products.loom', '^\s*\zsqueue\s\+String(40)', 'loomFieldBody', '-'],
  \ ['schemas/store/products.loom', '^\zsusecase GetProductBySku', 'loomDeclaration', 'Keyword'],
  \ ['schemas/store/products.loom', '\zsreadonly {', 'loomHeaderKeyword', 'Keyword'],
  \ ['schemas/store/products.loom', '-> \zsPage(Product)', 'loomBuiltinType', 'Type'],
  \ ['schemas/store/products.loom', '\zs->\s*Page(Product)', 'loomOperator', 'Operator'],
  \ ['schemas/store/products.loom', '^\s*\zsrequire Product(productId)', 'loomStatement', 'Statement'],
  \ ['schemas/store/products.loom', '^\s*\zsdispatch SendRestockEmail', 'loomStatement', 'Statement'],
  \ ['schemas/store/products.loom', '^resource Product at \zs"/products"', 'loomRoutePath', 'Special'],
  \ ['schemas/store/products.loom', '^\s*\zstags "products"', 'loomResourceKeyword', 'Keyword'],
  \ ['schemas/store/products.loom', '^\s*tags \zs"products"', 'loomString', 'String'],
  \ ['schemas/store/products.loom', 'pagination \zscursor', 'loomResourceValue', 'Constant'],
  \ ['schemas/store/products.loom', '^\s*\zsGET\s\+"/low-stock"', 'loomHttpMethod', 'Statement'],
  \ ['schemas/store/products.loom', '^\s*GET\s\+\zs"/low-stock"', 'loomRoutePath', 'Special'],
  \ ['schemas/store/products.loom', 'ListLowStockProducts \zs"List low stock', 'loomString', 'String'],
  \ ['schemas/store/products.loom', '"/by-sku/\zs{sku}', 'loomPathParam', 'Identifier'],
  \ ['schemas/store/products.loom', '\zsstatus 202', 'loomResourceKeyword', 'Keyword'],
  \ ['schemas/store/products.loom', 'status \zs202', 'loomNumber', 'Number'],
  \ ['schemas/store/products.loom', 'fixed \zslimit 20', 'loomResourceKeyword', 'Keyword'],
  \ ['schemas/store/products.loom', 'fixed limit \zs20', 'loomNumber', 'Number'],
  \ ['schemas/store/products.loom', 'crud \zsget, list, create', 'loomCrudOperation', 'Constant'],
  \ ['schemas/store/orders.loom', '^enum OrderStatus { \zscreated', 'loomEnumCase', 'Constant'],
  \ ['schemas/store/orders.loom', '^\s*\zsstatus\s\+OrderStatus', 'loomModelBody', '-'],
  \ ['schemas/store/orders.loom', '^\s*status\s\+\zsOrderStatus', 'loomUserType', 'Structure'],
  \ ['schemas/store/orders.loom', '\zs==\s*body\.userId', 'loomOperator', 'Operator'],
  \ ['schemas/store/orders.loom', '^\s*rule address\.userId == body\.userId \zson', 'loomRoutineKeyword', 'Keyword'],
  \ ['schemas/store/orders.loom', '^\s*compute \zsbody\.', 'loomBuiltinVar', 'Identifier'],
  \ ['schemas/store/orders.loom', '\zswhen body\.unitPriceCents', 'loomRoutineKeyword', 'Keyword'],
  \ ['schemas/store/orders.loom', '== \zsnull$', 'loomNull', 'Constant'],
  \ ['schemas/store/orders.loom', '^\s*\zsPATCH "/{orderId}"', 'loomHttpMethod', 'Statement'],
  \ ['schemas/store/jobs.loom', '^\zsjob SendRestockEmail', 'loomDeclaration', 'Keyword'],
  \ ['schemas/store/jobs.loom', '^\s*\zsqueue notifications', 'loomStatement', 'Statement'],
  \ ['schemas/store/jobs.loom', 'backoff \zsexponential', 'loomRoutineValue', 'Constant'],
  \ ['schemas/store/jobs.loom', '^\zscallback MarkRestockNotified', 'loomDeclaration', 'Keyword'],
  \ ['schemas/store/jobs.loom', 'MarkRestockNotified \zson success', 'loomCallbackKeyword', 'Keyword'],
  \ ['schemas/store/jobs.loom', 'MarkRestockNotified on \zssuccess', 'loomCallbackValue', 'Constant'],
  \ ['schemas/store/jobs.loom', 'success of \zsall', 'loomCallbackValue', 'Constant'],
  \ ['schemas/helpdesk/access.loom', '^\zsauth {', 'loomDeclaration', 'Keyword'],
  \ ['schemas/helpdesk/access.loom', '^\s*\zsjwt {', 'loomJwtHeader', 'Keyword'],
  \ ['schemas/helpdesk/access.loom', '^\s*\zsissuer', 'loomJwtKeyword', 'Keyword'],
  \ ['schemas/helpdesk/access.loom', '@claim(\zs"sub")', 'loomString', 'String'],
  \ ['schemas/helpdesk/access.loom', '^\s*\zsrole\s\+Role', 'loomAuthBody', '-'],
  \ ['schemas/helpdesk/organizations.loom', '^\s*\zsallow read when', 'loomRuleKeyword', 'Keyword'],
  \ ['schemas/helpdesk/organizations.loom', '^\s*allow \zsread when', 'loomRuleOperation', 'Constant'],
  \ ['schemas/helpdesk/organizations.loom', '^\s*\zsdeny read(email)', 'loomRuleKeyword', 'Keyword'],
  \ ['schemas/helpdesk/organizations.loom', 'allow all \zswhen', 'loomConditionKeyword', 'Keyword'],
  \ ['schemas/helpdesk/organizations.loom', 'when \zsauth\.role', 'loomBuiltinVar', 'Identifier'],
  \ ['schemas/helpdesk/organizations.loom', 'agent \zs||', 'loomOperator', 'Operator'],
  \ ['schemas/helpdesk/organizations.loom', 'cache ttl \zs30s', 'loomDuration', 'Number'],
  \ ['schemas/helpdesk/tickets.loom', '^\zs// The list filters', 'loomComment', 'Comment'],
  \ ['schemas/helpdesk/tickets.loom', '^\s*\zsPOST "/{ticketId}/assign"', 'loomHttpMethod', 'Statement'],
  \ ['schemas/helpdesk/tickets.loom', '^\s*POST \zs"/{ticketId}/assign"', 'loomRoutePath', 'Special'],
  \ ['schemas/helpdesk/tickets.loom', '^\s*POST "/\zs{ticketId}', 'loomPathParam', 'Identifier'],
  \ ['schemas/helpdesk/tickets.loom', '\zsfilterable status', 'loomResourceKeyword', 'Keyword'],
  \ ['schemas/helpdesk/tickets.loom', 'filterable \zsstatus', 'loomResourceBody', '-'],
  \ ['schemas/helpdesk/tickets.loom', '"/tickets/{ticketId}/comments" \zsunder Ticket', 'loomHeaderKeyword', 'Keyword'],
  \ ['schemas/helpdesk/tickets.loom', 'auth\.role \zsin \[agent', 'loomOperator', 'Operator'],
  \ ['schemas/helpdesk/tickets.loom', '&& \zs!internal', 'loomOperator', 'Operator'],
  \ ['schemas/helpdesk/tickets.loom', '^\s*\zscheck isAgent', 'loomStatement', 'Statement'],
  \ ['schemas/helpdesk/tickets.loom', '^\s*check \zsisAgent', 'loomFunction', 'Function'],
  \ ['schemas/helpdesk/tickets.loom', '^\s*\zsuses Mailer', 'loomStatement', 'Statement'],
  \ ['schemas/helpdesk/tickets.loom', '^\zsservice Mailer', 'loomDeclaration', 'Keyword'],
  \ ['schemas/helpdesk/tickets.loom', '^\s*\zssend(to', 'loomFunction', 'Function'],
  \ ]

function! s:Report(ok, text) abort
  call add(s:lines, (a:ok ? 'ok    ' : 'FAIL  ') . a:text)
  let s:failures += !a:ok
endfunction

" The item's name, then each group it links to: loomResourceKeyword -> loomKeyword -> Keyword -> Statement.
function! s:Chain(id) abort
  let l:chain = [synIDattr(a:id, 'name')]
  while len(l:chain) < 10
    let l:link = matchlist(execute('highlight ' . l:chain[-1]), 'links to \(\w\+\)')
    if empty(l:link)
      break
    endif
    call add(l:chain, l:link[1])
  endwhile
  return l:chain
endfunction

" Not re-edited when already current: Vim 9.0's synID() reads stale state after a buffer is reloaded.
function! s:Open(file) abort
  let l:path = fnamemodify(s:root . '/' . a:file, ':p')
  if expand('%:p') !=# l:path
    execute 'silent edit ' . fnameescape(l:path)
  endif
endfunction

" The line of the first match of `pattern` in the current buffer, the cursor on it; 0 and a failure when none.
function! s:Find(pattern, what) abort
  call cursor(1, 1)
  let l:line = search(a:pattern, 'cW')
  if l:line == 0
    call s:Report(0, printf('%s: no match for %s (did the schema change? update the check)', a:what, a:pattern))
  endif
  return l:line
endfunction

function! s:Check(file, pattern, item, group) abort
  call s:Open(a:file)
  let l:line = s:Find(a:pattern, a:file)
  if l:line == 0
    return
  endif
  let l:col = col('.')
  let l:chain = s:Chain(synID(l:line, l:col, 1))
  let l:ok = l:chain[0] ==# a:item && (a:group ==# '-' ? len(l:chain) == 1 : index(l:chain, a:group) >= 0)
  let l:text = matchstr(getline(l:line), '\%' . l:col . 'c\S\{1,20}')
  let l:message = printf('%-32s %-22s %s', fnamemodify(a:file, ':t') . ':' . l:line . ':' . l:col, l:text,
        \ join(l:chain, ' -> '))
  if !l:ok
    let l:message .= '   expected ' . a:item . (a:group ==# '-' ? ', not highlighted' : ' -> ... -> ' . a:group)
  endif
  call s:Report(l:ok, l:message)
endfunction

try
  call s:Open('schemas/store/products.loom')
  call s:Report(&filetype ==# 'loom', 'ftdetect: filetype of products.loom is "' . &filetype . '"')
  call s:Report(get(b:, 'current_syntax', '') ==# 'loom', 'syntax: b:current_syntax is "' . get(b:, 'current_syntax', '') . '"')
  call s:Report(&commentstring ==# '// %s' && &shiftwidth == 2 && &expandtab && &foldmethod ==# 'syntax',
        \ printf('ftplugin: commentstring=%s shiftwidth=%d expandtab=%d foldmethod=%s',
        \ &commentstring, &shiftwidth, &expandtab, &foldmethod))
  " One fold per body: a field of a model is one level deep, a member of its profile two.
  let s:field = s:Find('^\s*sku\s', 'products.loom')
  let s:member = s:Find('^\s*include tags', 'products.loom')
  if s:field && s:member
    call s:Report(foldlevel(s:field) == 1 && foldlevel(s:member) == 2,
          \ printf('folds: a model field at fold level %d, a profile member at %d', foldlevel(s:field), foldlevel(s:member)))
  endif
  for s:check in s:checks
    call call('s:Check', s:check)
  endfor
catch
  call s:Report(0, 'error: ' . v:exception . ' at ' . v:throwpoint)
endtry
call writefile(s:lines, $LOOM_OUT)
if s:failures
  cquit
endif
qall!
VIM

# Runs the syntax checks in one editor: prints its report, returns non-zero on any failure.
run_syntax_check() {
  local name=$1 out="$WORK/syntax-$1.out"
  shift
  rm -f "$out"
  local status=0
  LOOM_ROOT=$ROOT LOOM_OUT=$out timeout 120 "$@" -S "$WORK/check-syntax.vim" </dev/null >"$WORK/$name.log" 2>&1 || status=$?
  if [[ -f $out ]]; then
    cat "$out"
  else
    echo "FAIL  $name wrote no report (exit $status):"
    cat "$WORK/$name.log"
    status=1
  fi
  local count
  count=$(grep -c '^FAIL' "$out" 2>/dev/null || true)
  if (( status != 0 || count > 0 )); then
    echo "-- $name: ${count:-?} check(s) failed"
    return 1
  fi
  echo "-- $name: $(grep -c '^ok' "$out") checks passed"
}

section "Vim syntax file (editors/nvim)"
if command -v vim >/dev/null; then
  run_syntax_check vim vim -N -u NONE -i NONE -n -es || failed+=("vim syntax")
else
  echo "FAIL  vim is not installed (apt-get install vim)"
  failed+=("vim syntax")
fi

if command -v nvim >/dev/null; then
  section "Neovim: the same syntax checks ($(nvim --version | head -1))"
  run_syntax_check nvim nvim --headless -u NONE -i NONE -n || failed+=("nvim syntax")

  # --- 3. Neovim language-server registration ----------------------------------------------------------------------
  section "Neovim: require('loom').setup() with a stub server for loomgen lsp"
  # Answers initialize and shutdown, records every message's method (and the root it is given) in a log.
  cat > "$WORK/stub-lsp.py" <<'PY'
import json, sys

log = open(sys.argv[1], "a")

def read():
    length = None
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            sys.exit(0)
        if not line.strip():
            break
        key, _, value = line.decode().partition(":")
        if key.lower() == "content-length":
            length = int(value)
    return json.loads(sys.stdin.buffer.read(length))

def send(message):
    body = json.dumps(message).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()

while True:
    message = read()
    method = message.get("method")
    params = message.get("params") or {}
    log.write(json.dumps({"method": method, "rootUri": params.get("rootUri"),
                          "uri": (params.get("textDocument") or {}).get("uri")}) + "\n")
    log.flush()
    if method == "exit":
        sys.exit(0)
    if "id" in message and method is not None:
        result = {"capabilities": {"textDocumentSync": 1}} if method == "initialize" else None
        send({"jsonrpc": "2.0", "id": message["id"], "result": result})
PY
  cat > "$WORK/check-lsp.lua" <<'LUA'
local root, work = os.getenv('LOOM_ROOT'), os.getenv('LOOM_WORK')
local lines, failures = {}, 0
local function report(ok, text)
  table.insert(lines, (ok and 'ok    ' or 'FAIL  ') .. text)
  if not ok then failures = failures + 1 end
end
local function finish()
  vim.fn.writefile(lines, work .. '/lsp.out')
  for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  vim.cmd(failures > 0 and 'cquit' or 'qall!')
end

local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(root .. '/editors/nvim')
  vim.cmd('filetype plugin on')
  vim.cmd('syntax on')
  local log = work .. '/stub-lsp.log'
  require('loom').setup({ cmd = { 'python3', work .. '/stub-lsp.py', log } })
  -- Two files of one schema, one of another: two clients, one per schema folder.
  for _, file in ipairs({ 'schemas/store/products.loom', 'schemas/store/orders.loom', 'schemas/helpdesk/tickets.loom' }) do
    vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file))
  end
  local function opened()
    local count = 0
    for _, line in ipairs(vim.fn.filereadable(log) == 1 and vim.fn.readfile(log) or {}) do
      if vim.fn.json_decode(line).method == 'textDocument/didOpen' then count = count + 1 end
    end
    return count
  end
  local done = vim.wait(15000, function() return opened() == 3 end, 50)
  report(done, string.format('the stub server was sent didOpen for %d of 3 files', opened()))
  local roots = {}
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    table.insert(roots, vim.fn.fnamemodify(client.config.root_dir, ':.'))
    report(client.name == 'loomgen', 'client name: ' .. client.name)
  end
  table.sort(roots)
  local expected = { root .. '/schemas/helpdesk', root .. '/schemas/store' }
  for i, dir in ipairs(expected) do expected[i] = vim.fn.fnamemodify(dir, ':.') end
  report(vim.deep_equal(roots, expected), 'one client per schema folder: ' .. table.concat(roots, ', '))
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name:match('%.loom$') then
      local attached = vim.lsp.buf_get_clients(bufnr)
      local client = select(2, next(attached))
      local dir = vim.fn.fnamemodify(name, ':p:h')
      report(client ~= nil and client.config.root_dir == dir,
        string.format('%s attached to the client of %s', vim.fn.fnamemodify(name, ':t'),
          client and vim.fn.fnamemodify(client.config.root_dir, ':.') or 'none'))
    end
  end
  -- No loomgen: a warning, no client, no error.
  local id = require('loom').start(0, { cmd = { 'loomgen-that-does-not-exist', 'lsp' } })
  report(id == nil, 'a missing server starts no client and raises no error')
end)
if not ok then report(false, 'error: ' .. tostring(err)) end
finish()
LUA
  lsp_status=0
  LOOM_ROOT=$ROOT LOOM_WORK=$WORK timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $WORK/check-lsp.lua" \
    </dev/null >"$WORK/nvim-lsp.log" 2>&1 || lsp_status=$?
  if [[ -f $WORK/lsp.out ]]; then cat "$WORK/lsp.out"; else cat "$WORK/nvim-lsp.log"; fi
  if (( lsp_status != 0 )) || [[ ! -f $WORK/lsp.out ]] || grep -q '^FAIL' "$WORK/lsp.out"; then
    failed+=("nvim lsp")
  fi
else
  section "Neovim"
  echo "skipped: nvim is not installed (apt-get install neovim runs the same checks, and the LSP registration's)"
fi

# --- 4. TextMate grammar -----------------------------------------------------------------------------------------------
section "TextMate grammar (editors/vscode/syntaxes/loom.tmLanguage.json)"
if python3 - "$ROOT" <<'PY'; then :; else failed+=("textmate grammar"); fi
import json, re, sys
from pathlib import Path

root = Path(sys.argv[1])
grammar = json.loads((root / "editors/vscode/syntaxes/loom.tmLanguage.json").read_text())
repository = grammar.get("repository", {})
problems = []

# Structure: the scope name, includes that resolve, repository entries that are used, begin with end, and every
# regex compiled with Python's re. The grammar keeps to what Oniguruma (VS Code) and re share, so a pattern re
# rejects (\h, \G, \z, (?<name>…)) is an error here rather than something to translate.
if grammar.get("scopeName") != "source.loom":
    problems.append(f"scopeName is {grammar.get('scopeName')!r}, not 'source.loom'")
used, regexes = set(), 0
def walk(node, where):
    global regexes
    if isinstance(node, list):
        for index, item in enumerate(node):
            walk(item, f"{where}[{index}]")
        return
    if not isinstance(node, dict):
        return
    reference = node.get("include")
    if reference is not None:
        if reference.startswith("#"):
            used.add(reference[1:])
            if reference[1:] not in repository:
                problems.append(f"{where}: include {reference} names no repository entry")
        elif reference not in ("$self", "$base"):
            problems.append(f"{where}: include {reference} is another grammar")
    if ("begin" in node) != ("end" in node):
        problems.append(f"{where}: begin without end, or end without begin")
    for key in ("match", "begin", "end"):
        if key in node:
            regexes += 1
            try:
                re.compile(node[key])
            except re.error as error:
                problems.append(f"{where}.{key}: {error}: {node[key]!r}")
    for key, value in node.items():
        walk(value, f"{where}.{key}")
walk(grammar, "grammar")
unused = sorted(set(repository) - used)
if unused:
    problems.append(f"repository entries nothing includes: {', '.join(unused)}")
print(("ok    " if not problems else "FAIL  ") + f"structure: {len(repository)} repository entries, {regexes} regexes compile")

# A small TextMate tokenizer, enough for this grammar: match, begin/end, captures (with patterns), includes. Like
# VS Code's, it runs line by line, takes the earliest match, the end pattern winning a tie, then the first rule.
compiled, expanded = {}, {}
def rx(source):
    if source not in compiled:
        compiled[source] = re.compile(source)
    return compiled[source]

def expand(patterns, seen=()):
    key = (id(patterns), seen)
    if key not in expanded:
        rules = []
        for pattern in patterns:
            reference = pattern.get("include")
            if reference is None and ("match" in pattern or "begin" in pattern):
                rules.append(pattern)
            elif reference is None:
                rules += expand(pattern.get("patterns", []), seen)
            elif reference not in seen:
                target = grammar if reference in ("$self", "$base") else repository[reference[1:]]
                rules += [target] if ("match" in target or "begin" in target) else \
                    expand(target.get("patterns", []), seen + (reference,))
        expanded[key] = rules
    return expanded[key]

class Frame:
    def __init__(self, rule, scopes, inner, patterns, end):
        self.rule, self.scopes, self.inner, self.patterns, self.end = rule, scopes, inner, patterns, end

def apply_captures(text, scopes, match, base, captures):
    for key in sorted(captures or {}, key=int):
        group = int(key)
        if group > (match.re.groups or 0) or match.start(group) == match.end(group):
            continue
        start, end, capture = match.start(group), match.end(group), captures[key]
        for i in range(start, end):
            scopes[i] = scopes[i] + ((capture["name"],) if "name" in capture else ())
        if "patterns" in capture:
            inner = tokenize_line(text[start:end], [Frame(None, scopes[start], scopes[start], capture["patterns"], None)])
            scopes[start:end] = inner

def tokenize_line(text, stack):
    scopes = [None] * len(text)
    position, steps = 0, 0
    while position < len(text):
        steps += 1
        if steps > 10000:
            raise RuntimeError(f"the grammar loops on {text!r}")
        top = stack[-1]
        best = None
        if top.end is not None:
            match = top.end.search(text, position)
            if match:
                best = (match.start(), match, None)
        for rule in expand(top.patterns):
            match = rx(rule["match"] if "match" in rule else rule["begin"]).search(text, position)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), match, rule)
        if best is None:
            scopes[position:] = [top.inner] * (len(text) - position)
            break
        start, match, rule = best
        scopes[position:start] = [top.inner] * (start - position)
        if rule is None:
            stack.pop()
            scopes[start:match.end()] = [top.scopes] * (match.end() - start)
            apply_captures(text, scopes, match, top.scopes, top.rule.get("endCaptures", top.rule.get("captures")))
            position = match.end()
            continue
        outer = top.inner + ((rule["name"],) if "name" in rule else ())
        scopes[start:match.end()] = [outer] * (match.end() - start)
        if "match" in rule:
            apply_captures(text, scopes, match, outer, rule.get("captures"))
            if match.end() == start:  # an empty match moves nothing: step over one character
                scopes[start] = top.inner
                position = start + 1
            else:
                position = match.end()
        else:
            apply_captures(text, scopes, match, outer, rule.get("beginCaptures", rule.get("captures")))
            inner = outer + ((rule["contentName"],) if "contentName" in rule else ())
            stack.append(Frame(rule, outer, inner, rule.get("patterns", []), rx(rule["end"])))
            position = match.end()
    return scopes

def tokenize(text):
    stack = [Frame(None, (grammar["scopeName"],), (grammar["scopeName"],), grammar["patterns"], None)]
    result = [tokenize_line(line + "\n", stack) for line in text.split("\n")]
    return result, stack

# Every example schema: tokenized without a loop, and no block left open at its end.
tokens = {}
for path in sorted((root / "schemas").rglob("*.loom")):
    name = path.relative_to(root).as_posix()
    try:
        tokens[name], stack = tokenize(path.read_text())
    except RuntimeError as error:
        problems.append(f"{name}: {error}")
        print(f"FAIL  {name}: {error}")
        continue
    open_blocks = [frame.rule.get("name") for frame in stack[1:] if "block" in (frame.rule.get("name") or "")]
    print(("ok    " if not open_blocks else "FAIL  ") + f"{name}: tokenized, blocks left open at the end: {open_blocks or 'none'}")
    if open_blocks:
        problems.append(f"{name}: blocks left open at the end: {open_blocks}")

# The scope at places found by a pattern (its group 1): a scope there must start with the expected name;
# '!keyword' means no scope there starts with 'keyword' (a field called `status` or `queue`).
checks = [
    ("schemas/store/products.loom", r"^(model) Product\b", "storage.type"),
    ("schemas/store/products.loom", r"^model (Product)\b", "entity.name.type"),
    ("schemas/store/products.loom", r"^model Product (timestamps)", "keyword.other"),
    ("schemas/store/products.loom", r"^\s*id\s+(Int)\b", "support.type"),
    ("schemas/store/products.loom", r"^\s*sku\s+(String)\(64\)", "support.type"),
    ("schemas/store/products.loom", r"^\s*product\s+(Product)\b", "entity.name.type"),
    ("schemas/store/products.loom", r"(@unique)", "entity.other.attribute-name"),
    ("schemas/store/products.loom", r"(@@unique)", "entity.other.attribute-name.model"),
    ("schemas/store/products.loom", r"^(/// Something)", "comment.line.documentation"),
    ("schemas/store/products.loom", r"^\s+(/// Stock-keeping)", "comment.line.documentation"),
    ("schemas/store/products.loom", r"@default\((0)\)", "constant.numeric"),
    ("schemas/store/products.loom", r"@default\((false)\)", "constant.language"),
    ("schemas/store/products.loom", r"message: (\"product_ids)", "string.quoted.double.loom"),
    ("schemas/store/products.loom", r"(cache) ttl 60s", "keyword.other"),
    ("schemas/store/products.loom", r"cache ttl (60s)", "constant.numeric"),
    ("schemas/store/products.loom", r"(through) ProductTag", "keyword.other"),
    ("schemas/store/products.loom", r"^\s*(tags)\s+\[Tag\]", "!keyword"),
    ("schemas/store/products.loom", r"^\s*(profile) withTags", "keyword.other"),
    ("schemas/store/products.loom", r"^\s*(include) tags", "keyword.other"),
    ("schemas/store/products.loom", r"^\s*(queue)\s+String\(40\)", "!keyword"),
    ("schemas/store/products.loom", r"^(usecase) GetProductBySku", "storage.type"),
    ("schemas/store/products.loom", r"(readonly) \{", "storage.modifier"),
    ("schemas/store/products.loom", r"-> (Page)\(Product\)", "support.type"),
    ("schemas/store/products.loom", r"(->)\s*Page\(Product\)", "keyword.operator"),
    ("schemas/store/products.loom", r"^\s*(require) Product\(productId\)", "keyword.control"),
    ("schemas/store/products.loom", r"^resource Product at (\"/products\")", "string.quoted.double.path"),
    ("schemas/store/products.loom", r"^\s*(tags) \"products\"", "keyword.other"),
    ("schemas/store/products.loom", r"^\s*tags (\"products\")", "string.quoted.double.loom"),
    ("schemas/store/products.loom", r"pagination (cursor)", "constant.language"),
    ("schemas/store/products.loom", r"^\s*(GET)\s+\"/low-stock\"", "keyword.control.http-method"),
    ("schemas/store/products.loom", r"^\s*GET\s+(\"/low-stock\")", "string.quoted.double.path"),
    ("schemas/store/products.loom", r"ListLowStockProducts (\"List low stock)", "string.quoted.double.loom"),
    ("schemas/store/products.loom", r"\"/by-sku/(\{sku\})", "variable.parameter"),
    ("schemas/store/products.loom", r"(status) 202", "keyword.other"),
    ("schemas/store/products.loom", r"status (202)", "constant.numeric"),
    ("schemas/store/products.loom", r"fixed (limit) 20", "keyword.other"),
    ("schemas/store/products.loom", r"fixed limit (20)", "constant.numeric"),
    ("schemas/store/orders.loom", r"^enum OrderStatus \{ (created)", "variable.other.enummember"),
    ("schemas/store/orders.loom", r"^\s*(status)\s+OrderStatus", "!keyword"),
    ("schemas/store/orders.loom", r"(==)\s*body\.userId", "keyword.operator"),
    ("schemas/store/orders.loom", r"^\s*rule address\.userId == body\.userId (on)", "keyword.other"),
    ("schemas/store/orders.loom", r"^\s*compute (body)\.", "variable.language"),
    ("schemas/store/orders.loom", r"(when) body\.unitPriceCents", "keyword.control"),
    ("schemas/store/orders.loom", r"== (null)$", "constant.language"),
    ("schemas/store/orders.loom", r"^\s*(PATCH) \"/\{orderId\}\"", "keyword.control.http-method"),
    ("schemas/store/jobs.loom", r"^(job) SendRestockEmail", "storage.type"),
    ("schemas/store/jobs.loom", r"^\s*(queue) notifications", "keyword.control"),
    ("schemas/store/jobs.loom", r"backoff (exponential)", "constant.language"),
    ("schemas/store/jobs.loom", r"^(callback) MarkRestockNotified", "storage.type"),
    ("schemas/store/jobs.loom", r"MarkRestockNotified (on) success", "keyword.other"),
    ("schemas/store/jobs.loom", r"MarkRestockNotified on (success)", "constant.language"),
    ("schemas/store/jobs.loom", r"success of (all)", "constant.language"),
    ("schemas/helpdesk/access.loom", r"^(auth) \{", "storage.type"),
    ("schemas/helpdesk/access.loom", r"^\s*(jwt) \{", "keyword.other"),
    ("schemas/helpdesk/access.loom", r"^\s*(issuer)", "keyword.other"),
    ("schemas/helpdesk/access.loom", r"@claim\((\"sub\")\)", "string.quoted.double.loom"),
    ("schemas/helpdesk/access.loom", r"^\s*(role)\s+Role", "!keyword"),
    ("schemas/helpdesk/organizations.loom", r"^\s*(allow) read when", "keyword.control"),
    ("schemas/helpdesk/organizations.loom", r"^\s*allow (read) when", "constant.language"),
    ("schemas/helpdesk/organizations.loom", r"^\s*(deny) read\(email\)", "keyword.control"),
    ("schemas/helpdesk/organizations.loom", r"allow all (when)", "keyword.control"),
    ("schemas/helpdesk/organizations.loom", r"when (auth)\.role", "variable.language"),
    ("schemas/helpdesk/organizations.loom", r"agent (\|\|)", "keyword.operator"),
    ("schemas/helpdesk/organizations.loom", r"cache ttl (30s)", "constant.numeric"),
    ("schemas/helpdesk/tickets.loom", r"^(// The list filters)", "comment.line.double-slash"),
    ("schemas/helpdesk/tickets.loom", r"^\s*(POST) \"/\{ticketId\}/assign\"", "keyword.control.http-method"),
    ("schemas/helpdesk/tickets.loom", r"^\s*POST (\"/\{ticketId\}/assign\")", "string.quoted.double.path"),
    ("schemas/helpdesk/tickets.loom", r"^\s*POST \"/(\{ticketId\})", "variable.parameter"),
    ("schemas/helpdesk/tickets.loom", r"(filterable) status", "keyword.other"),
    ("schemas/helpdesk/tickets.loom", r"filterable (status)", "!keyword"),
    ("schemas/helpdesk/tickets.loom", r"\"/tickets/\{ticketId\}/comments\" (under) Ticket", "keyword.other"),
    ("schemas/helpdesk/tickets.loom", r"auth\.role (in) \[agent", "keyword.operator"),
    ("schemas/helpdesk/tickets.loom", r"&& (!)internal", "keyword.operator"),
    ("schemas/helpdesk/tickets.loom", r"^\s*(check) isAgent", "keyword.control"),
    ("schemas/helpdesk/tickets.loom", r"^\s*check (isAgent)", "entity.name.function"),
    ("schemas/helpdesk/tickets.loom", r"^\s*(uses) Mailer", "keyword.control"),
    ("schemas/helpdesk/tickets.loom", r"^(service) Mailer", "storage.type"),
    ("schemas/helpdesk/tickets.loom", r"^\s*(send)\(to", "entity.name.function"),
]
passed = 0
for name, pattern, expected in checks:
    text = (root / name).read_text()
    match = re.search(pattern, text, re.M)
    if not match:
        problems.append(f"{name}: no match for {pattern} (did the schema change? update the check)")
        print(f"FAIL  {name}: no match for {pattern} (did the schema change? update the check)")
        continue
    offset = match.start(1)
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    scopes = tokens[name][line][column]
    if expected.startswith("!"):
        ok = not any(scope.startswith(expected[1:]) for scope in scopes)
    else:
        ok = any(scope.startswith(expected) for scope in scopes)
    place = f"{Path(name).name}:{line + 1}:{column + 1}"
    message = f"{place:32} {match.group(1)[:20]:22} {' '.join(scopes[1:]) or '(source.loom only)'}"
    if not ok:
        message += f"   expected {'no ' + expected[1:] if expected.startswith('!') else expected} scope"
        problems.append(message)
    passed += ok
    print(("ok    " if ok else "FAIL  ") + message)
print(f"-- textmate: {passed} of {len(checks)} scope checks passed")
sys.exit(1 if problems else 0)
PY

section "Summary"
if (( ${#failed[@]} )); then
  echo "test-editors: FAILED: ${failed[*]}"
  exit 1
fi
echo "test-editors: all checks passed"
