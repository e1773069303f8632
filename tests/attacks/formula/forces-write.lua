-- attack: changing the forces it is given
-- exit: 1
-- expect: FAILED
-- expect: attempt to modify read-only table 'force 'derbyshire''
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    forces[1].id = 'someone-else'
    forces[1] = nil
    return {}
  end }
