-- attack: a pattern that backtracks for ever
-- exit: 1
-- expect: FAILED
-- expect: pattern too complex
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    string.find(string.rep('a', 5000), string.rep('a?', 5000) .. string.rep('a', 5000))
    return {}
  end }
