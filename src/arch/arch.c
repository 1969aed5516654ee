// SPDX-License-Identifier: GPL-2.0-or-later
/* arch.c: the list of architectures, the ELF machine of each, and the matcher of Code: lines. */
#include <ctype.h>
#include <string.h>

#include "arch/arch.h"
#include "shared/once.h"
#include "shared/util.h"

/* in the order a line's grammar is tried when the report's architecture is not known yet */
static const struct arch_ops *const all[] = {
	&arch_x86_64, &arch_i386, &arch_arm64, &arch_arm,
	&arch_powerpc, &arch_s390, &arch_riscv, &arch_mips,
};

const struct arch_ops *arch_get(enum arch arch)
{
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i]->arch == arch)
			return all[i];
	return NULL;
}

const char *arch_name(enum arch arch)
{
	const struct arch_ops *a = arch_get(arch);

	return a ? a->name : NULL;
}

enum arch arch_from_elf(unsigned int machine)
{
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		if (machine != 0 &&
		    (all[i]->elf_machine == machine || all[i]->elf_machine_alt == machine))
			return all[i]->arch;
	return ARCH_UNKNOWN;
}

size_t arch_order(enum arch arch, const struct arch_ops *out[ARCH_COUNT])
{
	size_t n = 0;
	const struct arch_ops *first = arch_get(arch);

	if (first)
		out[n++] = first;
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i] != first)
			out[n++] = all[i];
	return n;
}

/* the first bytes of a set of prefixes: a line starting with none of them has none */
struct first_bytes {
	atomic_bool is_built;
	bool may[256];
};

static void first_bytes_add(struct first_bytes *fb, const char *prefix)
{
	if (prefix[0] == '\0')
		memset(fb->may, true, sizeof(fb->may));
	else
		fb->may[(unsigned char)prefix[0]] = true;
}

static void add_code_labels(void *arg)
{
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i]->code)
			first_bytes_add(arg, all[i]->code->label);
}

static void add_exact_headers(void *arg)
{
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		for (size_t j = 0; j < all[i]->n_exact_headers; j++)
			first_bytes_add(arg, all[i]->exact_headers[j]);
}

bool arch_is_code_line(const char *msg)
{
	static struct first_bytes labels;
	const char *s = msg + blank_span(msg);

	once(&labels.is_built, add_code_labels, &labels);
	if (!labels.may[(unsigned char)s[0]])
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i]->code && startswith(s, all[i]->code->label))
			return true;
	return false;
}

bool arch_is_exact_header(const char *msg)
{
	static struct first_bytes headers;
	const char *s = msg + blank_span(msg);

	once(&headers.is_built, add_exact_headers, &headers);
	if (!headers.may[(unsigned char)s[0]])
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		for (size_t j = 0; j < all[i]->n_exact_headers; j++)
			if (startswith(s, all[i]->exact_headers[j]))
				return true;
	return false;
}

bool arch_has_pc_first_in_trace(enum arch arch)
{
	const struct arch_ops *a = arch_get(arch);

	return a && a->has_pc_first_in_trace;
}

bool arch_is_patched(enum arch arch, const char *text)
{
	const struct arch_ops *a = arch_get(arch);
	size_t n = strcspn(text, " \t");

	for (size_t i = 0; a && i < a->n_patched; i++) {
		const char *p = a->patched[i];
		size_t len = strlen(p);
		bool is_prefix = len && p[len - 1] == '*';
		if (is_prefix ? n >= len - 1 && strncmp(text, p, len - 1) == 0
			      : n == len && strncmp(text, p, n) == 0)
			return true;
	}
	return false;
}

unsigned int arch_reloc_size(enum arch arch, unsigned int type)
{
	const struct arch_ops *a = arch_get(arch);

	for (size_t i = 0; a && i < a->n_relocs_64; i++)
		if (a->relocs_64[i] == type)
			return 8;
	return 4;
}

bool arch_code_follows_trace(enum arch arch)
{
	const struct arch_ops *a = arch_get(arch);

	return a && a->code && a->code->follows_trace;
}

bool arch_dump_word(const char *msg, uint64_t address, unsigned int word_size, uint64_t *value)
{
	const char *s = msg + blank_span(msg);
	uint64_t label;

	if (word_size == 0 || parse_hex(s, &label) != 4 || s[4] != ':')
		return false;
	uint64_t delta = (address - label) & 0xffff;
	if (delta >= 32 || delta % word_size)
		return false;
	/* "%04lx:" then " %0*lx" a word */
	size_t at = 5 + (size_t)(delta / word_size) * (2 * word_size + 1) + 1;
	if (strnlen(s, at + 2 * word_size) < at + 2 * word_size)
		return false;
	return parse_hex(s + at, value) == 2 * word_size;
}

static void put_hex_bytes(struct arch_code *c, const char *s, size_t digits)
{
	for (size_t i = 0; i < digits; i += 2) {
		uint64_t v = 0;
		char pair[3] = { s[i], s[i + 1], '\0' };
		parse_hex(pair, &v);
		c->bytes[c->n_bytes++] = (uint8_t)v;
	}
}

