-- attack: a participant left without a weight
-- exit: 1
-- expect: FAILED
-- expect: weights gave no weight to 'leicestershire', which takes part
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    return { [forces[1].id] = 1 }
  end }
