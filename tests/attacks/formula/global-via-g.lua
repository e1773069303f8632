-- attack: a new global through _G (the environment itself), the first call remembering it for the next
-- exit: 1
-- expect: FAILED
-- expect: attack.lua:9: error: runtime error: error in formula 'attack': assigns global 'memo'
-- expect: (state kept between calls would make a sweep's scenarios depend on each other; use a local)
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local memo = rawget(_G, 'memo') or {}
    _G.memo = memo
    local w = {}
    for i, f in ipairs(forces) do memo[f.id] = (memo[f.id] or 0) + i; w[f.id] = memo[f.id] end
    return w
  end }
