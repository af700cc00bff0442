--[[
latex-literal.lua: keep straight quotes and double hyphens of the text as they are in LaTeX.

With +smart, pandoc has already made the prose's quotes and dashes typographic, so any
straight quote, backtick or "--" still in a Str came from data (a name, a label) or a
reference. XeLaTeX's TeX ligatures would turn them into curly quotes and dashes; this
filter writes them as the characters themselves, so text from data is set literally.
Runs for LaTeX output only.
]]

PANDOC_VERSION:must_be_at_least '3.0'

local LITERAL = {
  ['"'] = '\\textquotedbl{}',
  ["'"] = '\\textquotesingle{}',
  ['`'] = '\\textasciigrave{}',
}

--- Split one Str into text and LaTeX escapes for the characters ligatures would change.
local function literal(str)
  local text = str.text
  if not text:find('["\'`]') and not text:find('%-%-') then
    return nil
  end
  local out = pandoc.Inlines {}
  local buffer = ''
  local previous = ''
  for _, code in utf8.codes(text) do
    local char = utf8.char(code)
    if LITERAL[char] then
      if buffer ~= '' then out:insert(pandoc.Str(buffer)) end
      out:insert(pandoc.RawInline('latex', LITERAL[char]))
      buffer = ''
    elseif char == '-' and previous == '-' then
      out:insert(pandoc.Str(buffer))
      out:insert(pandoc.RawInline('latex', '{}'))
      buffer = char
    else
      buffer = buffer .. char
    end
    previous = char
  end
  if buffer ~= '' then out:insert(pandoc.Str(buffer)) end
  return out
end

if not FORMAT:match('latex') then
  return {}
end

return {
  { Str = literal },
}
