/usr/bin/python3 -c "open(\"data/budgets.json\",\"w\").write(\"[\"*100000+\"]\"*100000)"
