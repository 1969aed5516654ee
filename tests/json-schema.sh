#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The JSON contract (kdecode(1), json, Compatibility): every JSON document the test suite
# can produce is valid against schema/kdecode.schema.json: the expected outputs of
# tests/oopses, fresh runs over its logs, the other architectures' logs, the hostile inputs
# of tests/bad-input, an empty input, unreadable inputs, a cut report, mismatching debug
# files and -j 2. The schema must reject a document with an unknown key or another version,
# and its kinds and classes must be those of src/report/kinds.c. Validation needs python3's
# jsonschema (Debian's python3-jsonschema); without it the test skips.

. "${srcdir:-.}/tests/lib.sh"

schema=$srcdir/schema/kdecode.schema.json
oopses=$srcdir/tests/oopses
# Debian's python3-jsonschema is for /usr/bin/python3, which may not be the python3 on PATH
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null && "$p" -c 'import jsonschema' 2>/dev/null; then
		py=$p
		break
	fi
done
[ -n "$py" ] || { echo "$test_name: no python3 with jsonschema (python3-jsonschema): skipped"; exit 77; }
[ -f "$schema" ] || { echo "$test_name: no $schema" >&2; exit 99; }
make_tmpdir
docs=$tmp/docs
empty=$tmp/empty-root
mkdir "$docs" "$empty" || exit 99

# run DIR NAME ARGS... - kdecode -f json ARGS, run in DIR, into $docs/NAME.json; any
# documented exit status but 2 (usage) and 4 (output), and a document on stdout
run()
{
	local dir=$1 name=$2 status=0
	shift 2
	(cd "$dir" && exec "$KDECODE" -f json "$@") >"$docs/$name.json" 2>"$tmp/err" || status=$?
	case $status in
	0 | 1 | 3 | 5 | 6) ;;
	*) fail "$name: exit status $status: $(head -3 "$tmp/err")" ;;
	esac
	[ -s "$docs/$name.json" ] || fail "$name: nothing on stdout: $(head -3 "$tmp/err")"
}

