-- A drafter in Neovim (its built-in LSP client, 0.7 or later): open a section,
-- start `ordinance lsp`, type a mistaken reference without saving, read the
-- findings Neovim received, apply the quick fix offered, save. What happened is
-- written as JSON to $ORDINANCE_NVIM_OUT for the test to read.
local file = os.getenv('ORDINANCE_NVIM_FILE')
local out = os.getenv('ORDINANCE_NVIM_OUT')
local server = os.getenv('ORDINANCE_NVIM_SERVER')
local root = os.getenv('ORDINANCE_NVIM_ROOT')
local report = { findings = {}, actions = {}, errors = {} }

local function finish(code)
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(report))
  handle:close()
  vim.cmd(code == 0 and 'qall!' or 'cquit! ' .. code)
end

local ok, failure = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({ name = 'ordinance', cmd = { 'node', server, 'lsp', '--stdio' }, root_dir = root })
  assert(client, 'the server did not start')
  vim.lsp.buf_attach_client(buf, client)
  -- The drafter types a reference with a typo at the end of the section; nothing is saved.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { '', 'See :ref{to=prohibitons}.' })
  local found = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'section-ref-resolves' then return true end
    end
    return false
  end, 100)
  assert(found, 'no finding arrived')
  local finding
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(report.findings, { line = d.lnum + 1, column = d.col + 1, code = d.code, message = d.message, source = d.source })
    if d.code == 'section-ref-resolves' then finding = d end
  end
  -- The quick fixes for it, asked for as `:lua vim.lsp.buf.code_action()` asks on the finding's line: its diagnostics in the protocol's form.
  local line = vim.lsp.diagnostic.get_line_diagnostics(buf, finding.lnum)
  assert(#line > 0, 'no protocol diagnostic on the line')
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = line[1].range, context = { diagnostics = line } }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
  for _, response in pairs(responses or {}) do
    if response.err or response.error then table.insert(report.errors, vim.inspect(response.err or response.error)) end
  end
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(report.actions, action.title)
      if action.isPreferred and action.edit then vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16') end
    end
  end
  vim.cmd('write')
  vim.lsp.stop_client(client)
end)
if not ok then
  table.insert(report.errors, tostring(failure))
  finish(1)
else
  finish(0)
end
