-- attack: a force joins a unit it is in
-- exit: 2
-- expect: 'derbyshire' already takes part in 'emsou-soc' in 2017/18
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:join('derbyshire', 'emsou-soc', step.from)
  end }
