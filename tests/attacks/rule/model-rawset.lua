-- attack: rawset on the model it is given
-- exit: 1
-- expect: attempt to modify read-only table 'collab.draft'
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    rawset(model, 'set_budget', function() end)
  end }
