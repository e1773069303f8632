-- attack: unbounded recursion in apply
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: stack overflow
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    local function down(n) return down(n + 1) + 1 end
    down(1)
  end }
