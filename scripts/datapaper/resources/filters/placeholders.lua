--[[
placeholders.lua: splice computed numbers into the text.

Every `{{key|options}}` in the document's text (body, captions and metadata) is
replaced by the text that scripts/placeholders.py formatted for the document's
language. The file of formatted values is named by the metadata key
`placeholder-values`. A placeholder that file does not know stops the build; the
Python step has already named its file and line, so this is a second guard.
Values are spliced as plain text (Str), never as raw LaTeX or Typst.
]]

PANDOC_VERSION:must_be_at_least '3.0'

local values = nil
local source = '?'

--- Read the formatted values named by the `placeholder-values` metadata key.
local function load_values(meta)
  local path = meta['placeholder-values']
  if not path then
    error('placeholders.lua: metadata key placeholder-values is not set')
  end
  source = pandoc.utils.stringify(path)
  local handle = io.open(source, 'r')
  if not handle then
    error('placeholders.lua: cannot open ' .. source)
  end
  local text = handle:read('a')
  handle:close()
  values = pandoc.json.decode(text, false).values
  meta['placeholder-values'] = nil
  return meta
end

--- Replace the placeholders inside one Str.
local function splice(str)
  if not str.text:find('{{', 1, true) and not str.text:find('}}', 1, true) then
    return nil
  end
  local text = str.text:gsub('{{[^{}]*}}', function (placeholder)
    local value = values[placeholder]
    if value == nil then
      error('placeholders.lua: unknown placeholder ' .. placeholder ..
            ' (not in ' .. source .. ')')
    end
    return value
  end)
  if text:find('{{', 1, true) or text:find('}}', 1, true) then
    error('placeholders.lua: malformed placeholder in "' .. str.text .. '" (' .. source .. ')')
  end
  return pandoc.Str(text)
end

return {
  { Meta = load_values },
  { Str = splice },
}
