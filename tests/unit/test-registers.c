// SPDX-License-Identifier: GPL-2.0-or-later
/* test-registers.c: registers_parse() on real register, fault and opcode lines, and on lines
 * that only look like them. */
#include <string.h>

#include "report/registers.h"
#include "unit.h"

#define MAX_EXPECTED 4

struct expected {
	const char *name;
	uint64_t value;
	bool is_address;
};

/* Messages (prefix already stripped) from the qemu console logs of Debian 6.1.0-56-cloud-amd64
 * (tests/oopses) and from /work/shared/FORMATS.md (syzbot, abrt, arm64 6.12 and 5.11). */
static const struct {
	const char *msg;
	size_t n;
	struct expected v[MAX_EXPECTED];
} cases[] = {
	{ "RDX: 0000000000000000 RSI: ffffffffc04d20df RDI: 0000000000000000", 3,
	  { { "RDX", 0, false }, { "RSI", 0xffffffffc04d20df, false }, { "RDI", 0, false } } },
	{ "R10: 0000000000000003 R11: ffffffff8f0d2328 R12: 000000000dbc38f0", 3,
	  { { "R10", 3, false }, { "R11", 0xffffffff8f0d2328, false },
	    { "R12", 0xdbc38f0, false } } },
	{ "CR2: ffffffffc04d0fe2 CR3: 00000000027b2000 CR4: 0000000000751eb0", 1,
	  { { "CR2", 0xffffffffc04d0fe2, true } } },
	{ "CR2: 0000000000000010", 1, { { "CR2", 0x10, true } } },
	{ "Code: Unable to access opcode bytes at 0xffffffffc04d0fe2.", 1,
	  { { "opcodes", 0xffffffffc04d0fe2, true } } },
	{ "Code: Unable to access opcode bytes at RIP 0xffffffffffffffe4.", 1,
	  { { "opcodes", 0xffffffffffffffe4, true } } },
	{ "BUG: kernel NULL pointer dereference, address: 0000000000000010", 1,
	  { { "address", 0x10, true } } },
	{ "BUG: unable to handle page fault for address: ffffde202758ca0b", 1,
	  { { "address", 0xffffde202758ca0b, true } } },
	{ "Unable to handle kernel paging request at virtual address efff800000000137", 1,
	  { { "address", 0xefff800000000137, true } } },
	{ "Unable to handle kernel paging request at virtual address fee00001", 1,
	  { { "address", 0xfee00001, true } } },
	{ "Unable to handle kernel access to user memory without uaccess routines at virtual "
	  "address 000000000cc6b0d0", 1, { { "address", 0xcc6b0d0, true } } },
	/* i386 */
	{ "  EAX: 00000000 EBX: ed07ff02 ECX: 00000000 EDX: ffffffff", 4,
	  { { "EAX", 0, false }, { "EBX", 0xed07ff02, false }, { "ECX", 0, false },
	    { "EDX", 0xffffffff, false } } },
	{ "  ESI: ed232038 EDI: 00000000 EBP: eee06a00 ESP: ed901f54", 3,
	  { { "ESI", 0xed232038, false }, { "EDI", 0, false }, { "EBP", 0xeee06a00, false } } },
	/* arm64: three per line (6.12), "x1 : " with a space (5.11) */
	{ "x29: ffff80008c597660 x28: 00000000000000e0 x27: 0000000000000004", 3,
	  { { "x29", 0xffff80008c597660, false }, { "x28", 0xe0, false }, { "x27", 4, false } } },
	{ "x1 : ffffff93fef15788 x0 : ffffffe3622352e0", 2,
	  { { "x1", 0xffffff93fef15788, false }, { "x0", 0xffffffe3622352e0, false } } },
	/* no value that may be an address: the stack, segments, flags, user space */
	{ "RSP: 0018:ff5c43f9405c3df8 EFLAGS: 00000202", 0, { { 0 } } },
	{ "FS:  0000000030a373c0(0000) GS:ff4688287ea00000(0000) knlGS:0000000000000000", 0, { { 0 } } },
	{ "CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033", 0, { { 0 } } },
	{ "sp : ffff80008c597650", 0, { { 0 } } },
	{ "pc : __hwasan_check_x0_67043363+0x4/0x30", 0, { { 0 } } },
	{ "RIP: 0010:deref_victim.constprop.0+0x5/0xd [oopsmod]", 0, { { 0 } } },
	/* look-alikes: the wrong width, a word glued on, text about registers */
	{ "RSI: ffffffffc04d20d RDI: ffffffffc04d20dff", 0, { { 0 } } },
	{ "RSI: ffffffffc04d20dfx", 0, { { 0 } } },
	{ "XRSI: ffffffffc04d20df", 0, { { 0 } } },
	{ "Code: 48 8b 3d 26 23 00 00 48 85 ff 74 05 e8 b4 da de c6 31 c0", 0, { { 0 } } },
	{ "Code: Unable to access opcode bytes at 0x.", 0, { { 0 } } },
	{ "", 0, { { 0 } } },
	{ "RAX:", 0, { { 0 } } },
	/* more pairs than a line holds: the first VALUES_PER_LINE_MAX */
	{ "RAX: 0000000000000001 RAX: 0000000000000002 RAX: 0000000000000003 RAX: 0000000000000004 "
	  "RAX: 0000000000000005 RAX: 0000000000000006 RAX: 0000000000000007 RAX: 0000000000000008 "
	  "RAX: 0000000000000009", VALUES_PER_LINE_MAX, { { "RAX", 1, false } } },
};

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct value out[VALUES_PER_LINE_MAX];
		size_t n = registers_parse(cases[i].msg, &(struct registers_state){ 0 }, out);
		CHECK_INT_EQ(n, cases[i].n, "case %zu \"%s\": count", i, cases[i].msg);
		for (size_t j = 0; j < n && j < cases[i].n && j < MAX_EXPECTED; j++) {
			const struct expected *e = &cases[i].v[j];
			if (e->name == NULL)
				break;
			CHECK_STR_EQ(out[j].name, e->name, "case %zu value %zu", i, j);
			CHECK_INT_EQ(out[j].f.address, e->value, "case %zu value %zu", i, j);
			CHECK_INT_EQ(out[j].is_address, e->is_address, "case %zu value %zu", i, j);
			CHECK(out[j].f.has_address && out[j].f.role == FRAME_ROLE_IP,
			      "case %zu value %zu: not a bare address to look up", i, j);
		}
	}
	/* a line ending in blanks, as every x86 "PGD 0 P4D 0 " line does, then the
	 * leftovers of a longer earlier line behind its NUL: nothing may be read there */
	static const char leftover[] = "PGD 0 P4D 0 \0 RSI: ffffffffc04d20df";
	struct value out[VALUES_PER_LINE_MAX];
	CHECK_INT_EQ(registers_parse(leftover, &(struct registers_state){ 0 }, out), 0,
		     "a line ending in a blank");
	CHECK_INT_EQ(registers_parse("RSI: ffffffffc04d20df \0 RDI: ffffffffc04d20df",
				     &(struct registers_state){ 0 }, out), 1,
		     "a register line ending in a blank");
	printf("test-registers: %zu lines\n", ARRAY_SIZE(cases));
	return unit_exit();
}
