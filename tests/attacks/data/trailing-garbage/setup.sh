printf "}}}garbage" >> data/budgets.json
