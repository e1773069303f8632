-- attack: reading a file with io.open
-- exit: 1
-- expect: script accessed undefined global 'io'
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    return io.open('/etc/passwd'):read('a')
  end }
