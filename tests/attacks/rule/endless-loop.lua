-- attack: an endless loop in apply
-- exit: 1
-- expect: CPU time limit exceeded (500 ms)
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    while true do end
  end }
