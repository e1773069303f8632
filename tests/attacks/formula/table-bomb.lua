-- attack: a memory bomb: a table filled for ever
-- exit: 1
-- expect: FAILED
-- expect: memory limit exceeded (64 MiB)
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local t = {}
    local i = 0
    while true do i = i + 1; t[i] = {i} end
  end }
