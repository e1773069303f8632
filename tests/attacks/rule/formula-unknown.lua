-- attack: switching a unit to a formula that does not exist
-- exit: 2
-- expect: unknown formula 'no_such_formula'
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:set_formula('emchrs-ld', step.from, 'no_such_formula', {})
  end }
