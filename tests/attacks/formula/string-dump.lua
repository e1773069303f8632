-- attack: a binary chunk through string.dump and load
-- exit: 1
-- expect: FAILED
-- expect: attempt to call a nil value (field 'dump')
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    return load(string.dump(function() return {} end))()
  end }
