rm data/budgets.json && mkdir data/budgets.json
