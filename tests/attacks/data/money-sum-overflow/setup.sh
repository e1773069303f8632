/usr/bin/python3 - <<PY
import json,re
s=open("data/budgets.json").read()
s=s.replace("9568875","92233720368547758",1).replace("2076400","92233720368547758",1)
open("data/budgets.json","w").write(s)
PY
