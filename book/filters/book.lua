--[[
book.lua: the handbook's pandoc filter (pandoc 2.17; no Figure element).

Metadata it reads (book/tools/build.py passes them with -M):
  edition         "solution" or "student"
  listings-index  the JSON index of book/tools/listings.py
  figures-dir     where the rendered figures are
  figure-ext      "pdf" (LaTeX) or "svg" (HTML)

What it does, in document order:
  - part headings (class part) stay at level 1; every other heading
    moves one level down, so chapters become level 2 (\chapter under
    --top-level-division=part).  LaTeX numbers them, after a
    \setcounter that gives each chapter its own number even when earlier
    chapters are not written yet; for HTML the numbers are written in.
  - ```{.c include="NAME"} blocks become the named source region, with
    a caption "Listing N.M: FILE, lines A-B"; an unknown name is an error.
  - ![Caption](figures/NAME.dot) becomes the rendered figure, numbered
    N.M; a figure that was not rendered is an error.
  - [中文]{.term en="english"} spans feed the glossary; inline code that
    names a function (`f()`), a structure (`struct s`) or a
    snake_case identifier feeds the index.
  - ::: solution blocks are dropped from the student edition.
  - @fig:NAME and @lst:NAME become "Figure N.M" / "Listing N.M".
  - tables get column widths computed from their contents (set_widths),
    so that long identifiers and the checks of a lab table stay in their
    own column; inline code may break after an inner underscore, a slash
    or "->" (LaTeX \codebreak, HTML <wbr> in tables), never elsewhere.
  - LaTeX: a short listing is one unbreakable booklisting (preamble.tex),
    so no page break, and no float, falls inside it; a long one is a
    longlisting, which breaks between lines; curly quotes become
    straight ones (Noto CJK draws curly ones full-width).
--]]

local stringify = pandoc.utils.stringify

-- A listing of up to LONG_LISTING lines stays on one page (booklisting);
-- a longer one may break between lines (longlisting), its caption kept
-- with its first lines, so that no page is left more than about a third
-- empty before it.
local LONG_LISTING = 18
local function listing_env(lines)
  return lines > LONG_LISTING and 'longlisting' or 'booklisting'
end
local is_latex = FORMAT:match('latex') ~= nil

-- A small JSON reader: pandoc 2.17 has no pandoc.json.
local function json_decode(s)
  local pos = 1
  local value
  local function ws() pos = s:find('[^ \t\r\n]', pos) or #s + 1 end
  local function str()
    local out, i = {}, pos + 1
    while true do
      local c = s:sub(i, i)
      if c == '"' then pos = i + 1; return table.concat(out) end
      if c == '\\' then
        local e = s:sub(i + 1, i + 1)
        local map = { n = '\n', t = '\t', r = '\r', b = '\b', f = '\f' }
        if e == 'u' then
          local cp = tonumber(s:sub(i + 2, i + 5), 16)
          if cp >= 0xd800 and cp < 0xdc00 and s:sub(i + 6, i + 7) == '\\u' then
            local lo = tonumber(s:sub(i + 8, i + 11), 16)
            cp = 0x10000 + (cp - 0xd800) * 0x400 + (lo - 0xdc00)
            i = i + 6
          end
          out[#out + 1] = utf8.char(cp); i = i + 6
        else
          out[#out + 1] = map[e] or e; i = i + 2
        end
      elseif c == '' then error('book.lua: unterminated JSON string')
      else out[#out + 1] = c; i = i + 1 end
    end
  end
  function value()
    ws()
    local c = s:sub(pos, pos)
    if c == '{' then
      local t = {}; pos = pos + 1; ws()
      if s:sub(pos, pos) == '}' then pos = pos + 1; return t end
      while true do
        ws(); local k = str(); ws(); pos = pos + 1 -- ':'
        t[k] = value(); ws()
        local d = s:sub(pos, pos); pos = pos + 1
        if d == '}' then return t end
      end
    elseif c == '[' then
      local t = {}; pos = pos + 1; ws()
      if s:sub(pos, pos) == ']' then pos = pos + 1; return t end
      while true do
        t[#t + 1] = value(); ws()
        local d = s:sub(pos, pos); pos = pos + 1
        if d == ']' then return t end
      end
    elseif c == '"' then return str()
    elseif s:sub(pos, pos + 3) == 'true' then pos = pos + 4; return true
    elseif s:sub(pos, pos + 4) == 'false' then pos = pos + 5; return false
    elseif s:sub(pos, pos + 3) == 'null' then pos = pos + 4; return nil
    else
      local num = s:match('^-?[%d.eE+-]+', pos)
      pos = pos + #num
      return tonumber(num)
    end
  end
  return value()
end

local function read_file(path)
  local f = io.open(path, 'r')
  if not f then return nil end
  local t = f:read('a'); f:close()
  return t
end

local function fail(msg)
  io.stderr:write('book.lua: error: ' .. msg .. '\n')
  os.exit(1)
end

local ROMAN = { 'I', 'II', 'III', 'IV', 'V' }

local function raw(tex) return pandoc.RawBlock('latex', tex) end

local function is_index_name(s)
  return s:match('^struct [%a_][%w_]*$') or s:match('^union [%a_][%w_]*$')
      or s:match('^[%a_][%w_]*%(%)$')
      or (s:match('^[a-z_][a-z0-9_]*$') and s:find('_', 1, true))
end

-- Inline code: where a long name may break.  After an underscore that
-- joins two parts of a name (not a leading "__"), after a slash between
-- path parts, after "->"; spaces break anyway.  Returns the pieces.
local function code_pieces(s)
  local pieces, start = {}, 1
  for i = 2, #s - 1 do
    local c, prev, nxt = s:sub(i, i), s:sub(i - 1, i - 1), s:sub(i + 1, i + 1)
    if (c == '_' and prev:match('%w') and nxt:match('[%w_]'))
        or (c == '/' and prev:match('[%w.]') and nxt:match('[%w_.]'))
        or (c == '>' and prev == '-' and nxt:match('[%w_]')) then
      pieces[#pieces + 1] = s:sub(start, i)
      start = i + 1
    end
  end
  pieces[#pieces + 1] = s:sub(start)
  return pieces
end

local TEX_CODE = {
  ['\\'] = '\\textbackslash{}', ['{'] = '\\{', ['}'] = '\\}', ['$'] = '\\$',
  ['&'] = '\\&', ['#'] = '\\#', ['^'] = '\\^{}', ['_'] = '\\_', ['%'] = '\\%',
  ['~'] = '\\textasciitilde{}', ['<'] = '\\textless{}',
  ['>'] = '\\textgreater{}', ['|'] = '\\textbar{}',
  ["'"] = '\\textquotesingle{}', ['`'] = '\\textasciigrave{}',
  ['['] = '{[}', [']'] = '{]}', ['-'] = '-{}', [' '] = '\\ ',
}
local function tex_code(s)
  local out = {}
  for i, p in ipairs(code_pieces(s)) do
    out[#out + 1] = (p:gsub('[\\{}$&#^_%%~<>|\'`%[%] %-]', TEX_CODE))
  end
  return '\\texttt{' .. table.concat(out, '\\codebreak{}') .. '}'
end

local function html_code(s)
  local out = {}
  for _, p in ipairs(code_pieces(s)) do
    out[#out + 1] = p:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;')
  end
  return '<code>' .. table.concat(out, '<wbr>') .. '</code>'
end

-- Table column widths.  Widths are estimated in em of the table font:
-- Noto Sans Mono CJK is 0.5 em a character, Noto Serif CJK about 0.48
-- (capitals 0.7, m and w 0.85), CJK 1 em.  Each column gets at least its
-- longest unbreakable word (min) and at most its longest line (max).
local TABLE_EM = (455.24 / 9)   -- text width (160 mm) at 9 pt (\small)
local COLSEP_EM = 12 / 9        -- 2\tabcolsep between two columns

local function text_em(s, mono)
  local w = 0
  for _, c in utf8.codes(s) do
    if mono then w = w + ((c >= 0x2e80) and 1.0 or 0.5)
    elseif c >= 0x2e80 then w = w + 1.0
    elseif c >= 65 and c <= 90 then w = w + 0.72
    elseif c == 109 or c == 119 or c == 77 or c == 87 then w = w + 0.85
    elseif c >= 48 and c <= 57 then w = w + 0.55
    elseif c == 32 then w = w + 0.26
    else w = w + 0.5 end
  end
  return w
end

-- {min, max} of a list of inlines, in em.
local function inline_extent(inlines, bold)
  local minw, line, maxw = 0, 0, 0
  local word = 0
  local function endword()
    if word > minw then minw = word end
    word = 0
  end
  local function walk(list, b)
    for _, el in ipairs(list) do
      local t = el.t
      if t == 'Str' then
        local w = text_em(el.text) * (b and 1.06 or 1.0)
        word = word + w; line = line + w
      elseif t == 'Space' or t == 'SoftBreak' then
        endword(); line = line + 0.26
      elseif t == 'LineBreak' then
        endword(); if line > maxw then maxw = line end; line = 0
      elseif t == 'Code' then
        local pieces = code_pieces(el.text)
        for i, p in ipairs(pieces) do
          for _, c in utf8.codes(p) do
            if c == 32 then
              endword(); line = line + 0.5
            else
              local w = c >= 0x2e80 and 1.0 or 0.5
              word = word + w; line = line + w
            end
          end
          if i < #pieces then endword() end
        end
      elseif t == 'Strong' then walk(el.content, true)
      elseif el.content and type(el.content) ~= 'string' then
        walk(el.content, b)
      end
    end
  end
  walk(inlines, bold)
  endword()
  if line > maxw then maxw = line end
  return minw, maxw
end

local function cell_extent(blocks, bold)
  local minw, maxw = 0, 0
  for _, b in ipairs(blocks) do
    local inl = (b.t == 'Plain' or b.t == 'Para') and b.content
        or pandoc.List({ pandoc.Str(stringify(b)) })
    local a, z = inline_extent(inl, bold)
    if a > minw then minw = a end
    if z > maxw then maxw = z end
  end
  return minw, maxw
end

local function set_widths(tbl)
  local n = #tbl.colspecs
  local mins, maxs = {}, {}
  for i = 1, n do mins[i] = 0; maxs[i] = 0 end
  local function rows(list, bold)
    for _, row in ipairs(list) do
      for i, cell in ipairs(row.cells) do
        if i <= n then
          local a, z = cell_extent(cell.contents, bold)
          mins[i] = math.max(mins[i], a + 1.0)
          maxs[i] = math.max(maxs[i], mins[i], z + 1.0)
        end
      end
    end
  end
  rows(tbl.head.rows, true)
  for _, body in ipairs(tbl.bodies) do rows(body.body, false) end
  local W = TABLE_EM - COLSEP_EM * (n - 1)
  local summin, summax = 0, 0
  for i = 1, n do summin = summin + mins[i]; summax = summax + maxs[i] end
  local given = tbl.colspecs[1][2] ~= nil
  if summax <= W and not given then return nil end -- natural widths fit
  local w = {}
  if summax <= W then
    for i = 1, n do w[i] = maxs[i] * W / summax end
  elseif summin >= W then
    for i = 1, n do w[i] = mins[i] * W / summin end
  else
    -- Narrow columns (whole content within 45% of the width) get all
    -- they need, narrowest first, while the rest keep their minimum;
    -- the wide ones share what is left, in proportion to their content.
    local order, left, need = {}, W, summin
    for i = 1, n do order[i] = i end
    table.sort(order, function(a, b) return maxs[a] < maxs[b] end)
    local wide = {}
    for _, i in ipairs(order) do
      if maxs[i] <= 0.45 * W and left - maxs[i] >= need - mins[i] then
        w[i] = maxs[i]; left = left - maxs[i]; need = need - mins[i]
      else
        wide[#wide + 1] = i
      end
    end
    local extra, span = left - need, 0
    for _, i in ipairs(wide) do span = span + (maxs[i] - mins[i]) end
    for _, i in ipairs(wide) do
      w[i] = mins[i] + (span > 0 and extra * (maxs[i] - mins[i]) / span or 0)
    end
  end
  for i = 1, n do
    tbl.colspecs[i] = { tbl.colspecs[i][1], w[i] / W }
  end
  return tbl
end

-- Inline code in table cells breaks as code_pieces says (HTML: <wbr>).
local function table_code(tbl)
  local f = { Code = function(c)
    if is_latex then return pandoc.RawInline('latex', tex_code(c.text)) end
    if #code_pieces(c.text) > 1 then
      return pandoc.RawInline('html', html_code(c.text))
    end
  end }
  return pandoc.walk_block(tbl, f)
end

function Pandoc(doc)
  local meta = doc.meta
  local edition = stringify(meta.edition or 'solution')
  local index_path = stringify(meta['listings-index'] or '')
  local figdir = stringify(meta['figures-dir'] or 'build/book/fig')
  local figext = stringify(meta['figure-ext'] or (is_latex and 'pdf' or 'svg'))
  local sessdir = stringify(meta['sessions-dir'] or 'build/book/sessions')
  local text = read_file(index_path)
  if not text then fail('cannot read the listings index "' .. index_path .. '"') end
  local listings = json_decode(text)
  local tree, regions = listings.tree, listings.regions

  local chap = nil        -- current chapter number (0 for the introduction)
  local chap_id = nil
  local nfig, nlst = 0, 0
  local sec = {}          -- HTML section counters below the chapter
  local labels = {}       -- "fig:x" / "lst:x" -> "N.M"
  local terms, term_order = {}, {}
  local names = {}        -- index name -> {chapter ids in order}
  local out = pandoc.List()

  local function number(n) return (chap or 0) .. '.' .. n end

  local function listing(cb)
    local name = cb.attributes.include
    local r = regions[name]
    if not r then
      fail('listing "' .. name .. '" is not a region of ' .. tree .. '/ '
           .. '(see autograder/MARKERS.md)')
    end
    nlst = nlst + 1
    local id = cb.identifier ~= '' and cb.identifier
        or ('lst:' .. name:gsub('[^%w_]+', '-'))
    local num = number(nlst)
    labels[id] = num
    local cap = pandoc.Para({ pandoc.Strong({ pandoc.Str('Listing ' .. num) }),
      pandoc.Str(':'), pandoc.Space(), pandoc.Code(tree .. '/' .. r.file),
      pandoc.Str(', lines ' .. r.first .. '–' .. r.last) })
    local classes = cb.classes:filter(function(c) return c ~= 'include' end)
    if #classes == 0 then classes = pandoc.List({ r.lang }) end
    local code = pandoc.CodeBlock(table.concat(r.text, '\n'),
      pandoc.Attr('', classes))
    local blocks = pandoc.List()
    if is_latex then
      local env = listing_env(#r.text)
      blocks:insert(raw('\\begin{' .. env .. '}\\phantomsection\\label{'
        .. id .. '}'))
      blocks:insert(pandoc.Div({ cap }, pandoc.Attr('', { 'listing-caption' })))
      blocks:insert(code)
      blocks:insert(raw('\\end{' .. env .. '}'))
    else
      blocks:insert(pandoc.Div({ cap }, pandoc.Attr(id, { 'listing-caption' })))
      blocks:insert(code)
    end
    return blocks
  end

  -- A shell session, run at build time (book/tools/sessions.py).
  local function session(cb)
    local name = cb.attributes.session
    local file = sessdir .. '/' .. name .. '.txt'
    local text = read_file(file)
    if not text then
      fail('session "' .. name .. '" was not run (' .. file .. '): is there '
           .. 'an autograder/shell/' .. name .. '.script?')
    end
    -- The command that shows it to a student who has done the chapters
    -- it needs, on labs/: the boot stage its script names.
    local script = read_file('autograder/shell/' .. name .. '.script') or ''
    local board = script:match('# board: (%S+)')
    local stage = script:match('# chapter: (%d+)')
    local how = 'make shell' .. (stage and (' CH=' .. stage) or '')
        .. (board and (' BOARD=' .. board) or '')
        .. ' SCRIPT=autograder/shell/' .. name .. '.script'
    local cap = pandoc.Para({ pandoc.Strong({ pandoc.Str('Session:') }),
      pandoc.Space(), pandoc.Code(how) })
    local code = pandoc.CodeBlock(text:gsub('%s+$', ''),
      pandoc.Attr('', { 'console' }))
    if is_latex then
      -- /proc views are up to 118 columns wide: 7 pt keeps their rows on
      -- one line each
      local _, nlines = text:gsub('\n', '')
      local env = listing_env(nlines)
      return { raw('\\begin{' .. env .. '}'),
        pandoc.Div({ cap }, pandoc.Attr('', { 'listing-caption' })),
        raw('\\begin{Verbatim}[fontsize=\\scriptsize,breaklines]\n'
          .. text:gsub('%s+$', '') .. '\n\\end{Verbatim}'),
        raw('\\end{' .. env .. '}') }
    end
    return { pandoc.Div({ cap }, pandoc.Attr('', { 'listing-caption' })), code }
  end

  local function figure(para)
    local img = para.content[1]
    local stem = img.src:match('^figures/([%w_.-]+)%.dot$')
    if not stem then return nil end
    local file = figdir .. '/' .. stem .. '.' .. figext
    if not io.open(file, 'r') then
      fail('figure "' .. stem .. '" was not rendered (' .. file .. '): is there '
           .. 'a book/figures/' .. stem .. '.dot or a figure program that '
           .. 'prints it?')
    end
    nfig = nfig + 1
    local num = number(nfig)
    local id = img.identifier ~= '' and img.identifier or ('fig:' .. stem)
    labels[id] = num
    img.src = file
    img.identifier = id
    if not is_latex then
      local cap = pandoc.List({ pandoc.Str('Figure ' .. num .. ':'), pandoc.Space() })
      cap:extend(img.caption)
      img.caption = cap
    end
    return pandoc.Para({ img })
  end

  local function note_name(code)
    local s = code.text
    if not chap_id or not is_index_name(s) then return nil end
    local key = s:gsub('%(%)$', '')
    names[key] = names[key] or { shown = s, chapters = {} }
    local c = names[key].chapters
    if c[#c] ~= chap_id then c[#c + 1] = chap_id end
    if is_latex then
      local e = key:gsub('_', '\\_')
      return { code, pandoc.RawInline('latex', '\\index{' .. key .. '@\\texttt{'
        .. e .. '}}') }
    end
    return nil
  end

  local function note_term(span)
    if not span.classes:includes('term') then return nil end
    local en = span.attributes.en
    if not en then fail('a term "' .. stringify(span) .. '" has no en="..."') end
    if not terms[en] then
      terms[en] = { zh = stringify(span), chapter = chap_id, num = chap }
      term_order[#term_order + 1] = en
    end
    return nil
  end

  local inline_filter = { Code = note_name, Span = note_term }
  local block_filter = {
    CodeBlock = function(cb)
      if cb.attributes.include then return listing(cb) end
      if cb.attributes.session then return session(cb) end
    end,
    Para = function(p)
      if #p.content == 1 and p.content[1].t == 'Image' then
        return figure(p)
      end
      return pandoc.walk_block(p, inline_filter)
    end,
    Plain = function(p) return pandoc.walk_block(p, inline_filter) end,
    Table = function(t) return set_widths(t) end,
    Div = function(d)
      if d.classes:includes('solution') and edition == 'student' then
        return {}
      end
    end,
  }

  local function boxed(div, env, title)
    local blocks = pandoc.List()
    if is_latex then
      blocks:insert(raw('\\begin{' .. env .. '}' .. (title and ('{' .. title .. '}') or '')))
      blocks:extend(div.content)
      blocks:insert(raw('\\end{' .. env .. '}'))
      return blocks
    end
    if title then
      div.content:insert(1, pandoc.Para({ pandoc.Strong({ pandoc.Str(title) }) }))
    end
    return pandoc.List({ div })
  end

  for _, b in ipairs(doc.blocks) do
    if b.t == 'Header' and b.classes:includes('part') then
      local p = tonumber(b.attributes.number)
      b.attributes.number = nil
      if is_latex then
        out:insert(raw('\\setcounter{part}{' .. (p - 1) .. '}'))
      else
        b.content:insert(1, pandoc.Str('Part ' .. ROMAN[p] .. ':'))
        b.content:insert(2, pandoc.Space())
      end
      out:insert(b)
    elseif b.t == 'Header' then
      if b.classes:includes('chapter') then
        chap = tonumber(b.attributes.number)
        chap_id = b.identifier
        -- pandoc would print a "number" attribute in the TOC itself.
        b.attributes.number = nil
        nfig, nlst, sec = 0, 0, {}
        if is_latex then
          out:insert(raw('\\setcounter{chapter}{' .. (chap - 1) .. '}'))
        else
          b.content:insert(1, pandoc.Span({ pandoc.Str(tostring(chap)) },
            pandoc.Attr('', { 'header-section-number' })))
          b.content:insert(2, pandoc.Space())
        end
        b.level = 2
      else
        b.level = math.min(b.level + 1, 6)
        if not is_latex and chap
            and not b.classes:includes('unnumbered') then
          local d = b.level - 2
          sec[d] = (sec[d] or 0) + 1
          for k = d + 1, 6 do sec[k] = nil end
          local parts = { tostring(chap) }
          for k = 1, d do parts[#parts + 1] = tostring(sec[k] or 0) end
          b.content:insert(1, pandoc.Span({ pandoc.Str(table.concat(parts, '.')) },
            pandoc.Attr('', { 'header-section-number' })))
          b.content:insert(2, pandoc.Space())
        end
      end
      out:insert(b)
    else
      local blocks = pandoc.List({ b })
      if b.t == 'Div' and b.classes:includes('linuxbox') then
        blocks = boxed(b, 'linuxbox')
      elseif b.t == 'Div' and b.classes:includes('solution') then
        if edition == 'student' then
          blocks = pandoc.List()
        else
          blocks = boxed(b, 'solutionbox', 'Answer (solution edition only)')
        end
      end
      for _, x in ipairs(blocks) do
        -- Walk inside a wrapper so that x itself is filtered too.
        out:extend(pandoc.walk_block(pandoc.Div({ x }), block_filter).content)
      end
    end
  end

  -- Cross-references: @fig:x and @lst:x.
  out = pandoc.walk_block(pandoc.Div(out), {
    Cite = function(c)
      if #c.citations ~= 1 then return nil end
      local id = c.citations[1].id
      local kind = id:match('^fig:') and 'Figure' or id:match('^lst:') and 'Listing'
      if not kind then return nil end
      local num = labels[id]
      if not num then fail('reference to an unknown ' .. kind:lower() .. ' "@' .. id .. '"') end
      if is_latex then
        return pandoc.RawInline('latex', '\\hyperref[' .. id .. ']{' .. kind .. '~' .. num .. '}')
      end
      return pandoc.Link({ pandoc.Str(kind .. ' ' .. num) }, '#' .. id)
    end,
  }).content

  -- Inline code: LaTeX breaks long names after an inner underscore, a
  -- slash or "->" (not in headings: their text also goes to the PDF
  -- outline); HTML does so in tables.  Curly quotes are straightened for
  -- LaTeX.
  local final = { Table = table_code }
  if is_latex then
    final.Code = function(c) return pandoc.RawInline('latex', tex_code(c.text)) end
    final.Str = function(s)
      local t = s.text:gsub('‘', "'"):gsub('’', "'"):gsub('“', '"')
          :gsub('”', '"')
      if t ~= s.text then return pandoc.Str(t) end
    end
  end
  local walked, run = pandoc.List(), pandoc.List()
  local function flush()
    if #run > 0 then
      walked:extend(pandoc.walk_block(pandoc.Div(run), final).content)
      run = pandoc.List()
    end
  end
  for _, b in ipairs(out) do
    if b.t == 'Header' then flush(); walked:insert(b) else run:insert(b) end
  end
  flush()
  out = walked

  -- Back matter: the glossary and the index.
  if is_latex then out:insert(raw('\\backmatter')) end
  if #term_order > 0 then
    table.sort(term_order, function(a, b) return a:lower() < b:lower() end)
    out:insert(pandoc.Header(2, { pandoc.Str('Glossary') },
      pandoc.Attr('glossary', { 'unnumbered' })))
    local rows = {}
    for _, en in ipairs(term_order) do
      local t = terms[en]
      local where = 'Chapter ' .. t.num
      rows[#rows + 1] = {
        { pandoc.Plain({ pandoc.Str(en) }) },
        { pandoc.Plain({ pandoc.Str(t.zh) }) },
        { pandoc.Plain({ pandoc.Link({ pandoc.Str(where) }, '#' .. t.chapter) }) },
      }
    end
    local st = pandoc.SimpleTable({},
      { pandoc.AlignLeft, pandoc.AlignLeft, pandoc.AlignLeft }, { 0, 0, 0 },
      { { pandoc.Plain({ pandoc.Str('English') }) },
        { pandoc.Plain({ pandoc.Str('中文') }) },
        { pandoc.Plain({ pandoc.Str('First used') }) } }, rows)
    out:insert(pandoc.utils.from_simple_table(st))
  end
  if is_latex then
    out:insert(raw('\\cleardoublepage\\phantomsection'
      .. '\\addcontentsline{toc}{chapter}{Index}\\printindex'))
  else
    local keys = {}
    for k in pairs(names) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b)
      return a:gsub('^struct ', ''):lower() < b:gsub('^struct ', ''):lower()
    end)
    if #keys > 0 then
      out:insert(pandoc.Header(2, { pandoc.Str('Index') },
        pandoc.Attr('index', { 'unnumbered' })))
      local items = {}
      for _, k in ipairs(keys) do
        local inl = pandoc.List({ pandoc.Code(names[k].shown), pandoc.Str(':') })
        for i, id in ipairs(names[k].chapters) do
          inl:insert(pandoc.Space())
          local n = id:match('^ch(%d+)$')
          inl:insert(pandoc.Link({ pandoc.Str(tostring(tonumber(n))) },
            '#' .. id))
          if i < #names[k].chapters then inl:insert(pandoc.Str(',')) end
        end
        items[#items + 1] = { pandoc.Plain(inl) }
      end
      out:insert(pandoc.BulletList(items))
    end
  end
  doc.blocks = out
  return doc
end
