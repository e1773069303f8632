-- attack: weights that are not a table
-- exit: 1
-- expect: FAILED
-- expect: weights must return a table of weights by force id, got number
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    return 42
  end }
