sed -i "0,/\"name\": \"Derbyshire Constabulary\",/s//\"name\": \"Derbyshire Constabulary\", \"name\": \"X\",/" data/forces.json
