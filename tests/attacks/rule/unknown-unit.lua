-- attack: a budget for a unit that does not exist
-- exit: 2
-- expect: unknown unit '../../etc/passwd'
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:set_budget('../../etc/passwd', step.from, { cash = 100 })
  end }
