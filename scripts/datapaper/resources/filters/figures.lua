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

--- Number, caption and link the figures of the whole document.
local function number_figures(doc)
  local caption_pattern = meta_label(doc.meta, 'figure_caption')
  local ref_pattern = meta_label(doc.meta, 'figure_ref')
  local figure_dir = doc.meta['figure-dir'] and pandoc.utils.stringify(doc.meta['figure-dir'])
  local numbers = figure_numbers(doc)
  return doc:walk {
    Figure = function (fig)
      local number = numbers[fig.identifier]
      if number and fig.caption.long[1] then
        local first = fig.caption.long[1]
        first.content:insert(1, pandoc.Space())
        first.content:insert(1, pandoc.Str(label(caption_pattern, number)))
      end
      return fig
    end,
    Image = function (img)
      if not img.src:match('%.svg$') and not img.src:match('%.pdf$') and not img.src:match('%.png$') then
        img.src = img.src .. '.' .. (IMAGE_FORMAT[FORMAT] or 'png')
      end
      if figure_dir then
        img.src = figure_dir .. '/' .. pandoc.path.filename(img.src)
      elseif FORMAT == 'typst' and not img.src:match('^/') and not img.src:match('^%a+:') then
        img.src = '/' .. img.src
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
end

return {
  { Pandoc = number_figures },
}
