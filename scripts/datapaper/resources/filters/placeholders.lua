--[[
placeholders.lua: splice computed numbers into the text.

Every `{{key|options}}` in the document's text (body, captions and metadata) is
replaced by the text that scripts/placeholders.py formatted for the document's
language. The file of formatted values is named by the metadata key
`placeholder-values`. A placeholder that file does not know stops the build; the
Python step has already named its file and line, so this is a second guard.
Values are spliced as text (Str), never as raw LaTeX or Typst, and once: a value that
holds `{{…}}` is shown as it is. A value is never hyphenated, in the format's own way
around its text: Typst `#text(hyphenate: false)[…]` (a Span with pandoc's
`typst:text:hyphenate` attribute, which the writer escapes), LaTeX `\mbox{…}` around each
of its words, HTML a `value` span (`hyphens: none`); Word does not hyphenate (the reference
document does not switch it on). Its number and scale word, currency word or counted noun
are already joined by no-break spaces (datapaper/localize.py), so it breaks, if at all,
only between words of a name or a phrase. In an image's alternative text a value is plain.

For HTML, with the metadata key `placeholder-provenance` (a JSON file: per placeholder
its method, raw rows and references, in the document's language), each value becomes a
focusable element whose tooltip (shown on hover and keyboard focus by CSS) holds its
provenance, all as text, each row and reference after the label the metadata's
`labels.data` and `labels.source` give (the engine's words in the language).
In an image's alternative text a value stays plain.
]]

PANDOC_VERSION:must_be_at_least '3.0'

local values = nil
local source = '?'
local provenance = nil
local labels = {}
local count = 0

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
  local web = meta['placeholder-provenance']
  if web and FORMAT:match('html') then
    local file = io.open(pandoc.utils.stringify(web), 'r')
    if not file then
      error('placeholders.lua: cannot open ' .. pandoc.utils.stringify(web))
    end
    provenance = pandoc.json.decode(file:read('a'), false)
    file:close()
    for _, key in ipairs({ 'data', 'source' }) do
      if not (meta.labels and meta.labels[key]) then
        error('placeholders.lua: metadata labels.' .. key .. ' is not set')
      end
      labels[key] = pandoc.utils.stringify(meta.labels[key])
    end
  end
  meta['placeholder-provenance'] = nil
  return meta
end

--- The formatted value of a placeholder, or an error naming it.
local function value_of(placeholder)
  local value = values[placeholder]
  if value == nil then
    error('placeholders.lua: unknown placeholder ' .. placeholder ..
          ' (not in ' .. source .. ')')
  end
  return value
end

--- A value's text, held unhyphenated in the output format (text, never raw data): a
--- `value` span, which `hold` below sets in the format's own way.
local function unhyphenated(value)
  if FORMAT == 'typst' or FORMAT:match('latex') or FORMAT:match('html') then
    return pandoc.Inlines { pandoc.Span({ pandoc.Str(value) }, pandoc.Attr('', { 'value' })) }
  end
  return pandoc.Inlines { pandoc.Str(value) }
end

--- A `value` span (a spliced value, or one the engine's generated sections mark, such as
--- the appendix's and the audit's, `[...]{.value}`) as the format holds it unhyphenated:
--- Typst #text(hyphenate: false)[...], LaTeX \mbox{...} around each word; HTML keeps the
--- span (paper.css: hyphens: none).
local function hold(span)
  if not span.classes:includes('value') then
    return nil
  end
  if FORMAT == 'typst' then
    span.attributes['typst:text:hyphenate'] = 'false'
    return span
  elseif FORMAT:match('latex') then
    local out = pandoc.Inlines {}
    for _, element in ipairs(span.content) do
      if element.t == 'Str' then
        for word in element.text:gmatch('[^ ]+') do
          if #out > 0 and out[#out].t ~= 'Space' then
            out:insert(pandoc.Space())
          end
          out:extend { pandoc.RawInline('latex', '\\mbox{'), pandoc.Str(word), pandoc.RawInline('latex', '}') }
        end
      else
        out:insert(element)
      end
    end
    return out
  end
  return nil -- HTML keeps the span as it is (paper.css); nil: pandoc copies nothing back
end

--- A value as a focusable element with its provenance as a tooltip (HTML).
local function number_element(placeholder)
  local value = value_of(placeholder)
  local info = provenance[placeholder]
  if not info then
    return unhyphenated(value)
  end
  count = count + 1
  local id = 'provenance-' .. count
  local tip = pandoc.Inlines { pandoc.Str(info.method) }
  for _, row in ipairs(info.rows) do
    tip:extend { pandoc.LineBreak(), pandoc.Str(labels.data .. ': ' .. row) }
  end
  for _, reference in ipairs(info.references) do
    tip:extend { pandoc.LineBreak(), pandoc.Str(labels.source .. ': ' .. reference) }
  end
  return pandoc.Inlines {
    pandoc.Span({
      pandoc.Str(value),
      pandoc.Span(tip, { id = id, class = 'provenance', role = 'tooltip' }),
    }, pandoc.Attr('', { 'number', 'value' }, { { 'tabindex', '0' }, { 'aria-describedby', id } })),
  }
end

--- A Str with its placeholders as elements: text, element, text, ... (`element` makes
--- one of a placeholder).
local function splice_elements(str, element)
  if str.text:gsub('{{[^{}]*}}', ''):find('{{', 1, true) or str.text:gsub('{{[^{}]*}}', ''):find('}}', 1, true) then
    error('placeholders.lua: malformed placeholder in "' .. str.text .. '" (' .. source .. ')')
  end
  local out = pandoc.Inlines {}
  local rest = str.text
  while true do
    local first, last = rest:find('{{[^{}]*}}')
    if not first then
      break
    end
    if first > 1 then
      out:insert(pandoc.Str(rest:sub(1, first - 1)))
    end
    out:extend(element(rest:sub(first, last)))
    rest = rest:sub(last + 1)
  end
  if rest:find('{{', 1, true) or rest:find('}}', 1, true) then
    error('placeholders.lua: malformed placeholder in "' .. str.text .. '" (' .. source .. ')')
  end
  if rest ~= '' then
    out:insert(pandoc.Str(rest))
  end
  return out
end

--- Replace the placeholders inside one Str, as plain text (an image's alternative text).
local function splice(str)
  if not str.text:find('{{', 1, true) and not str.text:find('}}', 1, true) then
    return nil
  end
  -- Malformed is what the text has besides its placeholders, never what a value holds
  -- (a value is text, braces and all).
  local rest = str.text:gsub('{{[^{}]*}}', '')
  if rest:find('{{', 1, true) or rest:find('}}', 1, true) then
    error('placeholders.lua: malformed placeholder in "' .. str.text .. '" (' .. source .. ')')
  end
  return pandoc.Str((str.text:gsub('{{[^{}]*}}', value_of))), false
end

--- Splice as elements where a reader can focus them (HTML), else as unhyphenated text.
local function splice_any(str)
  if not str.text:find('{{', 1, true) and not str.text:find('}}', 1, true) then
    return nil
  end
  if provenance then
    return splice_elements(str, number_element), false
  end
  if FORMAT == 'typst' or FORMAT:match('latex') or FORMAT:match('html') then
    return splice_elements(str, function (placeholder) return unhyphenated(value_of(placeholder)) end), false
  end
  return splice(str)
end

--- An image's alternative text takes the values as plain text.
local function splice_alt(img)
  img.caption = img.caption:walk { Str = splice }
  return img, false
end

-- One walk from the top, which does not descend into what it spliced (`false`): a value
-- is spliced once, so a value that reads like a placeholder (`{{key}}`) stays text, and an
-- image's alternative text is spliced only as plain text.
return {
  { Meta = load_values },
  { traverse = 'topdown', Image = splice_alt, Str = splice_any },
  { Span = hold },
}
