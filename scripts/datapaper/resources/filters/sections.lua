--[[
sections.lua: the sections the engine writes (the appendix "Where the numbers come from",
the audit's findings), after the text, as pandoc read them once.

Pandoc's Markdown reader takes 0.1-0.2 s over these generated tables and findings, more
than over the whole text, and every format of an edition would read them again. The jobs
instead keep pandoc's own reading of each (its JSON, made once per content:
datapaper/render/pandoc.py, `read_once`), and the metadata key `generated-sections` names
those files in order (`generated-sources` the files they were read from, for
messages). Runs first: their blocks follow the text's, as if pandoc had read
them after it, and every filter after this one sees one document. Each citation keeps the
note number pandoc gives it in one reading (every Cite and footnote before it counts),
which a note style's citeproc reads.
]]

PANDOC_VERSION:must_be_at_least '3.0'

--- How many note numbers the blocks take: pandoc's reader counts each Cite and each
--- footnote (a Cite inside a footnote takes the footnote's).
local function note_numbers(blocks)
  local count = 0
  local function counted()
    count = count + 1
    return nil, false
  end
  blocks:walk { traverse = 'topdown', Note = counted, Cite = counted }
  return count
end

--- The blocks with every citation's note number moved on by `by`.
local function renumbered(blocks, by)
  return blocks:walk {
    Cite = function (cite)
      local citations = {}
      for i, citation in ipairs(cite.citations) do
        citation.note_num = citation.note_num + by
        citations[i] = citation
      end
      cite.citations = citations
      return cite
    end,
  }
end

--- The identifiers of the headings of some blocks, into `ids`.
local function heading_ids(blocks, ids)
  blocks:walk {
    Header = function (header)
      ids[header.identifier] = true
    end,
  }
  return ids
end

--- Refuse what one reading of the text and the section would have refused or named
--- otherwise: a heading without its own identifier (one reading would make one from its
--- text, unique in the document), or with one that a heading before it has.
local function check_headings(blocks, path, ids)
  blocks:walk {
    Header = function (header)
      local id = header.identifier
      if id == '' then
        error('sections.lua: a heading of ' .. path .. ' has no identifier ({#...}): '
          .. 'the engine gives each heading of a section it writes one')
      end
      if ids[id] then
        error('sections.lua: duplicate identifier \'' .. id .. '\': a heading of the text has the '
          .. 'identifier of the section ' .. path .. ' (rename it)')
      end
      ids[id] = true
    end,
  }
end

--- A metadata value as a list (one `-M key=value` is a string, two are a list).
local function as_list(value)
  if value == nil then
    return {}
  elseif pandoc.utils.type(value) == 'List' then
    return value
  end
  return { value }
end

local function splice(doc)
  local files = doc.meta['generated-sections']
  if files == nil then
    return nil
  end
  local sources = as_list(doc.meta['generated-sources'])
  files = as_list(files)
  doc.meta['generated-sections'] = nil
  doc.meta['generated-sources'] = nil
  local count = note_numbers(doc.blocks)
  local ids = heading_ids(doc.blocks, {})
  for i, file in ipairs(files) do
    local path = pandoc.utils.stringify(file)
    local source = sources[i] and pandoc.utils.stringify(sources[i]) or path
    local handle = io.open(path, 'r')
    if not handle then
      error('sections.lua: cannot open ' .. path)
    end
    local blocks = pandoc.read(handle:read('a'), 'json').blocks
    handle:close()
    check_headings(blocks, source, ids)
    local own = note_numbers(blocks)
    if count > 0 and own > 0 then
      blocks = renumbered(blocks, count)
    end
    doc.blocks:extend(blocks)
    count = count + own
  end
  return doc
end

return {
  { Pandoc = splice },
}
