cat > scripts/formulae/nan_weight.lua <<LUA
return collab.formula { id = "nan_weight", title = "NaN", weights = function(_, forces)
  local w = {} for _, f in ipairs(forces) do w[f.id] = 0/0 end return w end }
LUA
sed -i "0,/\"id\": \"grant_share\"/s//\"id\": \"nan_weight\"/" data/collaborations.json
