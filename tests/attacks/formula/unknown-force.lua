-- attack: a weight for a force that does not take part
-- exit: 1
-- expect: FAILED
-- expect: weights returned a weight for 'no-such-force', which is not a force id
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local w = { ['no-such-force'] = 5 }
    for _, f in ipairs(forces) do w[f.id] = 1 end
    return w
  end }
