cat > scripts/formulae/inf_weight.lua <<LUA
return collab.formula { id = "inf_weight", title = "inf", weights = function(_, forces)
  local w = {} for _, f in ipairs(forces) do w[f.id] = math.huge end return w end }
LUA
sed -i "0,/\"id\": \"grant_share\"/s//\"id\": \"inf_weight\"/" data/collaborations.json
