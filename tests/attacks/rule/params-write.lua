-- attack: writing to its params
-- exit: 0
-- expect: | EMCHRS Learning and Development |
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    params.unit = 'x'
  end }
