-- attack: counting its applications in a global, so a sweep's scenarios depend on the ones before
-- exit: 1
-- expect: attack.lua:8: error: runtime error: error in rule 'attack': assigns global 'applied'
-- expect: (state kept between calls would make a sweep's scenarios depend on each other; use a local)
applied = 0
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    applied = applied + 1
  end }
