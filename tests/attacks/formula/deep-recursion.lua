-- attack: unbounded recursion
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: FAILED
-- expect: runtime error: stack overflow
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    local function down(n) return down(n + 1) + 1 end
    return down(1)
  end }
