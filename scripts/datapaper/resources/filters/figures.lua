--[[
figures.lua: number the figures and resolve references to them, in the document's language.

Figures with an id `fig:...` are numbered in the order of their first mention, as journals
number them: a figure's number comes from the first of a reference to it (`@fig:...`) and
the figure itself, whichever comes first in the body (a figure referenced before an
earlier-placed one comes first; a figure never referenced is numbered where it stands;
a reference in the metadata, e.g. the abstract, does not count). Each caption starts
with the language's label (metadata `labels.figure_caption`, e.g. "Figure {n}.",
"Рисунок {n} –", "{n}-сурет."), and every `@fig:...` becomes a link that reads as the
language's reference (`labels.figure_ref`, e.g. "Figure {n}", "рис. {n}", "{n}-сурет"), with
a non-breaking space and hyphen inside, so a label never breaks across lines.
The engines' own figure numbering is switched off in the templates, so every engine
and language numbers the same figures the same way. A reference to an unknown figure
stops the build. An image named without a format gets the engine's (SVG for Typst,
PDF for LaTeX and the LaTeX package, SVG for HTML, PNG for Word: `build/figures/x.en`
-> `x.en.svg`), and for Typst its path is made relative to the project root. With the
metadata key `figure-dir` (the LaTeX submission package), an image is named in that
folder instead (`figures/x.en.pdf`), so the source compiles away from the project.

Every image gets its alternative text: a figure the engine drew has one written from its
data (`build/figures/<name>.<lang>.alt.json`, rule figure_alt), another image may give
one as the attribute `alt="..."`. It becomes the image's description in every format:
the Typst image's `alt` (which PDF/UA demands: Typst refuses an image without one),
Word's picture description (`descr`), the web page's `alt`. The web page also offers the
figure's numbers as a table in a <details> under it (metadata label `figure_data`).
]]

PANDOC_VERSION:must_be_at_least '3.0'

local IMAGE_FORMAT = { typst = 'svg', latex = 'pdf', html = 'svg', html5 = 'svg', docx = 'png' }

local NBSP = '\u{00A0}'
local NB_HYPHEN = '\u{2011}'

--- Fill a label pattern such as "Figure {n}" with a number; its spaces and hyphens do not
--- break ("рис.~6", "3‑сурет" stay on one line).
local function label(pattern, number)
  local text = pattern:gsub('{n}', tostring(number))
  return (text:gsub(' ', NBSP):gsub('%-', NB_HYPHEN))
end

--- The text of a metadata label, or an error naming the key.
local function meta_label(meta, key)
  local labels = meta.labels
  if not labels or not labels[key] then
    error('figures.lua: metadata labels.' .. key .. ' is not set')
  end
  return pandoc.utils.stringify(labels[key])
end

--- Is this Cite a figure reference (its first id `fig:...`, as the Cite handler below reads it)?
local function is_figure_reference(cite)
  return cite.citations[1] ~= nil and cite.citations[1].id:match('^fig:') ~= nil
end

--- Figure id -> number, in the order of first mention in the body: a walk in document
--- order (top-down: a figure before its caption) numbers each figure at its first
--- reference or at the figure itself, whichever it meets first.
local function figure_numbers(doc)
  local figures = {}
  doc.blocks:walk {
    Figure = function (fig)
      if fig.identifier:match('^fig:') then
        figures[fig.identifier] = true
      end
    end,
  }
  local numbers = {}
  local count = 0
  local function mention(id)
    if figures[id] and not numbers[id] then
      count = count + 1
      numbers[id] = count
    end
  end
  doc.blocks:walk {
    traverse = 'topdown',
    Figure = function (fig)
      mention(fig.identifier)
    end,
    Cite = function (cite)
      if is_figure_reference(cite) then
        for _, citation in ipairs(cite.citations) do
          mention(citation.id)
        end
      end
    end,
  }
  return numbers
end

--- The alternative text (and table rows) of an image: the figure job's JSON beside it
--- (`build/figures/x.en` -> `build/figures/x.en.alt.json`), else its `alt` attribute.
local function description(img)
  local base = img.src:gsub('%.svg$', ''):gsub('%.pdf$', ''):gsub('%.png$', '')
  local file = io.open(base .. '.alt.json', 'r')
  if file then
    local text = file:read('a')
    file:close()
    local found = pandoc.json.decode(text, false)
    return found.alt, found.rows
  end
  return nil, nil
end

--- A Typst length from an image attribute ("100%", "8cm"), or nil.
local function typst_length(value)
  if value and (value:match('^%d+%.?%d*%%$') or value:match('^%d+%.?%d*[cm]m$')
      or value:match('^%d+%.?%d*in$') or value:match('^%d+%.?%d*pt$')) then
    return value
  end
  return nil
end

--- A Typst string literal: a string is never code, and `#` is written as its escape too, so
--- nothing in the source reads as a call (`#read(...)` from data stays text).
local function typst_string(text)
  return '"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('#', '\\u{23}') .. '"'
end

