-- attack: replacing a helper it defined at load time, so later calls run other code
-- exit: 1
-- expect: FAILED
-- expect: attack.lua:11: error: runtime error: error in formula 'attack': assigns global 'weigh'
-- expect: (state kept between calls would make a sweep's scenarios depend on each other; use a local)
function weigh(i) return i end
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = {}
    for i, f in ipairs(forces) do w[f.id] = weigh(i) end
    weigh = function(i) return 100 * i end
    return w
  end }
