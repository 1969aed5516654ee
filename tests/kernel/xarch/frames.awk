# SPDX-License-Identifier: GPL-2.0-or-later
# The frame lines of a harness console log, each with what it must decode to, in the words of
# the kernel's printk formats of every architecture (not kdecode's grammar).
#
# Prints one line per line of LOG that names a "symbol+0xoff/0xsize":
#   LINE CASE KIND SYMBOL OFFSET MODULE
# CASE is the word of the last "=== kdecode-harness: case WORD ===" marker (or "boot"),
# MODULE "-" for vmlinux, and KIND one of
#   pc          the faulting or trapping address: RIP:, EIP:, pc :, NIP, PC is at, Krnl PSW
#   warn-at     "WARNING: CPU: 0 PID: 1 at file:line symbol+off/size": the trapping address
#   interrupt   powerpc's "--- interrupt: 300 at symbol+off/size": an interrupted pc
#   breaking    s390's "Last Breaking-Event-Address:" entry: the last branch taken
#   lr          lr :, LR, LR is at: the link register, a return address
#   trace-pc    a stack entry at the report's pc (arm64's and s390's first entries): exact
#   trace       a stack entry: a return address, the call is at address - 1
#   unreliable  "? sym" (x86), "([<...>] sym)" (s390), "sym (unreliable)" (powerpc): skipped
# Not frames: arm's "Register r1 information: ... allocated at load_module+0xa90/0x21c8",
# where a register's memory came from.

function sym_of(s)
{
	match(s, /[A-Za-z_.$][A-Za-z0-9_.$]*\+0x[0-9a-f]+\/0x[0-9a-f]+/)
	return substr(s, RSTART, RLENGTH)
}

BEGIN { kase = "boot"; pc = "" }

/^=== kdecode-harness: case [a-z]* ===$/ { kase = $4; pc = ""; next }
/^=== kdecode-harness: / { kase = "state"; next }

/Last Breaking-Event-Address:/ { breaking = NR + 1; next }

{
	tok = sym_of($0)
	if (tok == "" || / information: .* allocated at /)
		next
	body = $0
	sub(/^\[ *[0-9]+\.[0-9]+\] /, "", body)
	split(tok, p, /[+\/]/)
	mod = "-"
	if (match(body, /\+0x[0-9a-f]+\/0x[0-9a-f]+ \[[A-Za-z0-9_]+\]/)) {
		mod = substr(body, RSTART, RLENGTH)
		sub(/.*\[/, "", mod)
		sub(/\]/, "", mod)
	}
	if (NR == breaking)
		kind = "breaking"
	else if (body ~ /^ *\? / || body ~ /^\(\[</ || body ~ /\(unreliable\)/)
		kind = "unreliable"
	else if (body ~ /^(RIP: [0-9a-f]+:|EIP: |pc : |NIP |NIP: |PC is at |Krnl PSW )/) {
		kind = "pc"
		pc = tok
	} else if (body ~ /^WARNING: CPU: [0-9]+ PID: [0-9]+ at /) {
		kind = "warn-at"
		pc = tok
	} else if (body ~ /^--- interrupt: [0-9a-f]+ at /)
		kind = "interrupt"
	else if (body ~ /^(lr : |LR |LR: |LR is at )/)
		kind = "lr"
	else if (tok == pc)
		kind = "trace-pc"
	else
		kind = "trace"
	print NR, kase, kind, p[1], p[2], mod
}
