-- attack: counting its calls in a global, so that each call (each year, each sweep scenario) weighs differently
-- exit: 1
-- expect: FAILED
-- expect: attack.lua:10: error: runtime error: error in formula 'attack': assigns global 'calls'
-- expect: (state kept between calls would make a sweep's scenarios depend on each other; use a local)
-- forbid: EMCHRS Learning and Development | £
calls = 0
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    calls = calls + 1
    local w = {}
    for i, f in ipairs(forces) do w[f.id] = i + calls end
    return w
  end }
