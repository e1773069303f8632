-- attack: replacing collab.share for everyone after it
-- exit: 1
-- expect: FAILED
-- expect: attempt to modify read-only table 'collab'
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    collab.share = function() return 1 end
    return {}
  end }
