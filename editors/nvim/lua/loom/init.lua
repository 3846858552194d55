-- Starts `loomgen lsp` (LSP 3.17 over stdio) for `loom` buffers with Neovim's built-in client.
--
--   require('loom').setup()                                   -- loomgen on $PATH
--   require('loom').setup({ cmd = { '/path/to/loomgen', 'lsp' }, on_attach = my_on_attach })
--
-- A schema is a folder of .loom files that loomgen reads as one unit, so the server's root is the folder of the
-- file opened: every file of one schema shares a client, and two schemas get one client each.
local M = {}

local defaults = {
  name = 'loomgen',
  cmd = { 'loomgen', 'lsp' },
}

-- Neovim 0.7 (Debian bookworm) has no vim.lsp.start: one client per root is kept here instead.
local clients_by_root = {}
local warned_missing = false

local function root_of(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  if file == '' then
    return vim.loop.cwd()
  end
  return vim.fn.fnamemodify(file, ':p:h')
end

--- Starts (or reuses) the client for the schema folder of `bufnr` and attaches the buffer. Returns the client id.
function M.start(bufnr, opts)
  opts = vim.tbl_deep_extend('force', defaults, opts or {})
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.fn.executable(opts.cmd[1]) ~= 1 then
    -- Once per session: a missing server should not interrupt every file opened.
    if not warned_missing then
      warned_missing = true
      vim.notify(
        string.format("loom: '%s' not found; build loomgen or pass setup({ cmd = { ... } })", opts.cmd[1]),
        vim.log.levels.WARN
      )
    end
    return nil
  end
  local root = root_of(bufnr)
  local config = {
    name = opts.name,
    cmd = opts.cmd,
    root_dir = root,
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
    settings = opts.settings,
    init_options = opts.init_options,
  }
  if vim.lsp.start then
    -- 0.8+: reuses a running client with the same name and root_dir.
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  -- get_client_by_id also finds a client still initializing (client_is_stopped would call it stopped).
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if client == nil or client.is_stopped() then
    id = vim.lsp.start_client(config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Registers the FileType autocommand. opts: cmd, name, capabilities, on_attach, settings, init_options.
function M.setup(opts)
  opts = vim.tbl_deep_extend('force', defaults, opts or {})
  local group = vim.api.nvim_create_augroup('loom_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'loom',
    callback = function(args)
      M.start(args.buf, opts)
    end,
  })
  -- Buffers already open when setup runs (a lazy-loading plugin manager) get their client too.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == 'loom' then
      M.start(bufnr, opts)
    end
  end
end

return M
