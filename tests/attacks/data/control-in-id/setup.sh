sed -i "0,/\"id\": \"derbyshire\"/s//\"id\": \"derby\\\\u001b[31mshire\"/" data/forces.json
