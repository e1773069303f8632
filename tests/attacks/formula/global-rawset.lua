-- attack: keeping a count with rawset on its environment, past any __newindex
-- exit: 1
-- expect: FAILED
-- expect: attack.lua:10: error: runtime error: error in formula 'attack': assigns global 'calls'
-- expect: (state kept between calls would make a sweep's scenarios depend on each other; use a local)
calls = 0
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = {}
    rawset(_ENV, 'calls', (rawget(_ENV, 'calls') or calls) + 1)
    for i, f in ipairs(forces) do w[f.id] = i end
    return w
  end }