# the expected outputs, and the same logs decoded now, as tests/oopses.sh does
n_logs=0
for log in "$oopses"/*.log; do
	name=$(basename "$log" .log)
	cp "$oopses/$name.json" "$docs/expected-$name.json" || fail "$name: no expected JSON"
	args=()
	[ -f "$oopses/$name.args" ] && read -r -a args <"$oopses/$name.args"
	run "$oopses" "oopses-$name" --root=root ${args[@]+"${args[@]}"} "$name.log"
	n_logs=$((n_logs + 1))
done
[ "$n_logs" -gt 0 ] || fail "no tests/oopses/*.log found"

# other architectures, each with its module (tests/xarch-oopses.sh)
n_xarch=0
for log in "$oopses"/xarch/*.log; do
	name=$(basename "$log" .log)
	run "$tmp" "xarch-$name" --root="$empty" -m "$oopses/xarch/modules/${name%-panic}" "$log"
	n_xarch=$((n_xarch + 1))
done
[ "$n_xarch" -gt 0 ] || fail "no tests/oopses/xarch/*.log found"

# hostile inputs (tests/bad-input.sh), an empty one, and inputs that cannot be read
for in in "$srcdir"/tests/bad-input/*.in; do
	run "$tmp" "bad-input-$(basename "$in" .in)" --root="$empty" "$in"
done
run "$tmp" empty-stdin --root="$empty" - </dev/null
head -c 65536 "$KDECODE" >"$tmp/binary"
run "$tmp" unreadable --root="$empty" "$tmp/no-such.log" "$empty" "$tmp/binary"

# a report cut at 4000 lines: "corrupted" (tests/limits.sh)
{
	echo "BUG: kernel NULL pointer dereference, address: 0000000000000010"
	echo "CPU: 0 PID: 1 Comm: sh Not tainted 6.1.0-56-cloud-amd64 #1"
	echo "Call Trace:"
	awk 'BEGIN { for (i = 0; i < 4100; i++) print " foo+0x1/0x2" }'
} >"$tmp/cut.log"
run "$tmp" corrupted --root="$empty" "$tmp/cut.log"

# debug files of another build: mismatches and suspect frames (tests/verify.sh); every log
# at once, in two processes: the workers' reports joined into one document
run "$oopses" mismatches --root=root -m modules/kinds debian-6.1-oopsmod.log
run "$oopses" jobs --root=root -m modules/plain -j 2 "$oopses"/*.log
# -S: locations with "source", found or null; frames given as arguments
run "$oopses" sources --root=root -m xarch/modules/arm64 -S xarch xarch/arm64.log
run "$oopses" frames --root=root -m modules/plain 'trigger_write+0xb8/0x161 [oopsmod]'

n_docs=$(find "$docs" -name '*.json' | wc -l)

# validate every document; then what must be rejected, and the kinds of kinds.c
"$py" - "$schema" "$srcdir/src/report/kinds.c" "$docs"/*.json >"$tmp/check" 2>&1 <<'EOF'
import copy, json, re, sys

import jsonschema

schema_path, kinds_c, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(schema_path) as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

def problems(doc):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message[:300])
            for e in validator.iter_errors(doc)]

def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise ValueError("key %r twice in one object" % k)
    return dict(pairs)

checked = []
for path in docs:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, object_pairs_hook=no_duplicates)
    except ValueError as e:
        print("FAIL %s: not JSON: %s" % (path.rsplit("/", 1)[-1], e))
        continue
    errors = problems(doc)
    for e in errors[:5]:
        print("FAIL %s: %s" % (path.rsplit("/", 1)[-1], e))
    if not errors:
        checked.append(doc)

# the schema must be able to say no: take a valid document's report with a frame, spoil it
sample = next(((d, i) for d in checked for i, r in enumerate(d["reports"]) if r["frames"]),
              None)
if sample is None:
    print("FAIL no valid document with a frame to spoil")
else:
    def spoilt(what, change):
        doc = copy.deepcopy(sample[0])
        change(doc, doc["reports"][sample[1]])
        if not problems(doc):
            print("FAIL the schema accepts a document with %s" % what)
    spoilt("an unknown top-level key", lambda d, r: d.update(extra=1))
    spoilt('"version": 2', lambda d, r: d.update(version=2))
    spoilt("no inputs", lambda d, r: d.pop("inputs"))
    spoilt("an unknown key in a report", lambda d, r: r.update(extra=1))
    spoilt("an unknown kind", lambda d, r: r.update(kind="no-such-kind"))
    spoilt("an unknown key in a frame", lambda d, r: r["frames"][0].update(extra=1))
    spoilt("a frame without its symbol", lambda d, r: r["frames"][0].pop("symbol"))
    spoilt("an offset in decimal", lambda d, r: r["frames"][0].update(offset="16"))

# the kinds and classes of the table, and "unknown" (a "cut here" and nothing known after
# it): each row starts '{ "prefix", contains, "kind", "class",'
with open(kinds_c) as f:
    src = f.read()
start, end = src.find("struct report_kind kinds[]"), src.find("kind_names[]")
table = re.sub(r"/\*.*?\*/", "", src[start:end], flags=re.S) if 0 <= start < end else ""
rows = re.findall(r'\{\s*(?:"(?:[^"\\]|\\.)*"|NULL)\s*,\s*(?:"(?:[^"\\]|\\.)*"|NULL)\s*,'
                  r'\s*"([^"]*)"\s*,\s*"([^"]*)"', table)
# a row a line that starts with "{", and kind_backtrace's after "= {"
n_rows = len(re.findall(r"^\s*\{", table, flags=re.M)) + table.count("kind_backtrace = {")
if not rows or len(rows) != n_rows:
    print("FAIL %s: read %d of %d rows of its kinds table" % (kinds_c, len(rows), n_rows))
else:
    report = schema["$defs"]["report"]["properties"]
    for i, what in enumerate(("kind", "class")):
        want = {r[i] for r in rows} | {"unknown"}
        have = set(report[what]["enum"])
        if want != have:
            print("FAIL the schema's %s enum differs from src/report/kinds.c: missing %s, "
                  "extra %s" % (what, sorted(want - have), sorted(have - want)))
print("OK %d of %d documents valid" % (len(checked), len(docs)))
EOF
while IFS= read -r line; do
	case $line in
	"FAIL "*) fail "${line#FAIL }" ;;
	"OK "*) ok=${line#OK } ;;
	esac
done <"$tmp/check"
[ -n "${ok:-}" ] || { cat "$tmp/check" >&2; fail "the validator said nothing"; }

echo "$test_name: ${ok:-no document checked} ($n_logs logs of tests/oopses, decoded and" \
	"expected; $n_xarch of other architectures; $((n_docs - 2 * n_logs - n_xarch)) other runs)," \
	"$n_failed failed"
finish
