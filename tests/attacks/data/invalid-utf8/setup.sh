sed -i "0,/\"Derbyshire Constabulary\"/s//\"Derby\xff\xfeshire\"/" data/forces.json
