sed -i "0,/9568875/s//99999999999999999999/" data/budgets.json
