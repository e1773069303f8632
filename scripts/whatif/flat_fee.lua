-- flat_fee: every participating force pays a flat fee a year towards a unit, and the rest of the
-- budget is split by the unit's formula as before (an agreement's "a fixed sum per force plus a
-- share of the remainder"). The fees are charges on the budget line: the row still adds up to it.

return collab.rule {
  id = "flat_fee",
  title = "A flat fee per force plus a share of the rest",
  description = "Each participant pays a flat fee a year; the rest of the unit's budget is split by its formula.",
  params = {
    unit = { type = "unit", required = true, doc = "the unit, e.g. \"em-legal\"" },
    fee = { type = "money", required = true, doc = "the fee each participant pays a year, in pounds" },
    kind = { type = "string", doc = "the budget it is paid towards: \"cash\" (default) or \"in_kind\"" },
  },

  apply = function(model, params, step)
    local kind = params.kind or "cash"
    if kind ~= "cash" and kind ~= "in_kind" then collab.param_error("kind", "kind must be \"cash\" or \"in_kind\"") end
    for _, year in ipairs(model:years()) do
      local budget = year >= step.from and model:budget(params.unit, year) or nil
      if budget and budget[kind] then
        for _, force in ipairs(model:participants(params.unit, year)) do
          model:charge(params.unit, year, { force = force, amount = params.fee, kind = kind, label = "flat fee" })
        end
      end
    end
  end,
}
