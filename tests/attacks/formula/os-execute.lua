-- attack: running a command with os.execute
-- exit: 1
-- expect: FAILED
-- expect: attempt to call a nil value (field 'execute')
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    os.execute('touch /tmp/collab-attack-formula')
    return {}
  end }
