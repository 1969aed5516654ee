#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# --format=html: one page for many real logs (tests/oopses), checked as a browser sees it:
# Debian's chromium, headless, renders it (its DOM dumped, a screenshot taken), and the
# DOM must hold the groups, their counts and a decoded frame; tidy must find no error in
# it. Skipped when chromium or tidy is missing (.ci/run installs both).

. "${srcdir:-.}/tests/lib.sh"
for tool in chromium tidy; do
	command -v "$tool" >/dev/null || { echo "$test_name: no $tool: skipped"; exit 77; }
done
make_tmpdir
cd "$srcdir/tests/oopses" || exit 99
page=$tmp/page.html

# the same log twice: every group counts 2 reports; a log of another build: in red
"$KDECODE" -f html --root=root -m modules/plain \
	--source-url='https://elixir.bootlin.com/linux/v%{version}/source/%{file}#L%{line}' \
	debian-6.1-oopsmod.log debian-6.1-oopsmod.log debian-6.1-report-kinds.log \
	>"$page" 2>/dev/null
status=$?
[ "$status" = 6 ] || fail "exit status $status, want 6 (report-kinds is not this module's build)"

# valid HTML: tidy's exit status 2 is an error, 1 a warning
tidy -q -e "$page" >"$tmp/tidy" 2>&1
tidy_status=$?
[ "$tidy_status" = 0 ] || fail "tidy ($tidy_status): $(head -n5 "$tmp/tidy")"
# self-contained: nothing fetched, no script
grep -Eiq '<script|<link|src=|@import|url\(' "$page" && fail "the page loads or runs something"

export HOME=$tmp	# chromium's profile
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions)
timeout 120 "${chrome[@]}" --dump-dom "file://$page" >"$tmp/dom.html" 2>"$tmp/chromium.err" ||
	fail "chromium --dump-dom: $(tail -n3 "$tmp/chromium.err")"
timeout 120 "${chrome[@]}" --window-size=1280,900 --screenshot="$tmp/shot.png" "file://$page" \
	>/dev/null 2>>"$tmp/chromium.err" || fail "chromium --screenshot: $(tail -n3 "$tmp/chromium.err")"
[ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	fail "the screenshot is no PNG"

# has REGEX WHAT - the DOM chromium built holds REGEX
has()
{
	grep -Eq -- "$1" "$tmp/dom.html" || fail "DOM: $2 (no '$1')"
}
has '<h1>[0-9]+ reports, [0-9]+ distinct, in 3 inputs</h1>' "the heading"
has '<td class="n">2</td><td><a href="#g1">BUG: unable to handle kernel NULL pointer dereference in deref_victim</a>' \
	"the first group, twice"
has '<h2>2 × BUG: unable to handle kernel NULL pointer dereference in deref_victim' \
	"its section"
has '=&gt; <span class="fn">trigger_write</span> at <span class="loc">/tmp/kd/plain/oopsmod.c:103:3</span>' \
	"a decoded frame"
has '<mark>\[ *[0-9.]+\] RIP: 0010:deref_victim.constprop.0\+0x5/0x10 \[oopsmod\]</mark>' \
	"the guilty frame marked"
has '<section id="g[0-9]+" class="bad">' "a group decoded with the wrong build, in red"
has 'the debug files do not match' "its report says so"
[ "$(grep -c '<details>' "$tmp/dom.html")" = "$(grep -c '<details>' "$page")" ] ||
	fail "DOM: not every report's <details>"
[ "$(grep -c '<details>' "$page")" -ge 15 ] || fail "fewer than 15 reports on the page"
# a source place of the kernel tree links to the source browser; a module's path does not
grep -q 'href="https://elixir.bootlin.com/linux/v6.1.192/source/' "$page" ||
	grep -q '/tmp/kd/plain/oopsmod.c' "$page" || fail "no source place at all"

# html goes with one process
"$KDECODE" -f html -j 2 debian-6.1-oopsmod.log >/dev/null 2>&1
[ $? = 2 ] || fail "-f html -j 2: not a usage error"
"$KDECODE" --source-url=x debian-6.1-oopsmod.log >/dev/null 2>&1
[ $? = 2 ] || fail "--source-url without html: not a usage error"
finish
