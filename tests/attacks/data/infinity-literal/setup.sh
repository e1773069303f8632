sed -i "0,/9568875/s//Infinity/" data/budgets.json
