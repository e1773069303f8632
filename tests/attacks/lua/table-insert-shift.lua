-- attack: table.insert shifting a huge table
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 1
-- expect: runtime error: table.insert: table length 1000000000 is beyond the sandbox's limit of 16777216
return collab.report { id = "attack", title = "attack", build = function()
  local result = (function()
    local t = setmetatable({}, { __len = function() return 1e9 end }) table.insert(t, 1, 0)
  end)()
  if type(result) == "table" then return result end
  return collab.layout.document { title = "survived: " .. tostring(result), blocks = {} }
end }
