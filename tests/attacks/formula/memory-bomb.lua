-- attack: a memory bomb: a string doubled until it cannot be
-- exit: 1
-- expect: FAILED
-- expect: memory limit exceeded (64 MiB)
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local s = 'x'
    while true do s = s .. s end
  end }
