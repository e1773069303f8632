#!/usr/bin/env bash
# collab serve, over HTTP with curl (and Python for a 100 MB body), on a free port of 127.0.0.1:
# the checks on every request (Host, Origin, token, ids, size) refuse and the server keeps serving;
# a burst of concurrent requests is answered; the explorer's changes saved as a scenario give the
# same figures through `collab whatif`; editing a formula reloads and changes the figures, and
# breaking it shows the error at its file:line while the last good figures stay.
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3
command -v curl >/dev/null || { echo "serve.sh: curl is needed (Debian package curl)"; exit 1; }

root=$(tree serve)
cp -r "$src/plugins" "$root/"
"$collab" serve --root "$root" >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# wait_for WHAT COMMAND...: polls COMMAND (every 0.1 s, up to 300 s: a loaded machine under the
# sanitizers is slow) until it succeeds; fails the test if the server died or time ran out.
wait_for() {
  local what=$1
  shift
  local deadline=$((SECONDS + 300))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      printf 'FAIL %s: collab serve exited\nstderr:\n%s\n' "$what" "$(cat "$tmp/serve.err")"
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      printf 'FAIL %s: not after 300 s\nstderr:\n%s\n' "$what" "$(cat "$tmp/serve.err")"
      exit 1
    fi
    sleep 0.1
  done
}

