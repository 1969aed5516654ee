// SPDX-License-Identifier: GPL-2.0-or-later
/* registers.c: register lines ("RSI: ffffffffc02060df RDI: ..."), CR2 and the fault and
 * opcode addresses of a report -> struct value, the numbers that may be addresses. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/registers.h"
#include "shared/util.h"

/* lines that print one address after a fixed text */
static const struct {
	const char *text;
	const char *name;
} address_lines[] = {
	/* x86 since 5.10: the RIP - 42 the "Code:" bytes would start at */
	{ "Code: Unable to access opcode bytes at 0x", "opcodes" },
	{ "Code: Unable to access opcode bytes at RIP 0x", "opcodes" },
	{ "BUG: unable to handle page fault for address: ", "address" },
	{ "BUG: kernel NULL pointer dereference, address: ", "address" },
	{ "BUG: unable to handle kernel paging request at ", "address" },
	{ "BUG: unable to handle kernel NULL pointer dereference at ", "address" },
	{ "Unable to handle kernel paging request at virtual address ", "address" },
	{ "Unable to handle kernel NULL pointer dereference at virtual address ", "address" },
	{ "Unable to handle kernel access to user memory without uaccess routines at virtual address ",
	  "address" },
};

/* registers whose contents may point into the kernel: not RSP/ESP (the stack), not the
 * segment bases, control registers other than CR2, or EFLAGS */
static const struct {
	const char *name;
	bool is_address;
} registers[] = {
	/* x86_64: "RDX: 0000000000000000 RSI: ffffffffc02060df RDI: 0000000000000000" */
	{ "RAX", false }, { "RBX", false }, { "RCX", false }, { "RDX", false },
	{ "RSI", false }, { "RDI", false }, { "RBP", false }, { "R08", false },
	{ "R09", false }, { "R10", false }, { "R11", false }, { "R12", false },
	{ "R13", false }, { "R14", false }, { "R15", false },
	/* i386: "EAX: 00000000 EBX: f4f8ed00 ECX: c1802a14 EDX: 00000000" */
	{ "EAX", false }, { "EBX", false }, { "ECX", false }, { "EDX", false },
	{ "ESI", false }, { "EDI", false }, { "EBP", false },
	/* "CR2: ffffffffc0204fe2 CR3: 0000000002820000 CR4: 0000000000751eb0": the fault */
	{ "CR2", true },
	/* arm64: "x29: ffff800080c9bb10 x28: ffff0000c1e33b00", "x1 : ffff8000081e6b48" */
	{ "x0", false },  { "x1", false },  { "x2", false },  { "x3", false },
	{ "x4", false },  { "x5", false },  { "x6", false },  { "x7", false },
	{ "x8", false },  { "x9", false },  { "x10", false }, { "x11", false },
	{ "x12", false }, { "x13", false }, { "x14", false }, { "x15", false },
	{ "x16", false }, { "x17", false }, { "x18", false }, { "x19", false },
	{ "x20", false }, { "x21", false }, { "x22", false }, { "x23", false },
	{ "x24", false }, { "x25", false }, { "x26", false }, { "x27", false },
	{ "x28", false }, { "x29", false },
};

/* a 32- or 64-bit value as the kernel prints it: 8 or 16 hex digits, then a word end */
static size_t read_hex(const char *s, uint64_t *v)
{
	size_t n = isxdigit((unsigned char)s[0]) ? parse_hex(s, v) : 0;

	if ((n != 8 && n != 16) || (s[n] != '\0' && s[n] != ' ' && s[n] != '\n' && s[n] != '.'))
		return 0;
	return n;
}

static int find_register(const char *s, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(registers); i++)
		if (strlen(registers[i].name) == len && strncmp(s, registers[i].name, len) == 0)
			return (int)i;
	return -1;
}

static void set_value(struct value *v, const char *name, bool is_address, uint64_t address)
{
	memset(v, 0, sizeof(*v));
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->is_address = is_address;
	v->f.role = FRAME_ROLE_IP;	/* a value is looked up where it points */
	v->f.is_reliable = true;
	v->f.address = address;
	v->f.has_address = true;
}

/* "NAME: HEX" pairs, "NAME : HEX" on arm64; anything else is stepped over a word at a time */
static size_t parse_pairs(const char *s, struct value *out)
{
	size_t n = 0;

	while (n < VALUES_PER_LINE_MAX) {
		s += strspn(s, " \t");
		if (*s == '\0')
			break;	/* "PGD 0 P4D 0 ": a line may end in blanks */
		size_t len = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		const char *p = s + len;
		if (*p == ' ' && p[1] == ':')
			p++;
		int reg = len > 0 && *p == ':' ? find_register(s, len) : -1;
		const char *digits = reg >= 0 ? p + 1 + strspn(p + 1, " ") : p;
		uint64_t v;
		size_t hex = reg >= 0 ? read_hex(digits, &v) : 0;
		if (hex > 0) {
			set_value(&out[n++], registers[reg].name, registers[reg].is_address, v);
			s = digits + hex;
			continue;
		}
		s += len > 0 ? len : 1;
		s += strcspn(s, " \t");
	}
	return n;
}

size_t registers_parse(const char *msg, struct value *out)
{
	const char *s = msg + strspn(msg, " \t");

	for (size_t i = 0; i < ARRAY_SIZE(address_lines); i++) {
		size_t len = strlen(address_lines[i].text);
		uint64_t v;
		if (strncmp(s, address_lines[i].text, len) != 0 || read_hex(s + len, &v) == 0)
			continue;
		set_value(&out[0], address_lines[i].name, true, v);
		return 1;
	}
	return parse_pairs(s, out);
}

void value_release(struct value *v)
{
	if (v == NULL)
		return;
	frame_release(&v->f);
	free(v->string);
	free(v->variable);
	free(v->variable_type);
	free(v->variable_file);
}