--- The Typst call of an image with its alternative text (pandoc's writer leaves `alt` out).
local function typst_image(img, alt)
  local args = { typst_string(img.src) }
  for _, key in ipairs({ 'width', 'height' }) do
    local length = typst_length(img.attributes[key])
    if length then
      table.insert(args, key .. ': ' .. length)
    end
  end
  table.insert(args, 'alt: ' .. typst_string(alt))
  return 'image(' .. table.concat(args, ', ') .. ')'
end

local function html_escape(text)
  return (text:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'):gsub('"', '&quot;'))
end

--- The web page's table of a figure's numbers, in a <details> under it.
local function numbers_table(rows, summary)
  local html = { '<details class="figure-data">', '<summary>' .. html_escape(summary) .. '</summary>', '<table>' }
  for _, row in ipairs(rows) do
    table.insert(html, '<tr><th scope="row">' .. html_escape(row[1]) .. '</th><td>' .. html_escape(row[2]) .. '</td></tr>')
  end
  table.insert(html, '</table>')
  table.insert(html, '</details>')
  return pandoc.RawBlock('html', table.concat(html, '\n'))
end

--- Number, caption and link the figures of the whole document.
local function number_figures(doc)
  local caption_pattern = meta_label(doc.meta, 'figure_caption')
  local ref_pattern = meta_label(doc.meta, 'figure_ref')
  local figure_dir = doc.meta['figure-dir'] and pandoc.utils.stringify(doc.meta['figure-dir'])
  local numbers = figure_numbers(doc)
  local data_label = doc.meta.labels and doc.meta.labels.figure_data
    and pandoc.utils.stringify(doc.meta.labels.figure_data)
  local rows_of = {}
  doc = doc:walk {
    Figure = function (fig)
      -- An image whose description is only the figure's caption has none of its own.
      local caption = pandoc.utils.stringify(fig.caption.long)
      fig = fig:walk {
        Image = function (img)
          if pandoc.utils.stringify(img.caption) == caption then
            img.attributes['data-caption-only'] = '1'
            return img
          end
        end,
      }
      local number = numbers[fig.identifier]
      if number and fig.caption.long[1] then
        local first = fig.caption.long[1]
        first.content:insert(1, pandoc.Space())
        first.content:insert(1, pandoc.Str(label(caption_pattern, number)))
      end
      return fig
    end,
    Image = function (img)
      local alt, rows = description(img)
      img.attributes.alt = nil
      if alt then
        img.caption = pandoc.Inlines(alt)
        img.attributes['data-alt'] = alt
      end
      if not img.src:match('%.svg$') and not img.src:match('%.pdf$') and not img.src:match('%.png$') then
        img.src = img.src .. '.' .. (IMAGE_FORMAT[FORMAT] or 'png')
      end
      if figure_dir then
        img.src = figure_dir .. '/' .. pandoc.path.filename(img.src)
      elseif FORMAT == 'typst' and not img.src:match('^/') and not img.src:match('^%a+:') then
        img.src = '/' .. img.src
      end
      if rows then
        rows_of[img.src] = rows
      end
      return img
    end,
    Cite = function (cite)
      if not is_figure_reference(cite) then
        return nil
      end
      local links = pandoc.Inlines {}
      for i, citation in ipairs(cite.citations) do
        local number = numbers[citation.id]
        if not number then
          error('figures.lua: reference to an unknown figure @' .. citation.id)
        end
        if i > 1 then
          links:insert(pandoc.Str(','))
          links:insert(pandoc.Space())
        end
        links:insert(pandoc.Link(label(ref_pattern, number), '#' .. citation.id))
      end
      return links
    end,
  }
  if FORMAT == 'typst' then
    -- Images become Typst calls with their `alt`: `#image(...)` in a figure, `#box(image(...))`
    -- in a line of text, as pandoc's writer places them.
    -- An image the engine did not draw keeps the description the text gives it
    -- (`![description](file)`, or `{alt="..."}` on a figure, which pandoc reads into it);
    -- a figure's caption is not one, so such an image has none and Typst refuses it.
    local function raw(img, boxed)
      local alt = img.attributes['data-alt']
      local given = pandoc.utils.stringify(img.caption)
      if not alt and given ~= '' and not img.attributes['data-caption-only'] then
        alt = given
      end
      img.attributes['data-caption-only'] = nil
      if not alt then
        return nil
      end
      local call = typst_image(img, alt)
      return pandoc.RawInline('typst', boxed and ('#box(' .. call .. ')') or ('#' .. call))
    end
    doc = doc:walk {
      Figure = function (fig)
        return fig:walk { Image = function (img) return raw(img, false) end }
      end,
    }
    doc = doc:walk { Image = function (img) return raw(img, true) end }
  else
    doc = doc:walk {
      Image = function (img)
        if img.attributes['data-alt'] or img.attributes['data-caption-only'] then
          img.attributes['data-alt'] = nil
          img.attributes['data-caption-only'] = nil
          return img
        end
      end,
    }
  end
  if FORMAT:match('^html') and data_label then
    doc.blocks = doc.blocks:walk {
      Blocks = function (blocks)
        local out = pandoc.Blocks {}
        local added = false
        for _, block in ipairs(blocks) do
          out:insert(block)
          if block.t == 'Figure' then
            local rows
            block:walk { Image = function (img) rows = rows or rows_of[img.src] end }
            if rows then
              out:insert(numbers_table(rows, data_label))
              added = true
            end
          end
        end
        if added then
          return out
        end
      end,
    }
  end
  return doc
end

return {
  { Pandoc = number_figures },
}
