--[[
dashes.lua: a dash never starts a line.

The space before a spaced dash ("Paris — 21 %", "TV – 52%") becomes a non-breaking
space, as Russian and Kazakh typography require and English does no harm by; both
engines then keep the dash with the word before it. A range of numbers ("15–30") does not
break after its dash (a word joiner follows it).
]]

PANDOC_VERSION:must_be_at_least '3.0'

local NBSP = '\u{00A0}'
local DASHES = { ['—'] = true, ['–'] = true }
local WORD_JOINER = '\u{2060}'

--- Starts a Str with a dash?
local function starts_with_dash(element)
  if not element or element.t ~= 'Str' then
    return false
  end
  local first = element.text:match('^[%z\1-\127\194-\244][\128-\191]*')
  return DASHES[first] == true
end

--- Keep a range of numbers ("15–30") on one line.
local function bind_range(str)
  local text, count = str.text:gsub('(%d)–(%d)', '%1–' .. WORD_JOINER .. '%2')
  if count > 0 then
    return pandoc.Str(text)
  end
end

--- Bind each spaced dash of an inline list to the word before it.
local function bind_dashes(inlines)
  for i = #inlines - 1, 1, -1 do
    if inlines[i].t == 'Space' and starts_with_dash(inlines[i + 1]) then
      inlines[i] = pandoc.Str(NBSP)
    end
  end
  return inlines
end

return {
  { Str = bind_range },
  { Inlines = bind_dashes },
}
