--[[
web.lua: the web edition's navigation and audit list.

Reads the JSON file named by the metadata key `web-data` (written by the html job):
this edition's section ids (from the section files' names, the same in every language),
the other editions with their sections and link texts, the audit section's heading and
the audit's findings on this edition's sentences (it runs before frontmatter.lua, which
keeps none of these keys). Each level-1 header gets the id of its section file and,
below it, links to the same section in every other edition that has it (a language
switcher: each language's edition by its own name); the body starts with links to the
other editions; the findings are listed in a closing section, each with the id that the
marks in the text link to. Every word comes from the JSON, in the edition's language
(the html job writes the engine's words there); text from data is set as Str.
]]

PANDOC_VERSION:must_be_at_least '3.0'

local web = nil

--- Read the web data named by the metadata.
local function load(meta)
  local path = meta['web-data']
  if not path then
    error('web.lua: metadata key web-data is not set')
  end
  local file = io.open(pandoc.utils.stringify(path), 'r')
  if not file then
    error('web.lua: cannot open ' .. pandoc.utils.stringify(path))
  end
  web = pandoc.json.decode(file:read('a'), false)
  file:close()
  meta['web-data'] = nil
  return meta
end

--- Does a list hold a value?
local function has(list, value)
  for _, item in ipairs(list) do
    if item == value then
      return true
    end
  end
  return false
end

--- Links to `id` in the other editions that have it (all editions when id is nil).
local function switcher(id)
  local links = pandoc.Inlines {}
  for _, other in ipairs(web.editions) do
    if other.edition ~= web.edition and (id == nil or has(other.sections, id)) then
      if #links > 0 then
        links:insert(pandoc.Str(' · '))
      end
      local target = other.href .. (id and ('#' .. id) or '')
      -- Attributes as a list, in a fixed order (a Lua table has none): the same bytes each build.
      local attr = pandoc.Attr('', { 'switch' },
        { { 'hreflang', other.lang }, { 'lang', other.label_lang }, { 'data-edition', other.edition } })
      links:insert(pandoc.Link(pandoc.Str(other.label), target, '', attr))
    end
  end
  return pandoc.Div({ pandoc.Plain(links) }, { class = 'switcher' })
end

--- Section ids from the section files, the switcher below each section's header.
local function sections(doc)
  local index = 0
  local blocks = pandoc.Blocks { switcher(nil) }
  local headers = 0
  for _, block in ipairs(doc.blocks) do
    if block.t == 'Header' and block.level == 1 then
      headers = headers + 1
    end
  end
  for _, block in ipairs(doc.blocks) do
    blocks:insert(block)
    if block.t == 'Header' and block.level == 1 then
      index = index + 1
      if headers == #web.sections then
        block.identifier = web.sections[index]
      end
      if block.identifier ~= '' then
        blocks:insert(switcher(block.identifier))
      end
    end
  end
  if #web.findings > 0 then
    blocks:insert(pandoc.Header(1, pandoc.Str(web.audit), { id = 'sec:audit', class = 'unnumbered' }))
    for _, finding in ipairs(web.findings) do
      local inlines = pandoc.Inlines {
        pandoc.Strong(pandoc.Str(finding.verdict)), pandoc.Space(),
        pandoc.Code(finding.id), pandoc.Str(': '), pandoc.Str(finding.message),
      }
      if finding.arithmetic ~= '' then
        inlines:extend { pandoc.LineBreak(), pandoc.Code(finding.arithmetic) }
      end
      inlines:extend { pandoc.LineBreak(), pandoc.Str(table.concat(finding.sentences, ', ')) }
      blocks:insert(pandoc.Div({ pandoc.Para(inlines) },
        { id = finding.anchor, class = 'finding audit-' .. finding.status }))
    end
  end
  doc.blocks = blocks
  return doc
end

return {
  { Meta = load },
  { Pandoc = sections },
}
