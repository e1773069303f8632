-- equal_share: every participant pays the same; the host hands out the odd pounds by its tie rule.

return collab.formula {
  id = "equal_share",
  title = "Equal shares",
  description = "Every participating force pays the same.",

  weights = function(_, forces)
    local weights = {}
    for _, force in ipairs(forces) do weights[force.id] = 1 end
    return weights
  end,
}
