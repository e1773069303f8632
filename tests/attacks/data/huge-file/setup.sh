truncate -s 200M data/budgets.json
