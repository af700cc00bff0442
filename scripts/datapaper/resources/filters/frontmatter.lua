--[[
frontmatter.lua: the edition's front matter as text, for the formats whose writer has no
template of ours (Word; the web page shares it).

The classification codes (metadata `codes`), then for each entry of `front` (a language
edition: one; the journal edition: one per abstract language) its title, the author and
affiliation (the first entry only), the abstract and the keywords, each block tagged with
its language (`lang`), so that Word's spell checker and a screen reader use the right one.
The writer's own title block is switched off: of the metadata only `lang` and `pagetitle`
(the title, for HTML's <title>) are left. Text stays text (Str, never raw).
Runs after placeholders.lua, so the values in the abstracts are already spliced.
]]

PANDOC_VERSION:must_be_at_least '3.0'

--- The inlines of a metadata value (inlines, blocks or a plain string).
local function inlines(value)
  if value == nil then
    return pandoc.Inlines {}
  end
  local kind = pandoc.utils.type(value)
  if kind == 'Inlines' then
    return value
  elseif kind == 'Blocks' then
    return pandoc.utils.blocks_to_inlines(value, { pandoc.Space() })
  end
  return pandoc.Inlines(pandoc.utils.stringify(value))
end

--- Inlines joined by a separator.
local function joined(list, separator)
  local out = pandoc.Inlines {}
  for i, item in ipairs(list) do
    if i > 1 then
      out:extend(pandoc.Inlines(separator))
    end
    out:extend(inlines(item))
  end
  return out
end

--- A paragraph in a named style (Word) that is also a class (HTML).
local function styled(style, content)
  return pandoc.Div({ pandoc.Para(content) }, { ['custom-style'] = style, class = 'front-' .. style:lower() })
end

--- The front matter blocks of one entry of `front`.
local function entry_blocks(entry)
  local labels = entry.labels or {}
  local blocks = pandoc.Blocks { styled('Title', inlines(entry.title)) }
  if entry.author then
    local names, places = {}, {}
    for _, author in ipairs(entry.author) do
      table.insert(names, author.name)
      table.insert(places, author.affiliation)
    end
    blocks:insert(styled('Author', joined(names, ', ')))
    blocks:insert(styled('Author', pandoc.Inlines { pandoc.Emph(joined(places, '; ')) }))
  end
  -- The colon as the language sets it (French " :", datapaper/punctuation.py).
  local colon = entry.colon and inlines(entry.colon) or pandoc.Inlines ':'
  local abstract = pandoc.Inlines { pandoc.Strong(inlines(labels.abstract) .. colon), pandoc.Space() }
  blocks:insert(styled('Abstract', abstract .. inlines(entry.abstract)))
  local keywords = pandoc.Inlines { pandoc.Strong(inlines(labels.keywords) .. colon), pandoc.Space() }
  blocks:insert(styled('Abstract', keywords .. joined(entry.keywords or {}, ', ')))
  local lang = pandoc.utils.stringify(entry.lang or '')
  return pandoc.Div(blocks, { lang = lang, class = 'front' })
end

--- Put the front matter before the body and switch off the writer's title block.
local function front_matter(doc)
  local meta = doc.meta
  local blocks = pandoc.Blocks {}
  local codes = pandoc.Inlines {}
  for i, code in ipairs(meta.codes or {}) do
    if i > 1 then
      codes:insert(pandoc.Space())
      codes:insert(pandoc.Str('·'))
      codes:insert(pandoc.Space())
    end
    codes:extend(inlines(code.label))
    codes:insert(pandoc.Space())
    codes:extend(inlines(code.value))
  end
  if #codes > 0 then
    blocks:insert(styled('Codes', codes))
  end
  for _, entry in ipairs(meta.front or {}) do
    blocks:insert(entry_blocks(entry))
  end
  -- Only the language and the page's title are left: a writer would otherwise carry the
  -- build's own keys (the style's path on this machine, labels) into the document
  -- (a DOCX's custom properties), and the same inputs would not give the same bytes.
  doc.meta = pandoc.Meta { lang = meta.lang, pagetitle = pandoc.utils.stringify(meta.title or '') }
  doc.blocks = blocks .. doc.blocks
  return doc
end

return {
  { Pandoc = front_matter },
}
