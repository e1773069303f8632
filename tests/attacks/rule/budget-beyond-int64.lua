-- attack: a budget beyond int64 pence
-- exit: 1
-- expect: 'cash': 1.1805916207174113e+21 pence is beyond the range of money
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:set_budget('emchrs-ld', step.from, { cash = 2^70 })
  end }
