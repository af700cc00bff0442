--[[
punctuation.lua: quotation marks and the spaces of punctuation as the language sets them.

A language declares its conventions in resources/typography/<code>.yaml (datapaper/
punctuation.py), which the edition's metadata hands over as `typography` (spaces as code points, "202F") (the body's
language) and `front[i].typography` (each title block's, in the journal edition):

- `quotes`: pandoc's quotations (`"…"` and `'…'`, read with +smart) become the declared
  marks, the double outside and the single inside, in every format ("…" -> «…» in Russian
  and Kazakh, „…“ in German), with `inside` as the space inside them (French « … »);
- `before`: the space each mark takes before it (French: a narrow no-break space before
  : ; ! ?), where the mark is punctuation, after a word and before a space, the end or a
  closing mark; a space typed before it becomes the declared one. Not inside a word, a
  time or an address ("10:30", "https://", "fichier:ligne").

Runs first, before placeholders.lua: a value spliced from data (a name such as "Yahoo!") is
set as the data writes it, and citeproc's bibliography follows its locale. Code, raw
markup and link targets are not text and stay as they are.
]]

PANDOC_VERSION:must_be_at_least '3.0'

local SPACES = { [' '] = true, ['\u{00A0}'] = true, ['\u{202F}'] = true, ['\u{2009}'] = true }
local MARKS = { [';'] = true, [':'] = true, ['!'] = true, ['?'] = true }
-- What may follow a mark that is punctuation (besides a space and the end).
local CLOSING = {}
for _, char in ipairs({ '»', '”', '’', '“', ')', ']', '}', '.', ',', ';', ':', '!', '?' }) do
  CLOSING[char] = true
end

--- A text from its code points ("202F" -> U+202F; metadata cannot hold bare spaces).
local function from_code_points(value)
  local out = {}
  for hex in pandoc.utils.stringify(value):gmatch('%x+') do
    table.insert(out, utf8.char(tonumber(hex, 16)))
  end
  return table.concat(out)
end

--- The conventions of one language from the metadata (nil: none declared).
local function read_rules(value)
  if not value then
    return nil
  end
  local rules = { quotes = {}, inside = '', before = {} }
  if value.quotes then
    for _, kind in ipairs({ 'double', 'single' }) do
      local marks = value.quotes[kind]
      if marks then
        rules.quotes[kind] = { pandoc.utils.stringify(marks[1]), pandoc.utils.stringify(marks[2]) }
      end
    end
  end
  if value.inside then
    rules.inside = from_code_points(value.inside)
  end
  for _, pair in ipairs(value.before or {}) do
    rules.before[pandoc.utils.stringify(pair.mark)] = from_code_points(pair.space)
  end
  return rules
end

--- The characters of a text.
local function chars(text)
  local out = {}
  for _, code in utf8.codes(text) do
    table.insert(out, utf8.char(code))
  end
  return out
end

--- Is the i-th character a mark that takes a space, as punctuation (what follows it)?
local function is_punctuation(list, i, rules)
  local following = list[i + 1]
  return rules.before[list[i]] ~= nil and (following == nil or SPACES[following] or CLOSING[following])
end

--- A Str's text with the space before each of its marks (the first character's is the
--- list's to set, as what precedes it is another element).
local function space_marks(text, rules)
  local list = chars(text)
  local out = {}
  for i, char in ipairs(list) do
    if i > 1 and is_punctuation(list, i, rules) then
      local previous = out[#out]
      if SPACES[previous] then
        local before = out[#out - 1]
        if before and not SPACES[before] and not MARKS[before] then
          out[#out] = rules.before[char]
        end
      elseif not MARKS[previous] then
        table.insert(out, rules.before[char])
      end
    end
    table.insert(out, char)
  end
  return table.concat(out)
end

--- Does an element end with something a mark's space may follow (a word, a closing mark)?
local function ends_in_text(element)
  if element.t == 'Str' then
    local list = chars(element.text)
    local last = list[#list]
    return last ~= nil and not SPACES[last] and not MARKS[last]
  end
  return element.t ~= 'Space' and element.t ~= 'SoftBreak' and element.t ~= 'LineBreak'
end

--- The marks of a list of inlines with their spaces.
local function space_inlines(inlines, rules)
  local out = pandoc.Inlines {}
  for _, element in ipairs(inlines) do
    if element.t == 'Str' then
      local text = space_marks(element.text, rules)
      local list = chars(text)
      local previous = out[#out]
      if previous and is_punctuation(list, 1, rules) then
        local space = rules.before[list[1]]
        if previous.t == 'Space' or previous.t == 'SoftBreak' then
          local before = out[#out - 1]
          if before and ends_in_text(before) then
            out[#out] = pandoc.Str(space)
          end
        elseif ends_in_text(previous) then
          text = space .. text
        end
      end
      out:insert(pandoc.Str(text))
    else
      out:insert(element)
    end
  end
  return out
end

--- A quotation as the language's marks, with its inside space.
local function quotation(quoted, rules)
  local marks = rules.quotes[quoted.quotetype == 'DoubleQuote' and 'double' or 'single']
  if not marks then
    return nil
  end
  local inside = quoted.quotetype == 'DoubleQuote' and rules.inside or ''
  local out = pandoc.Inlines { pandoc.Str(marks[1] .. inside) }
  out:extend(quoted.content)
  out:insert(pandoc.Str(inside .. marks[2]))
  return out
end

--- Apply a language's conventions to a piece of the document (blocks, inlines, metadata).
local function apply(value, rules)
  local kind = pandoc.utils.type(value)
  if kind == 'Inlines' or kind == 'Blocks' then
    value = value:walk { Quoted = function (quoted) return quotation(quoted, rules) end }
    if next(rules.before) then
      value = value:walk { Inlines = function (inlines) return space_inlines(inlines, rules) end }
    end
    return value
  elseif kind == 'List' then
    for i, item in ipairs(value) do
      value[i] = apply(item, rules)
    end
  elseif kind == 'table' or kind == 'Meta' then
    for key, item in pairs(value) do
      value[key] = apply(item, rules)
    end
  end
  return value
end

local function typeset(doc)
  local meta = doc.meta
  local main = read_rules(meta.typography)
  meta.typography = nil
  local front = meta.front
  meta.front = nil
  if main then
    doc.blocks = apply(doc.blocks, main)
    meta = apply(meta, main)
  end
  for _, entry in ipairs(front or {}) do
    local rules = read_rules(entry.typography)
    entry.typography = nil
    if rules then
      for _, key in ipairs({ 'title', 'abstract', 'keywords' }) do
        if entry[key] then
          entry[key] = apply(entry[key], rules)
        end
      end
    end
  end
  meta.front = front
  doc.meta = meta
  return doc
end

return {
  { Pandoc = typeset },
}
