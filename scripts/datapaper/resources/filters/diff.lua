--[[
diff.lua: the marks of a revision diff in Typst.

The diff's Markdown marks words as spans: `.added`, `.removed`, and `.changed` around a
value's old → new. HTML styles the spans' classes (resources/diff/style.html); pandoc's
Typst writer drops classes, so this filter wraps their content in Typst's underline,
strike and highlight. The content stays pandoc's inlines, which the writer escapes.
]]

PANDOC_VERSION:must_be_at_least '3.0'

local MARKS = {
  added = { '#underline[#text(fill: rgb("#1a7f37"))[', ']]' },
  removed = { '#strike[#text(fill: rgb("#b3261e"))[', ']]' },
  changed = { '#highlight(fill: rgb("#fff3b0"))[', ']' },
}

--- A diff span's content between its Typst marks; other spans as they are.
local function mark(span)
  for _, class in ipairs(span.classes) do
    local around = MARKS[class]
    if around then
      local out = pandoc.Inlines { pandoc.RawInline('typst', around[1]) }
      out:extend(span.content)
      out:insert(pandoc.RawInline('typst', around[2]))
      return out
    end
  end
  return nil
end

if FORMAT:match('typst') then
  return { { Span = mark } }
end
return {}
