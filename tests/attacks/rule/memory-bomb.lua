-- attack: a memory bomb in apply
-- exit: 1
-- expect: memory limit exceeded (64 MiB)
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    local s = 'x'
    while true do s = s .. s end
  end }
