-- attack: a new global through rawset on _G, past any __newindex
-- exit: 1
-- expect: attack.lua:7: error: runtime error: error in rule 'attack': assigns global 'seen'
-- expect: (state kept between calls would make a sweep's scenarios depend on each other; use a local)
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    rawset(_G, 'seen', true)
  end }
