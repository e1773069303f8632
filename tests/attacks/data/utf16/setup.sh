/usr/bin/python3 -c "import io;s=open(\"data/budgets.json\",encoding=\"utf-8\").read();open(\"data/budgets.json\",\"w\",encoding=\"utf-16\").write(s)"
