-- attack: a sort comparator that never ends
-- exit: 1
-- expect: FAILED
-- expect: CPU time limit exceeded (500 ms)
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local t = {}
    for i = 1, 100 do t[i] = i end
    table.sort(t, function(a, b) while true do end end)
    return {}
  end }
