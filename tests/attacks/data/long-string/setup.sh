/usr/bin/python3 - <<PY
s=open("data/forces.json").read()
s=s.replace("\"Derbyshire Constabulary\"", "\"" + "x"*12000000 + "\"",1)
open("data/forces.json","w").write(s)
PY
