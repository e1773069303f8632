: > data/budgets.json
