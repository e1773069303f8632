-- attack: a document nested deeper than the reader goes
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: paragraph (block 1): a span must be a string or collab.layout.em/strong/footnote_ref, got table
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = {} local c = t for i = 1, 1e5 do c[1] = {} c = c[1] end return collab.layout.document { title = "x", blocks = { collab.layout.paragraph(t) } }
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
