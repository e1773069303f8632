-- attack: adding a hundred thousand units
-- exit: 1
-- expect: CPU time limit exceeded (500 ms)
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    for i = 1, 100000 do
      model:add_unit { id = 'u' .. i, title = 'u', from = step.from, participants = { 'derbyshire', 'leicestershire' } }
    end
  end }
