-- attack: yielding out of the weights function
-- exit: 1
-- expect: FAILED
-- expect: attempt to yield from outside a coroutine
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    coroutine.yield({})
    return {}
  end }
