-- attack: weights 300 orders of magnitude apart
-- exit: 1
-- expect: FAILED
-- expect: weight 1e+300 needs more than 18 significant digits or decimals
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = {}
    for _, f in ipairs(forces) do w[f.id] = 1e-300 end
    w[forces[1].id] = 1e300
    return w
  end }
