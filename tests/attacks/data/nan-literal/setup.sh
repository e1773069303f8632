sed -i "0,/9568875/s//NaN/" data/budgets.json
