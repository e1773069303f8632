-- attack: a budget in fractions of a penny
-- exit: 1
-- expect: 'cash': a whole number of pence expected, got a fraction
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:set_budget('emchrs-ld', step.from, { cash = 100.5 })
  end }
