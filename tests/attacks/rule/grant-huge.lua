-- attack: grants of 2^63 - 1 pence for two forces, so a formula's sum of grants wraps around
-- exit: 1
-- expect: cannot split 'emsou-soc' 2018/19: the share of 'lincolnshire' (0.0000%) rounds to 0
return collab.rule { id = "attack", title = "attack", params = {},
  apply = function(model, params, step)
    for _, year in ipairs(model:years()) do if year >= step.from then
      model:set_grant('derbyshire', year, math.maxinteger)
      model:set_grant('leicestershire', year, math.maxinteger) end
    end
  end }
