-- attack: build returns nothing
-- exit: 1
-- expect: runtime error: build returned a nil, not collab.layout.document{...}
return collab.report { id = "attack", title = "attack", build = function() return nil end }