wait_for "the address is printed" grep -q '^http://127.0.0.1:[0-9]*/?token=[0-9a-f]\{64\}$' "$tmp/serve.out"
url=$(head -n 1 "$tmp/serve.out")
base=${url%%/\?token=*}
token=${url##*token=}
port=${base##*:}

# http METHOD PATH [CURL ARGS...]: sets $code (the HTTP status) and $out (the body).
http() {
  local method=$1 path=$2
  shift 2
  code=$(curl -sS --path-as-is -o "$tmp/body" -w '%{http_code}' -X "$method" "$@" "$base$path" 2>"$tmp/curl.err")
  out="$(cat "$tmp/body" 2>/dev/null)$(cat "$tmp/curl.err")"
}
auth=(-H "X-Collab-Token: $token")
json=(-H "Content-Type: application/json")

# The page and its files need no token; everything else does.
http GET /
check page 200 '<script src="explorer.js"></script>'
http GET /explorer.js
check script 200 "'use strict';"
http GET /api/status
check status-no-token 401 "the token is missing or wrong"
http GET /api/status -H "X-Collab-Token: 0000"
check status-wrong-token 401 "the token is missing or wrong"
http GET /api/status "${auth[@]}"
check status 200 '"loaded":true'
http GET "/api/model?token=$token"
check model-token-in-query 200 '"default_year":"'
http GET /api/model "${auth[@]}"
check model-forces 200 '"id":"lincolnshire"'
check model-formulae 200 '"id":"grant_share"'

# DNS rebinding: a Host that is not this server's is refused, even with the token.
http GET /api/model "${auth[@]}" -H "Host: evil.example:$port"
check foreign-host 421 "this server answers only to Host 127.0.0.1:$port or localhost:$port"
http GET /api/model "${auth[@]}" -H "Host: localhost:$port"
check localhost-host 200 '"forces"'

# CSRF: a change from another origin is refused, with or without the token.
join='{"year": "2017/18", "steps": [{"rule": "join", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld"}}]}'
http POST /api/compute "${auth[@]}" "${json[@]}" -H "Origin: http://evil.example" --data-binary "$join"
check foreign-origin 403 "a foreign Origin was given"
http POST /api/compute "${auth[@]}" "${json[@]}" -H "Origin: null" --data-binary "$join"
check null-origin 403 "a foreign Origin was given"
http POST /api/compute "${json[@]}" -H "Origin: $base" --data-binary "$join"
check compute-no-token 401 "the token is missing or wrong"
http POST /api/save "${json[@]}" --data-binary '{"year": "2017/18", "id": "no-token"}'
check save-no-token 401 "the token is missing or wrong"
[ ! -e "$root/data/scenarios/no-token.json" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL save-no-token wrote a file"; }
http POST /api/compute "${auth[@]}" "${json[@]}" -H "Origin: $base" --data-binary "$join"
check compute-same-origin 200 '"id":"forces-2017-18"'
check compute-lincs 200 '"force":"Lincs"'

# No path outside the root: report and scenario ids are ids, the assets are compiled in.
http GET "/report/../../etc/passwd" "${auth[@]}"
check report-traversal 400 "not a report id"
check_absent report-traversal-content "root:x:0:0"
http GET "/report/..%2F..%2Fetc%2Fpasswd" "${auth[@]}"
check report-traversal-encoded 400 "not a report id"
http GET "/../../etc/passwd" "${auth[@]}"
check asset-traversal 404 '"error"'
check_absent asset-traversal-content "root:x:0:0"
http POST /api/save "${auth[@]}" "${json[@]}" --data-binary '{"year": "2017/18", "id": "../../etc/passwd"}'
check save-traversal 400 "'id' must be 1 to 64 of a-z"
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary '{"year": "2017/18", "baseline": "../../etc/passwd"}'
check baseline-traversal 400 "'baseline' must be"
http GET "/report/contributions?year=2016/17" "${auth[@]}"
check report-html 200 '<table'
check report-html-figure 200 'Learning and Development'
http GET "/report/contributions?year=2016/17&token=$token"
check report-html-token-in-query 200 '<table'

# A bad step is refused with what was wrong, and the server goes on.
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary '{"year": "2017/18", "steps": [{"rule": "join", "from": "2017/18", "params": {"force": "gotham", "unit": "emchrs-ld"}}]}'
check bad-force 400 "gotham"
check bad-force-step 400 "\"step\":1"
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary '{"year": "2017/18", "steps": [{"rule": "no_such_rule", "from": "2017/18"}]}'
check bad-rule 400 "no_such_rule"
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary 'not json'
check bad-json 400 "the request body must be a JSON object"

# An oversized body on a raw socket, sent until the server answers (it should at once, unread):
# big_body length (a 100 MB Content-Length) or big_body chunked (4 MB in 1 MB chunks); prints the
# status line and how much was sent.
big_body() {
  "$python" - "$port" "$token" "$1" 2>&1 <<'EOF'
import select, socket, sys
port, token, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
size = 100 * 1024 * 1024 if mode == "length" else 4 * 1024 * 1024
framing = f"Content-Length: {size}" if mode == "length" else "Transfer-Encoding: chunked"
s = socket.create_connection(("127.0.0.1", port), timeout=120)
s.sendall((f"POST /api/compute HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Collab-Token: {token}\r\n"
           f"Content-Type: application/json\r\n{framing}\r\n\r\n").encode())
chunk = b" " * (1 << 20)
if mode == "chunked":
    chunk = b"100000\r\n" + chunk + b"\r\n"
sent, answer = 0, b""
while sent < size:
    if select.select([s], [], [], 0)[0]:
        break
    try:
        s.sendall(chunk)
    except OSError:
        break
    sent += 1 << 20
if mode == "chunked" and sent == size:
    try:
        s.sendall(b"0\r\n\r\n")
    except OSError:
        pass
try:
    while b"\r\n\r\n" not in answer:
        data = s.recv(65536)
        if not data:
            break
        answer += data
except OSError as e:
    print("recv:", e)
print(answer.split(b"\r\n")[0].decode(errors="replace"), f"after {sent // (1 << 20)} MB sent")
EOF
}
# A 100 MB body is refused (413) before it is read, and the server still answers.
out=$(big_body length)
code=0
check huge-body 0 "HTTP/1.1 413"
http GET /api/status "${auth[@]}"
check still-serving 200 '"loaded":true'
# A chunked body (its size unknown until read) is refused unread, 411, whatever its size.
out=$(big_body chunked)
code=0
check chunked-body 0 "HTTP/1.1 411"
http GET /api/status "${auth[@]}"
check still-serving-after-chunked 200 '"loaded":true'

# A burst of concurrent requests, computations and status alike, is answered in full.
burst=()
for i in $(seq 1 12); do
  if [ $((i % 3)) = 0 ]; then
    curl -sS -o /dev/null -w '%{http_code}\n' "${auth[@]}" "$base/api/status" >"$tmp/burst.$i" 2>&1 &
  else
    curl -sS -o /dev/null -w '%{http_code}\n' "${auth[@]}" "${json[@]}" --data-binary "$join" "$base/api/compute" >"$tmp/burst.$i" 2>&1 &
  fi
  burst+=($!)
done
for p in "${burst[@]}"; do wait "$p"; done
code=0
out="$(cat "$tmp"/burst.* | sort | uniq -c)"
check burst 0 "12 200"

# figures FILE: the forces table of 2017/18 in a whatif JSON document (or an API answer holding
# one): "force reference changed" per line.
figures() {
  "$python" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d = d.get("document", d)
t = next(b for b in d["blocks"] if b.get("type") == "table" and b.get("id") == "forces-2017-18")
for r in t["rows"]:
    print(r["force"], r["reference"], r["s1"])' "$1"
}

# Save as scenario: the very changes computed, written to data/scenarios/<id>.json, which
# `collab whatif` runs to the same figures; an existing file is replaced only when asked.
two='{"year": "2017/18", "baseline": "data", "steps": [{"rule": "join", "from": "2017/18", "params": {"force": "lincolnshire", "unit": "emchrs-ld"}}, {"rule": "grant_change", "from": "2016/17", "params": {"forces": "derbyshire", "by": "-5%", "once": true}}]'
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary "$two}"
check compute-two 200 '\"rule\": \"grant_change\"'
cp "$tmp/body" "$tmp/api.json"
http POST /api/save "${auth[@]}" "${json[@]}" -H "Origin: $base" --data-binary "$two, \"id\": \"explorer-saved\", \"title\": \"Lincs joins L&D, Derbys grant -5%\"}"
check save 201 '"file":"data/scenarios/explorer-saved.json"'
http POST /api/save "${auth[@]}" "${json[@]}" --data-binary "$two, \"id\": \"explorer-saved\"}"
check save-exists 409 '"exists":true'
check save-exists-title 409 "send \\\"overwrite\\\": true to replace it"
grep -q 'Lincs joins L&D, Derbys grant -5%' "$root/data/scenarios/explorer-saved.json" && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL save-exists: the file was replaced"; }
http POST /api/save "${auth[@]}" "${json[@]}" --data-binary "$two, \"id\": \"explorer-saved\", \"title\": \"Replaced\", \"overwrite\": true}"
check save-overwrite 201 '"overwritten":true'
expect saved-loads 0 "" -- check --quiet --root "$root"
"$collab" whatif explorer-saved --year 2017/18 --format json --root "$root" >"$tmp/cli.json" 2>"$tmp/cli.err"
code=$?
out=$(cat "$tmp/cli.err")
check saved-whatif 0 ""
figures "$tmp/api.json" >"$tmp/api.figures"
figures "$tmp/cli.json" >"$tmp/cli.figures"
code=0
out=$(diff "$tmp/api.figures" "$tmp/cli.figures" && echo same)
check saved-same-figures 0 same
out=$(cat "$tmp/api.figures")
check saved-figures-moved 0 "Total"
check_absent saved-figures-not-flat "Lincs 0 0"

# Watch mode: an edit of a formula reloads and moves the figures; a broken script shows its
# error at file:line and the last good figures stay.
version() { "$python" -c 'import json,sys; print(json.load(sys.stdin)["version"])' <<<"$(curl -sS "${auth[@]}" "$base/api/status")"; }
saved_loaded() { curl -sS "${auth[@]}" "$base/api/model" | grep -q '"scenarios":.*"explorer-saved"'; }
wait_for "the saved file is loaded" saved_loaded
before=$(version)
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary "$join"
figures "$tmp/body" >"$tmp/first.figures"
sed -i 's/shares_of(grant, total, 0\.1)/shares_of(grant, total, 5)/' \
  "$root/scripts/formulae/grant_share.lua"
grep -q 'grant, total, 5)' "$root/scripts/formulae/grant_share.lua" || { echo "FAIL the formula edit did not apply"; exit 1; }
newer() { [ "$(version)" -gt "$before" ]; }
wait_for "the edited formula is loaded" newer
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary "$join"
check edited-compute 200 '"id":"forces-2017-18"'
figures "$tmp/body" >"$tmp/edited.figures"
code=0
out=$(diff -q "$tmp/first.figures" "$tmp/edited.figures" >/dev/null && echo same || echo moved)
check edit-moves-figures 0 moved
good=$(version)
printf '\nlocal broken = (\n' >>"$root/scripts/formulae/grant_share.lua"
broken_line=$(wc -l <"$root/scripts/formulae/grant_share.lua")
has_errors() { curl -sS "${auth[@]}" "$base/api/status" | grep -q '"errors":\[{'; }
wait_for "the broken formula is reported" has_errors
http GET /api/status "${auth[@]}"
check broken-error 200 "scripts/formulae/grant_share.lua:$broken_line"
check broken-keeps-version 200 "\"version\":$good"
http POST /api/compute "${auth[@]}" "${json[@]}" --data-binary "$join"
figures "$tmp/body" >"$tmp/broken.figures"
code=0
out=$(diff "$tmp/edited.figures" "$tmp/broken.figures" && echo same)
check broken-keeps-figures 0 same

# SIGTERM stops it, exit 0.
kill -TERM "$pid"
wait "$pid"
code=$?
out=$(cat "$tmp/serve.err")
check stops 0 "collab serve: stopped"
check_absent no-token-logged "$token"
finish
