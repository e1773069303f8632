rm data/budgets.json && mkfifo data/budgets.json
