cat > scripts/formulae/big_weight.lua <<LUA
return collab.formula { id = "big_weight", title = "big", weights = function(_, forces)
  local w = {} for i, f in ipairs(forces) do w[f.id] = i == 1 and 1e308 or 1e-308 end return w end }
LUA
sed -i "0,/\"id\": \"grant_share\"/s//\"id\": \"big_weight\"/" data/collaborations.json
