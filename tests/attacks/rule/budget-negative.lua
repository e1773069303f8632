-- attack: a negative budget
-- exit: 2
-- expect: the budget of 'emchrs-ld' in 2017/18 would be -£1.00: a budget cannot be negative
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:set_budget('emchrs-ld', step.from, { cash = -100 })
  end }
