rm data/budgets.json && ln -s budgets.json data/budgets.json
