-- attack: build returns nothing
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: build returned a nil, not collab.layout.document{...}
return collab.report { id = "attack", title = "attack", build = function() return nil end }
