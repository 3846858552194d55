-- Headless Neovim (0.7.2 and later) attaches `loomgen lsp` to a schema file with an error in it and checks the
-- diagnostic it shows. Run by scripts/test-lsp-clients.sh:
--
--   LOOM_REPO=… LOOMGEN_BIN=… LOOM_NVIM_FILE=…/products.loom LOOM_NVIM_RESULT=…/result.txt \
--     nvim --headless -u NONE -i NONE -n -c 'luafile Tests/lsp/nvim_diagnostics.lua'
--
-- The file must have `Strng(150)` where the store schema has `String(150)`. The client is started by the repository's
-- plugin (editors/nvim: ftdetect, then `require('loom').setup`). On success the result file holds one line per
-- check and Neovim exits 0; on failure the file says why and Neovim exits 1 (`cquit 1`).
local repo = assert(os.getenv('LOOM_REPO'), 'LOOM_REPO')
local bin = assert(os.getenv('LOOMGEN_BIN'), 'LOOMGEN_BIN')
local file = assert(os.getenv('LOOM_NVIM_FILE'), 'LOOM_NVIM_FILE')
local result_path = assert(os.getenv('LOOM_NVIM_RESULT'), 'LOOM_NVIM_RESULT')

local lines = { 'nvim ' .. tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }

local function finish(ok, message)
  table.insert(lines, (ok and 'ok: ' or 'FAILED: ') .. message)
  local out = io.open(result_path, 'w')
  out:write(table.concat(lines, '\n') .. '\n')
  out:close()
  if ok then
    vim.cmd('qall!')
  else
    vim.cmd('cquit 1')
  end
end

local function check(condition, message)
  if not condition then
    finish(false, message)
    error(message)  -- not reached: cquit exits
  end
  table.insert(lines, 'ok: ' .. message)
end

local ok, err = pcall(function()
  -- The repository's Neovim plugin: filetype detection, then the client for `loom` buffers.
  vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
  vim.cmd('filetype plugin on')
  require('loom').setup({ cmd = { bin, 'lsp' } })

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'loom', 'ftdetect makes ' .. vim.fn.fnamemodify(file, ':t') .. ' a loom buffer')

  local attached = vim.wait(10000, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 20)
  check(attached, "require('loom').setup attached a client to the buffer")
  local _, client = next(vim.lsp.buf_get_clients(bufnr))
  check(client.name == 'loomgen', 'the client is loomgen (' .. table.concat(client.config.cmd, ' ') .. ')')

  local shown = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  check(shown, 'diagnostics were published for the buffer within 20 s')

  local diagnostics = vim.diagnostic.get(bufnr)
  check(#diagnostics == 1, 'exactly one diagnostic (got ' .. #diagnostics .. ')')
  local d = diagnostics[1]
  local text = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
  local col = text:find('Strng(150)', 1, true)
  check(d.code == 'L020', "its code is L020 (got '" .. tostring(d.code) .. "')")
  check(d.source == 'loomgen', "its source is loomgen (got '" .. tostring(d.source) .. "')")
  check(d.severity == vim.diagnostic.severity.ERROR, 'it is an error')
  check(
    d.message == "unknown type 'Strng'\nhint: did you mean 'String'?",
    'its message is the unknown type with the hint (got ' .. vim.inspect(d.message) .. ')'
  )
  check(col ~= nil and d.col == col - 1 and d.end_col == col - 1 + #'Strng',
    string.format('it covers `Strng` on line %d, columns %d-%d', d.lnum + 1, d.col, d.end_col))

  -- Neovim applies the quick fix the server offers for it: the diagnostic goes away.
  local at = { line = d.lnum, character = d.col }
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = at, ['end'] = at },
    context = { diagnostics = { {
      range = { start = at, ['end'] = { line = d.end_lnum, character = d.end_col } },
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    } } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local action
  for _, response in pairs(responses) do
    for _, candidate in ipairs(response.result or {}) do action = action or candidate end
  end
  check(action ~= nil and action.title == "Change 'Strng' to 'String'", 'the server offers the quick fix')
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  check(vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]:find('String(150)', 1, true) ~= nil,
    'applying it writes String(150) back')
  local cleared = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  check(cleared, 'the diagnostic is cleared after the edit (didChange, then the debounced analysis)')
end)

if ok then
  finish(true, 'Neovim shows loomgen lsp diagnostics')
else
  finish(false, tostring(err))
end
