-- s22-register: pcc-leics-2018's Appendix A (the regional section 22 register: participants and
-- leads, host support services, comments) and Appendix B (the national agreements the region's
-- forces have signed).

local layout = collab.layout

local names = {}
for _, force in ipairs(collab.forces) do names[force.id] = force.short_name end

local function in_appendix(unit, letter)
  return unit.source and unit.source.table:find("^Appendix " .. letter) ~= nil
end

-- The participants the register gives: the latest period's forces, or how many when it lost them.
local function participants(unit)
  local period = unit.participants[#unit.participants]
  if not period then return "not stated" end
  if period.forces then
    local list = {}
    for _, id in ipairs(period.forces) do list[#list + 1] = names[id] or id end
    return #list == #collab.forces and "all five" or table.concat(list, ", ")
  end
  return period.count and string.format("%d forces, not named", period.count) or "not stated"
end

local function host_services(unit)
  local parts = {}
  for _, force in ipairs(collab.forces) do
    local services = unit.host_services[force.id]
    if services then parts[#parts + 1] = names[force.id] .. ": " .. table.concat(services, ", ") end
  end
  return table.concat(parts, "; ")
end

return collab.report {
  id = "s22-register",
  title = "Section 22 register",
  description = "Regional and national section 22 agreements: participants, leads, host support services.",
  build = function()
    local regional, national = {}, {}
    for _, unit in ipairs(collab.record.register()) do
      if in_appendix(unit, "A") then
        regional[#regional + 1] = {
          name = unit.name, participants = participants(unit),
          pcc = unit.leads.pcc and names[unit.leads.pcc] or nil,
          chief = unit.leads.chief_officer, operational = unit.leads.operational,
          finance = unit.leads.finance and names[unit.leads.finance] or nil,
          host = host_services(unit), comments = unit.comments,
        }
      elseif in_appendix(unit, "B") then
        national[#national + 1] = { name = unit.name, comments = unit.comments }
      end
    end
    return layout.document {
      title = "Section 22 collaboration agreements",
      subtitle = collab.region.name,
      blocks = {
        layout.paragraph("The agreements under section 22A of the Police Act 1996 that the region's forces have "
          .. "made with each other, with who leads each, and the national agreements they have signed."),
        layout.table {
          id = "regional",
          title = "Regional section 22 register",
          columns = {
            { key = "name", title = "Agreement" },
            { key = "participants", title = "Participants" },
            { key = "pcc", title = "PCC lead", group = "Leads" },
            { key = "chief", title = "Chief officer lead", group = "Leads" },
            { key = "operational", title = "Operational lead", group = "Leads" },
            { key = "finance", title = "Finance lead", group = "Leads" },
            { key = "host", title = "Host support services" },
            { key = "comments", title = "Comments" },
          },
          rows = regional,
          source = "pcc-leics-2018, Appendix A: regional section 22 register",
        },
        layout.table {
          id = "national",
          title = "National section 22 agreements",
          columns = { { key = "name", title = "Agreement" }, { key = "comments", title = "Comments" } },
          rows = national,
          source = "pcc-leics-2018, Appendix B: national section 22 agreements",
          caption = "The report says only that forces in the region are signatories.",
        },
      },
    }
  end,
}
