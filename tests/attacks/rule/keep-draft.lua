-- attack: keeping the draft (in a chunk-level local: globals are frozen) to change it after apply returns
-- exit: 0
-- expect: | EMCHRS Learning and Development |
local kept
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    kept = model
  end }
