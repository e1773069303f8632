-- attack: counting its builds in a global, so a report built twice in one process (collab serve) differs
-- exit: 1
-- expect: attack.lua:9: error: report 'attack': runtime error: error in report 'attack': assigns global 'builds'
-- expect: (state kept between calls would make a sweep's scenarios depend on each other; use a local)
builds = 0
function title() return "built " .. builds end
return collab.report { id = "attack", title = "attack",
  build = function()
    builds = builds + 1
    return collab.layout.document { title = title(), blocks = {} }
  end }
