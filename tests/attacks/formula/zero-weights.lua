-- attack: every weight zero
-- exit: 1
-- expect: FAILED
-- expect: the weight of 'derbyshire' is 0: weights must be finite numbers above zero
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = {}
    for _, f in ipairs(forces) do w[f.id] = 0 end
    return w
  end }
