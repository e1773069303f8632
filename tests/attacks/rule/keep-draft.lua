-- attack: keeping the draft to change it after apply returns
-- exit: 0
-- expect: | EMCHRS Learning and Development |
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    kept = model
  end }
