-- attack: an endless loop in the weights function
-- exit: 1
-- expect: FAILED
-- expect: CPU time limit exceeded (500 ms)
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    while true do end
  end }
