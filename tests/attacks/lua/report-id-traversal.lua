-- attack: a report id that is a path
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 2
-- expect: runtime error: collab.report: id '../../etc/passwd' must be lower case letters, digits and '-', starting with 
return collab.report { id = "../../etc/passwd", title = "attack", build = function() return collab.layout.document { title = "survived", blocks = {} } end }