/* "48 8b 47 10 <0f> 0b", "d503201f d2800000 (b9402000)", "4b04 681b (6818) 4770": units of
 * one width, separated by blanks, the trapping one between fmt->open and fmt->close.
 * powerpc prints a word it could not read as "XXXXXXXX": the bytes before it are not
 * next to the pc's, and none after it are kept once the pc's was read. */
static bool parse_units(const struct arch_code_format *fmt, const char *s, struct arch_code *c)
{
	size_t units = 0;

	for (;; units++) {
		s += blank_span(s);
		if (*s == '\0' || *s == '\n')
			break;
		bool is_trap = *s == fmt->open;
		s += is_trap;
		size_t n = 0;
		bool is_unread = !is_trap && *s == 'X';
		while (is_unread ? s[n] == 'X' : isxdigit((unsigned char)s[n]))
			n++;
		unsigned int unit = (unsigned int)(n / 2);
		if (n == 0 || n % 2 || n > 16 || !(fmt->units & (1u << unit)) ||
		    (c->unit && c->unit != unit) || c->n_bytes + unit > ARCH_CODE_MAX)
			return false;
		if (is_trap ? s[n] != fmt->close || c->has_trap
			    : s[n] != '\0' && s[n] != ' ' && s[n] != '\t' && s[n] != '\n')
			return false;
		c->unit = unit;
		if (is_trap) {
			c->has_trap = true;
			c->trap_offset = c->n_bytes;
		}
		if (is_unread && !c->has_trap)
			c->n_bytes = 0;
		c->is_cut |= is_unread && c->has_trap;
		if (!is_unread && !c->is_cut)
			put_hex_bytes(c, s, n);
		s += n + is_trap;
	}
	return units > 0;
}

/* s390, one instruction a line: "#000003ff8086d034: a7f40001\t\tbrc\t15,..."; the last
 * line may stop after the address (the instruction ran past the bytes read) */
static bool parse_addressed(const char *s, struct arch_code *c)
{
	uint64_t addr;
	size_t n;

	s += blank_span(s);
	char mark = *s == '#' || *s == '>' ? *s++ : ' ';
	n = parse_hex(s, &addr);
	if ((n != 8 && n != 16) || s[n] != ':')
		return false;
	s += n + 1;
	s += strspn(s, " ");
	n = 0;
	while (isxdigit((unsigned char)s[n]))
		n++;
	if (n % 2 || n > 12 || c->n_bytes + n / 2 > ARCH_CODE_MAX ||
	    (s[n] != '\0' && s[n] != '\t' && s[n] != ' ' && s[n] != '\n'))
		return false;
	if (!c->has_address) {
		c->has_address = true;
		c->address = addr;
	}
	if (mark == '>') {
		c->has_trap = true;
		c->trap_offset = c->n_bytes;
	} else if (mark == '#') {
		c->has_before_trap = true;
		c->before_trap_offset = c->n_bytes;
	}
	c->unit = 1;
	put_hex_bytes(c, s, n);
	return true;
}

static bool parse_body(const struct arch_code_format *fmt, const char *s, struct arch_code *c)
{
	return fmt->is_addressed ? parse_addressed(s, c) : parse_units(fmt, s, c);
}

bool arch_code_parse(enum arch arch, const char *msg, struct arch_code *c)
{
	const struct arch_ops *order[ARCH_COUNT];
	size_t n = arch_order(arch, order);
	const char *s = msg + blank_span(msg);

	for (size_t i = 0; i < n; i++) {
		const struct arch_code_format *fmt = order[i]->code;
		if (fmt == NULL || !startswith(s, fmt->label))
			continue;
		const char *body = s + strlen(fmt->label);
		memset(c, 0, sizeof(*c));
		c->arch = order[i]->arch;
		/* powerpc's "Instruction dump:" has its words on the lines after it */
		bool is_header = fmt->continues && body[strspn(body, " \t\n")] == '\0';
		if (is_header || parse_body(fmt, body, c)) {
			c->is_open = fmt->continues;
			return true;
		}
	}
	memset(c, 0, sizeof(*c));
	return false;
}

bool arch_code_continue(const char *msg, struct arch_code *c)
{
	const struct arch_ops *a = arch_get(c->arch);
	struct arch_code saved = *c;

	if (!c->is_open || a == NULL || a->code == NULL)
		return false;
	if (parse_body(a->code, msg, c))
		return true;
	*c = saved;	/* a line that is half code: none of it */
	c->is_open = false;
	return false;
}

/* x86 show_opcodes() (3.x to 5.x, and since 5.10), arm and arm64 dump_instr() */
static const char *const unreadable[] = {
	"Unable to access opcode bytes at ",
	"Bad RIP value.",
	"bad PC value",
};

const char *arch_code_unreadable(const char *msg)
{
	const char *s = msg + blank_span(msg);

	if (!startswith(s, "Code: "))
		return NULL;
	s += strlen("Code: ");
	for (size_t i = 0; i < ARRAY_SIZE(unreadable); i++)
		if (startswith(s, unreadable[i]))
			return s;
	return NULL;
}

unsigned int arch_code_cs_mode(const struct arch_code *c)
{
	const struct arch_ops *a = arch_get(c->arch);

	if (a == NULL)
		return 0;
	return c->unit == 2 && a->cs_mode_half ? a->cs_mode_half : a->cs_mode;
}
