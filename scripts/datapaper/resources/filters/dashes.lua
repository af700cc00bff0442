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

--- Does an element's text end (or start) with a digit?
local function digit_at(element, pattern)
  if element == nil then
    return false
  end
  local text = element.t == 'Str' and element.text or pandoc.utils.stringify(element)
  return text:match(pattern) ~= nil
end

--- A Str's text with its ranges ("15–30") bound, and a dash at its end bound to the number
--- that follows it as an element of its own ("{{a}}–{{b}}").
local function bound_text(inlines, i)
  local text = inlines[i].text
  if not text:find('–', 1, true) then
    return text
  end
  text = text:gsub('(%d)–(%d)', '%1–' .. WORD_JOINER .. '%2')
  if text:match('–$') and digit_at(inlines[i + 1], '^%d')
      and (text:match('%d–$') or (text == '–' and digit_at(inlines[i - 1], '%d$'))) then
    text = text .. WORD_JOINER
  end
  return text
end

--- Bind each spaced dash and each citation of an inline list to the word before it, and
--- keep a range of numbers on one line, whether its numbers are in one Str ("15–30") or
--- elements of their own (spliced values: "{{a}}–{{b}}"). One pass over each list, which
--- pandoc copies back only when something changed (nil otherwise).
local function bind_dashes(inlines)
  local changed = false
  for i = 1, #inlines do
    local element = inlines[i]
    if element.t == 'Str' then
      local text = bound_text(inlines, i)
      if text ~= element.text then
        inlines[i] = pandoc.Str(text)
        changed = true
      end
    end
  end
  for i = #inlines - 1, 1, -1 do
    local kind = inlines[i].t
    if kind == 'Space' or kind == 'SoftBreak' then
      local following = inlines[i + 1]
      if following.t == 'Cite' or (kind == 'Space' and starts_with_dash(following)) then
        inlines[i] = pandoc.Str(NBSP)
        changed = true
      end
    end
  end
  if changed then
    return inlines
  end
end

return {
  { Inlines = bind_dashes },
}
