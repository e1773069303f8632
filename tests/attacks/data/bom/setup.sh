printf "\xef\xbb\xbf" | cat - data/forces.json > x && mv x data/forces.json
