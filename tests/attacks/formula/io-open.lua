-- attack: reading a file with io.open
-- exit: 1
-- expect: FAILED
-- expect: script accessed undefined global 'io'
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    return io.open('/etc/passwd'):read('a')
  end }
