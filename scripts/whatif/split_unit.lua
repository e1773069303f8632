-- split_unit: a unit is split into new units from the step's year: each takes a stated
-- percentage of its budget (cash and officers in kind alike; the percentages add up to 100, the
-- last part takes what the others leave, so the parts add up to the budget to the penny) and its
-- participants (the unit's, unless it names its own). The unit has no budget from then on.

local function copy(list)
  local out = {}
  for i, v in ipairs(list) do out[i] = v end
  return out
end

return collab.rule {
  id = "split_unit",
  title = "A unit splits",
  description = "A unit's budget is split among new units by stated percentages from the step's year on.",
  params = {
    unit = { type = "unit", required = true, doc = "the unit that splits, e.g. \"emsou-forensics\"" },
    parts = { type = "table", required = true,
              doc = "the new units: a list of {id, name, percent, participants (optional)}, percentages adding up to 100" },
  },

  apply = function(model, params, step)
    local parts = params.parts
    if #parts < 2 then collab.param_error("parts", "give at least two parts") end
    local total = 0
    for n, part in ipairs(parts) do
      if type(part) ~= "table" or type(part.id) ~= "string" then
        collab.param_error("parts", "part " .. n .. " needs an id (a new unit's id)")
      end
      if type(part.percent) ~= "number" or part.percent <= 0 then
        collab.param_error("parts", "part " .. n .. " ('" .. part.id .. "') needs a percent above 0")
      end
      total = total + part.percent
    end
    if collab.round(total, 0.0001) ~= 100 then
      collab.param_error("parts", string.format("the parts' percentages add up to %s, not 100", collab.round(total, 0.0001)))
    end
    local participants = model:participants(params.unit, step.from)
    for _, part in ipairs(parts) do
      model:add_unit { id = part.id, name = part.name, from = step.from,
                       participants = part.participants or copy(participants) }
    end
    for _, year in ipairs(model:years()) do
      if year >= step.from then
        local budget = model:budget(params.unit, year)
        if budget then
          local left = { cash = budget.cash, in_kind = budget.in_kind }
          for n, part in ipairs(parts) do
            local share = {}
            for _, kind in ipairs({ "cash", "in_kind" }) do
              if budget[kind] then
                -- The percentage as exact text ("37.5"), never a float multiplication.
                share[kind] = n < #parts and collab.whatif.percent_of(budget[kind], string.format("%.4f", part.percent)) or left[kind]
                left[kind] = left[kind] - share[kind]
              end
            end
            model:set_budget(part.id, year, share)
          end
          model:set_budget(params.unit, year, nil)
        end
      end
    end
  end,
}
