-- attack: loading a C module with require
-- exit: 1
-- expect: FAILED
-- expect: script accessed undefined global 'require'
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    return require('socket')
  end }
