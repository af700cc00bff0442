--[[
text-only.lua: Markdown that quotes text from data is text.

The audit's page (build/audit.html) quotes the paper's sentences and values, which come
from tables, lexicons and texts of many hands. Pandoc's GFM reader keeps HTML written in
Markdown as raw HTML, which the page would run (`<img onerror=...>`, `<script>`): here it
becomes plain text, which the HTML writer escapes. A link whose target is a script
(`javascript:`, `vbscript:`, `data:`) keeps only its text, and an element's event-handler
attributes (`onclick=...`, which Markdown's attribute syntax can write) are dropped.
]]

PANDOC_VERSION:must_be_at_least '3.0'

--- Raw HTML as the text it was written as.
local function as_text(el)
  if el.format:match('html') then
    return pandoc.Str(el.text)
  end
end

--- A block of raw HTML as a paragraph of its text.
local function block_as_text(el)
  if el.format:match('html') then
    return pandoc.Para({ pandoc.Str(el.text) })
  end
end

--- A link to a script: its text only.
local function safe_link(el)
  local scheme = el.target:lower():gsub('%s', ''):match('^(%a+):')
  if scheme == 'javascript' or scheme == 'vbscript' or scheme == 'data' then
    return el.content
  end
end

--- An element without its event handlers (attributes named on...).
local function without_handlers(el)
  local kept, dropped = {}, false
  for _, pair in ipairs(el.attributes) do
    if pair[1]:lower():match('^on') then
      dropped = true
    else
      table.insert(kept, pair)
    end
  end
  if dropped then
    el.attributes = kept
    return el
  end
end

return {
  {
    RawInline = as_text,
    RawBlock = block_as_text,
    Link = function(el) return safe_link(el) or without_handlers(el) end,
    Div = without_handlers,
    Span = without_handlers,
    Header = without_handlers,
    Image = without_handlers,
    Code = without_handlers,
    CodeBlock = without_handlers,
    Table = without_handlers,
  },
}
