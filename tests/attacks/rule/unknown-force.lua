-- attack: a force that does not exist joins
-- exit: 2
-- expect: unknown force 'no-such-force'
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    model:join('no-such-force', 'emchrs-ld', step.from)
  end }
