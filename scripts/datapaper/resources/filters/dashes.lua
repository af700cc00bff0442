--[[
dashes.lua: a dash never starts a line, nor does a citation.

The space before a spaced dash ("Paris — 21 %", "TV – 52%") becomes a non-breaking
space, as Russian and Kazakh typography require and English does no harm by; both
engines then keep the dash with the word before it. A range of numbers ("15–30") does not
break after its dash (a word joiner follows it). A citation is tied to the word before it
("a survey [16]", "a survey (Smith, 2020)"): the space before a Cite becomes a non-breaking
one, in every format (runs before citeproc, which keeps the Cite around its text; a
reference to a figure is figures.lua's, already a link).
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

--- Does an element's text end (or start) with a digit?
local function digit_at(element, pattern)
  return element ~= nil and pandoc.utils.stringify(element):match(pattern) ~= nil
end

--- Bind each spaced dash and each citation of an inline list to the word before it, and
--- keep a range whose numbers are elements of their own (spliced values: "{{a}}–{{b}}")
--- on one line.
local function bind_dashes(inlines)
  for i = 1, #inlines do
    local element = inlines[i]
    if element.t == 'Str' and element.text:match('–$') and digit_at(inlines[i + 1], '^%d')
        and (element.text:match('%d–$') or (element.text == '–' and digit_at(inlines[i - 1], '%d$'))) then
      inlines[i] = pandoc.Str(element.text .. WORD_JOINER)
    end
  end
  for i = #inlines - 1, 1, -1 do
    local following = inlines[i + 1]
    if (inlines[i].t == 'Space' and starts_with_dash(following))
        or ((inlines[i].t == 'Space' or inlines[i].t == 'SoftBreak') and following.t == 'Cite') then
      inlines[i] = pandoc.Str(NBSP)
    end
  end
  return inlines
end

return {
  { Str = bind_range },
  { Inlines = bind_dashes },
}
