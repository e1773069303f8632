-- attack: a budget of NaN
-- exit: 1
-- expect: 'cash': a whole number of pence expected, got nan
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:set_budget('emchrs-ld', step.from, { cash = 0/0 })
  end }
