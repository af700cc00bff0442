--[[
reference-language.lua: an English-language source keeps its own abbreviations.

GOST 7.0.5 writes each bibliography entry with the terms of the source's language
("Vol. 57, no. 6. P. 747–758" for an English article, "Т. 57, № 6. С. 747–758" for a
Russian one), but citeproc uses the document's language for every entry. Run after
citeproc, this filter rewrites the terms of each entry whose reference has `language: en`
from the document's language to English. Terms are matched as whole words.
The general material designation and the notes are the bibliography's own words, not the
source's (GOST 7.1): they stay in the document's language for every entry
("[Электрондық ресурс]", "(дата обращения: ...)" after an English title too), so
they are not in the tables below.
The references' languages come from the metadata key `reference-languages` (id ->
language; the engine writes it, and the filter removes it); without it, from the
bibliography, which pandoc then parses again (45 ms a run).
]]

PANDOC_VERSION:must_be_at_least '3.0'

-- The document language's terms (as the style prints them) and their English forms.
local TO_ENGLISH = {
  en = {
    { { '№' }, { 'no.' } },
  },
  ru = {
    { { 'Т.' }, { 'Vol.' } },
    { { 'С.' }, { 'P.' } },
    { { '№' }, { 'no.' } },
  },
  kk = {
    { { 'Т.' }, { 'Vol.' } },
    { { 'Б.' }, { 'P.' } },
    { { '№' }, { 'no.' } },
  },
}

--- Does `inlines` hold the words of `words` from position i (Str, Space, Str, ...)?
local function matches(inlines, i, words)
  for k, word in ipairs(words) do
    local at = i + 2 * (k - 1)
    local el = inlines[at]
    if not el or el.t ~= 'Str' or el.text ~= word then
      return false
    end
    if k < #words and (not inlines[at + 1] or inlines[at + 1].t ~= 'Space') then
      return false
    end
  end
  return true
end

--- The inlines with each term replaced by its English form.
local function to_english(inlines, terms)
  local out = pandoc.Inlines {}
  local i = 1
  while i <= #inlines do
    local replaced = false
    for _, pair in ipairs(terms) do
      local from, to = pair[1], pair[2]
      if matches(inlines, i, from) then
        for k, word in ipairs(to) do
          if k > 1 then
            out:insert(pandoc.Space())
          end
          out:insert(pandoc.Str(word))
        end
        i = i + 2 * #from - 1
        replaced = true
        break
      end
    end
    if not replaced then
      out:insert(inlines[i])
      i = i + 1
    end
  end
  return out
end

-- Each reference's language by id, as the metadata key `reference-languages` gives them
-- (the engine writes it from the bibliography); nil without it.
local given = nil

--- Take the references' languages out of the metadata (no format writes them).
local function take_languages(meta)
  local languages = meta['reference-languages']
  if languages == nil then
    return nil
  end
  given = {}
  for id, language in pairs(languages) do
    given[id] = pandoc.utils.stringify(language)
  end
  meta['reference-languages'] = nil
  return meta
end

--- The ids of the bibliography's entries (ref-<id>) whose reference is in English: from
--- the metadata, or else from the bibliography, which pandoc parses again for it.
local function english_ids(doc)
  local english = {}
  if given then
    for id, language in pairs(given) do
      if language:match('^en') then
        english['ref-' .. id] = true
      end
    end
    return english
  end
  for _, ref in ipairs(pandoc.utils.references(doc)) do
    local language = ref.language and pandoc.utils.stringify(ref.language) or ''
    if language:match('^en') then
      english['ref-' .. ref.id] = true
    end
  end
  return english
end

--- Rewrite the entries of English-language references.
local function english_entries(doc)
  local lang = pandoc.utils.stringify(doc.meta.lang or 'en'):match('^(%a+)')
  local terms = TO_ENGLISH[lang]
  if not terms then
    return nil
  end
  local english = english_ids(doc)
  return doc:walk {
    Div = function (div)
      if english[div.identifier] then
        return div:walk { Inlines = function (inlines) return to_english(inlines, terms) end }
      end
    end,
  }
end

return {
  { Meta = take_languages },
  { Pandoc = english_entries },
}
