-- attack: string.rep of a gigabyte
-- exit: 1
-- expect: FAILED
-- expect: string.rep: too many repetitions (1073741824, limit 16777216)
return collab.formula { id = "attack", title = "attack",
  weights = function(year, forces)
    return { x = string.rep('x', 1 << 30) }
  end }
