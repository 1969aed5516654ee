// SPDX-License-Identifier: GPL-2.0-or-later
/* registers.c: register lines ("RSI: ffffffffc02060df RDI: ..."), CR2 and the fault and
 * opcode addresses of a report -> struct value, the numbers that may be addresses. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "report/registers.h"
#include "shared/firstbyte.h"
#include "shared/util.h"

/* a 32- or 64-bit value as the kernel prints it: 8 or 16 hex digits, then a word end */
static size_t read_hex(const char *s, uint64_t *v)
{
	size_t n = isxdigit((unsigned char)s[0]) ? parse_hex(s, v) : 0;

	if ((n != 8 && n != 16) || (s[n] != '\0' && s[n] != ' ' && s[n] != '\n' && s[n] != '.'))
		return 0;
	return n;
}

static const char *register_name(const void *table, size_t i)
{
	return ((const struct arch_register *)table)[i].name;
}

/* the register called s[0..len) in the tables of archs, first found; *is_shared when
 * another architecture has one of that name too ("CR2": x86_64 and i386) */
static const struct arch_register *find_register(const char *s, size_t len,
						 const struct arch_ops *const *archs,
						 size_t n_archs, enum arch *arch, bool *is_shared)
{
	/* each architecture's registers by their first byte: every "word:" of a report's
	 * lines is looked up in all of them */
	static struct firstbyte index[ARCH_COUNT];
	const struct arch_register *found = NULL;
	const uint16_t *cand;

	*is_shared = false;
	for (size_t a = 0; a < n_archs; a++) {
		struct firstbyte *x = &index[archs[a]->arch];
		firstbyte_build(x, archs[a]->registers, archs[a]->n_registers, register_name);
		for (size_t j = 0, n = firstbyte_candidates(x, s, &cand); j < n; j++) {
			const struct arch_register *r = &archs[a]->registers[cand[j]];
			/* s[0..len) has no NUL: a shorter name differs within it */
			if (strncmp(s, r->name, len) != 0 || r->name[len] != '\0')
				continue;
			if (found) {
				*is_shared = true;
				return found;
			}
			found = r;
			*arch = archs[a]->arch;
			break;
		}
	}
	return found;
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
static size_t parse_pairs(const char *s, const struct arch_ops *const *archs, size_t n_archs,
			  struct registers_state *st, struct value *out)
{
	size_t n = 0;

	while (n < VALUES_PER_LINE_MAX) {
		s += blank_span(s);
		if (*s == '\0')
			break;	/* "PGD 0 P4D 0 ": a line may end in blanks */
		size_t len = 0;
		while (is_ident_char(s[len]))
			len++;
		const char *p = s + len;
		if (*p == ' ' && p[1] == ':')
			p++;
		enum arch arch = ARCH_UNKNOWN;
		bool is_shared = false;
		const struct arch_register *reg = NULL;
		if (len > 0 && *p == ':')
			reg = find_register(s, len, archs, n_archs, &arch, &is_shared);
		const char *digits = reg ? p + 1 + strspn(p + 1, " ") : p;
		uint64_t v;
		size_t hex = reg ? read_hex(digits, &v) : 0;
		if (hex > 0) {
			set_value(&out[n++], reg->name, reg->is_address, v);
			if (!is_shared && st->seen == ARCH_UNKNOWN)
				st->seen = arch;
			s = digits + hex;
			continue;
		}
		s += len > 0 ? len : 1;
		s += strcspn(s, " \t");
	}
	return n;
}

/* the values of a block after its label, named by their place: "r8", "r9", ... */
static size_t block_values(const char *p, struct registers_state *st, struct value *out)
{
	const struct arch_register_block *b = st->block;
	size_t n = 0;

	for (;;) {
		p += blank_span(p);
		if (*p == '\0' || *p == '\n' || n == VALUES_PER_LINE_MAX || st->next >= b->count)
			break;
		uint64_t v;
		size_t hex = read_hex(p, &v);
		if (hex == 0)
			return 0;	/* not a line of registers after all */
		char name[VALUE_NAME_LEN];
		snprintf(name, sizeof(name), "%s%u", b->name_prefix, st->next++);
		set_value(&out[n++], name, false, v);
		p += hex;
	}
	return n;
}

/* "GPR08: c000000000b7a4f4 ...", "$ 8   : 00000000 ...", "Krnl GPRS: 0000000000000000 ..." */
static size_t parse_block(const char *s, const struct arch_register_block *b,
			  struct registers_state *st, struct value *out)
{
	size_t len = strlen(b->label), blanks = 0, digits = 0;
	const char *p = s + len;
	uint64_t first = 0;

	if (strncmp(s, b->label, len) != 0)
		return 0;
	if (b->index_width) {
		/* "%02d" or "%2d": the number fills index_width, blanks before it */
		while (blanks < b->index_width && p[blanks] == ' ')
			blanks++;
		while (blanks + digits < b->index_width &&
		       isdigit((unsigned char)p[blanks + digits]))
			digits++;
		if (digits == 0 || blanks + digits != b->index_width)
			return 0;
		parse_dec(p + blanks, &first);
		p += b->index_width;
		p += strspn(p, " ");
		if (*p++ != ':')
			return 0;
	}
	st->block = b;
	st->next = (unsigned int)first;
	size_t n = block_values(p, st, out);
	if (n == 0 || !b->continues || st->next >= b->count)
		st->block = NULL;
	return n;
}

/* a line that prints one address after a fixed text: "Unable to handle ... address " */
static bool parse_address_line(const char *s, const struct arch_ops *a, struct value *out)
{
	for (size_t i = 0; i < a->n_address_lines; i++) {
		const char *text = a->address_lines[i].text;
		uint64_t v;
		if (s[0] != text[0] || !startswith(s, text) || read_hex(s + strlen(text), &v) == 0)
			continue;
		set_value(&out[0], a->address_lines[i].name, true, v);
		return true;
	}
	return false;
}

size_t registers_parse(const char *msg, struct registers_state *st, struct value *out)
{
	const char *s = msg + blank_span(msg);
	const struct arch_ops *archs[ARCH_COUNT];
	size_t n_archs = arch_order(st->arch, archs), n;

	st->seen = ARCH_UNKNOWN;
	/* s390's "Krnl GPRS:" goes on with three lines of four and no label */
	if (st->block) {
		const struct arch_register_block *b = st->block;
		if ((n = block_values(s, st, out))) {
			if (st->next >= b->count)
				st->block = NULL;
			return n;
		}
		st->block = NULL;
	}
	for (size_t a = 0; a < n_archs; a++)
		if (parse_address_line(s, archs[a], out))
			return 1;	/* several architectures print the same ones */
	for (size_t a = 0; a < n_archs; a++) {
		for (size_t i = 0; i < archs[a]->n_blocks; i++) {
			if ((n = parse_block(s, &archs[a]->blocks[i], st, out))) {
				st->seen = archs[a]->arch;
				return n;
			}
		}
	}
	return parse_pairs(s, archs, n_archs, st, out);
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
