sed -i "0,/\"Derbyshire Constabulary\"/s//\"Derby\\\\u0000shire\"/" data/forces.json
