// SPDX-License-Identifier: GPL-2.0-or-later
/* disasm.c: a report's Code: bytes -> instructions with capstone, the trapping one marked. */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <capstone/capstone.h>

#include "disasm/disasm.h"
#include "report/report.h"
#include "shared/dlib.h"
#include "shared/hash.h"
#include "shared/util.h"

/* arch.h keeps capstone's numbers so that the tables need no capstone header */
_Static_assert(ARCH_CS_ARCH_ARM == (int)CS_ARCH_ARM && ARCH_CS_ARCH_ARM64 == (int)CS_ARCH_ARM64 &&
		       ARCH_CS_ARCH_MIPS == (int)CS_ARCH_MIPS && ARCH_CS_ARCH_X86 == (int)CS_ARCH_X86 &&
		       ARCH_CS_ARCH_PPC == (int)CS_ARCH_PPC && ARCH_CS_ARCH_SYSZ == (int)CS_ARCH_SYSZ,
	       "arch.h's ARCH_CS_ARCH_* are capstone's cs_arch");
_Static_assert(ARCH_CS_MODE_16 == CS_MODE_16 && ARCH_CS_MODE_32 == CS_MODE_32 &&
		       ARCH_CS_MODE_64 == CS_MODE_64 && ARCH_CS_MODE_THUMB == CS_MODE_THUMB &&
		       ARCH_CS_MODE_MICRO == CS_MODE_MICRO &&
		       ARCH_CS_MODE_BIG_ENDIAN == (unsigned int)CS_MODE_BIG_ENDIAN,
	       "arch.h's ARCH_CS_MODE_* are capstone's cs_mode");

/* capstone is opened on the first dump to disassemble, not linked: its ~99,000 relocations
 * cost every run 1.3 ms (--version included), dumps or not */
static __typeof__(&cs_open) sym_cs_open;
static __typeof__(&cs_strerror) sym_cs_strerror;
static __typeof__(&cs_option) sym_cs_option;
static __typeof__(&cs_malloc) sym_cs_malloc;
static __typeof__(&cs_disasm_iter) sym_cs_disasm_iter;
static __typeof__(&cs_free) sym_cs_free;
static __typeof__(&cs_close) sym_cs_close;

static const struct dlib_sym capstone_syms[] = {
	DLIB_SYM(cs_open), DLIB_SYM(cs_strerror), DLIB_SYM(cs_option), DLIB_SYM(cs_malloc),
	DLIB_SYM(cs_disasm_iter), DLIB_SYM(cs_free), DLIB_SYM(cs_close),
};

/* the soname of the header's version: libcapstone.so.4 on Debian 12, .5 after */
static struct dlib capstone = DLIB_INIT("libcapstone.so." STRINGIFY(CS_API_MAJOR),
					"libcapstone" STRINGIFY(CS_API_MAJOR), capstone_syms);

/* a decoder: capstone's handle, or none (riscv: instruction lengths only) */
struct decoder {
	const struct arch_code *c;
	uint64_t base;		/* the address of c->bytes[0], or 0 */
	csh handle;
	bool has_handle;
	cs_insn *ci;
};

/* RISC-V's length rule (the ISA manual's 1.5): a 16-bit parcel whose low two bits are
 * not 11 is a compressed instruction, else the first of a 32-bit one; the dump prints
 * parcels as numbers, so bytes[offset + 1] is the low byte */
static size_t riscv_length(const struct arch_code *c, size_t offset)
{
	if (offset + 2 > c->n_bytes)
		return 0;
	return (c->bytes[offset + 1] & 3) != 3 ? 2 : 4;
}

/* one instruction at offset, ending at or before limit: its size (0: none), text
 * into *text when it was disassembled */
static size_t decode_one(struct decoder *d, size_t offset, size_t limit, char **text)
{
	if (text)
		*text = NULL;
	if (!d->has_handle) {
		size_t n = d->c->arch == ARCH_RISCV ? riscv_length(d->c, offset) : 0;
		return offset + n <= limit ? n : 0;
	}
	const uint8_t *p = d->c->bytes + offset;
	size_t left = limit - offset;
	uint64_t address = d->base + offset;

	if (!sym_cs_disasm_iter(d->handle, &p, &left, &address, d->ci))
		return 0;
	if (text)
		*text = d->ci->op_str[0] ? xasprintf("%s %s", d->ci->mnemonic, d->ci->op_str)
					 : xstrdup(d->ci->mnemonic);
	return d->ci->size;
}

/* instructions decoded ahead: resync()'s, which decode_range() need not decode again */
struct decoded {
	struct decoded_insn {
		size_t offset, size;
		char *text;
	} *insns;
	size_t n, alloc;
};

static void decoded_clear(struct decoded *dd)
{
	for (size_t i = 0; i < dd->n; i++)
		free(dd->insns[i].text);
	dd->n = 0;
}

/* true when the instructions from start end exactly at end, none undecodable; they are
 * then in *dd */
static bool ends_at(struct decoder *d, size_t start, size_t end, struct decoded *dd)
{
	size_t at = start;

	decoded_clear(dd);
	while (at < end) {
		char *text;
		size_t n = decode_one(d, at, end, &text);
		if (n == 0)
			return false;
		ARRAY_GROW(dd->insns, dd->n, dd->alloc);
		dd->insns[dd->n++] = (struct decoded_insn){ at, n, text };
		at += n;
	}
	return at == end;
}

/* "48 c7 47 10" for byte units, "b9402000" or "4b04 681b" for words and halfwords, and
 * s390's "e31020180004" as its dump prints one instruction a line */
static char *hex_of(const struct arch_code *c, size_t offset, size_t size)
{
	static const char digits[] = "0123456789abcdef";
	const struct arch_ops *a = arch_get(c->arch);
	unsigned int unit = a && a->code && a->code->is_addressed ? 64 : c->unit ? c->unit : 1;
	char *hex = xmalloc(3 * size + 1), *p = hex;

	for (size_t i = 0; i < size; i++) {
		if (i && i % unit == 0)
			*p++ = ' ';
		*p++ = digits[c->bytes[offset + i] >> 4];
		*p++ = digits[c->bytes[offset + i] & 0xf];
	}
	*p = '\0';
	return hex;
}

static void push(struct disasm *dis, const struct arch_code *c, size_t offset, size_t size,
		 char *text)
{
	ARRAY_GROW(dis->insns, dis->n_insns, dis->insns_alloc);
	dis->insns[dis->n_insns++] = (struct insn){
		.offset = offset,
		.size = size,
		.hex = hex_of(c, offset, size),
		.text = text,
		.is_trapping = c->has_trap && offset == c->trap_offset,
		.where = { .role = FRAME_ROLE_IP, .is_reliable = true },
	};
}

/* [from, to) as instructions; bytes that are none (cut short, undecodable) become one
 * entry without text per run, as objdump's "(bad)" */
static void decode_range(struct decoder *d, struct disasm *dis, size_t from, size_t to)
{
	size_t bad = from, at = from;
	unsigned int unit = d->c->unit ? d->c->unit : 1;

	while (at < to) {
		char *text;
		size_t n = decode_one(d, at, to, &text);
		if (n == 0) {
			at = at + unit <= to ? at + unit : to;
			continue;
		}
		if (bad < at)
			push(dis, d->c, bad, at - bad, NULL);
		push(dis, d->c, at, n, text);
		at += n;
		bad = at;
	}
	if (bad < at)
		push(dis, d->c, bad, at - bad, NULL);
}

/* The bytes before the trapping unit may start inside an instruction (x86 prints the 42
 * bytes before the pc, thumb may start in a 32-bit one): decode from the first offset
 * at which instructions end exactly on the pc, as scripts/decodecode re-syncs */
static size_t resync(struct decoder *d, size_t trap, struct decoded *dd)
{
	unsigned int unit = d->c->unit ? d->c->unit : 1;

	for (size_t start = 0; start < trap; start += unit)
		if (ends_at(d, start, trap, dd))
			return start;
	decoded_clear(dd);
	return 0;	/* none fits: decode from the start, "(bad)" where it fails */
}

static const char *mode_name(int isa, unsigned int mode)
{
	switch (isa) {
	case CS_ARCH_X86:
		return mode & CS_MODE_64 ? "x86-64" : mode & CS_MODE_32 ? "x86-32" : "x86-16";
	case CS_ARCH_ARM:
		return mode & CS_MODE_THUMB ? "thumb" : "arm";
	case CS_ARCH_ARM64:
		return "arm64";
	case CS_ARCH_PPC:
		return mode & CS_MODE_64 ? "powerpc64" : "powerpc32";
	case CS_ARCH_SYSZ:
		return "s390x";
	case CS_ARCH_MIPS:
		return mode & CS_MODE_MICRO ? "micromips" : mode & CS_MODE_64 ? "mips64"
										      : "mips32";
	default:
		return "bytes";
	}
}

static bool open_decoder(struct decoder *d, struct disasm *dis, int isa, unsigned int mode)
{
	if (isa == ARCH_CS_ARCH_NONE) {
		dis->error = xasprintf("capstone 4.0.2 cannot disassemble %s: bytes only",
				       arch_name(d->c->arch) ? arch_name(d->c->arch) : "this");
		return d->c->arch == ARCH_RISCV;	/* its lengths are known */
	}
	const char *why;
	if (!dlib_load(&capstone, &why)) {
		dis->error = xstrdup(why);
		return false;
	}
	cs_err err = sym_cs_open((cs_arch)isa, (cs_mode)mode, &d->handle);
	if (err != CS_ERR_OK) {
		dis->error = xasprintf("capstone cannot disassemble %s: %s", dis->mode,
				       sym_cs_strerror(err));
		return false;
	}
	d->has_handle = true;
	/* objdump's syntax, which scripts/decodecode shows and kernel developers read */
	if (isa == CS_ARCH_X86)
		sym_cs_option(d->handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
	d->ci = sym_cs_malloc(d->handle);
	return true;
}

static struct disasm *decode(const struct arch_code *c, int isa, unsigned int mode,
			     uint64_t base)
{
	struct disasm *dis = xcalloc(1, sizeof(*dis));
	struct decoder d = { .c = c, .base = base };

	dis->arch = c->arch;
	dis->mode = mode_name(isa, mode);
	if (c->n_bytes == 0) {
		dis->error = xstrdup("no bytes");
		return dis;
	}
	if (!open_decoder(&d, dis, isa, mode)) {
		push(dis, c, 0, c->n_bytes, NULL);
		return dis;
	}
	size_t trap = c->has_trap ? c->trap_offset : 0;
	struct decoded before = { 0 };
	dis->start = resync(&d, trap, &before);
	if (dis->start > 0)
		push(dis, c, 0, dis->start, NULL);
	if (before.n > 0)
		for (size_t i = 0; i < before.n; i++)
			push(dis, c, before.insns[i].offset, before.insns[i].size,
			     before.insns[i].text);
	else
		decode_range(&d, dis, dis->start, trap);
	free(before.insns);
	decode_range(&d, dis, trap, c->n_bytes);
	if (d.has_handle) {
		sym_cs_free(d.ci, 1);
		sym_cs_close(&d.handle);
	}
	return dis;
}

/* Dumps decoded already, by all their decoding depends on: a CI batch's logs print the
 * same bug's Code: bytes again and again, as does a WARNING in a loop, and capstone takes
 * 0.1 ms a dump. Kept for the run (at most KEPT_MAX of them), by the reader threads of
 * every input; a kept one is never changed or freed before disasm_forget(). */
#define KEPT_MAX 1024

struct kept {
	struct kept_insn {
		size_t offset, size;
		char *hex, *text;
		bool is_trapping;
	} *insns;
	size_t n_insns, start;
	const char *mode;
	char *error;
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hash *kept;

static void kept_free(void *p)
{
	struct kept *k = p;

	for (size_t i = 0; i < k->n_insns; i++) {
		free(k->insns[i].hex);
		free(k->insns[i].text);
	}
	free(k->insns);
	free(k->error);
	free(k);
}

/* "arch isa mode base trap unit " and the bytes in hex: what decode() reads of them */
#define KEY_MAX (96 + 2 * ARCH_CODE_MAX)

static void kept_key(char key[static KEY_MAX], const struct arch_code *c, int isa,
		     unsigned int mode, uint64_t base)
{
	int len = snprintf(key, KEY_MAX, "%d %d %u %" PRIx64 " %d %zu %u ", (int)c->arch, isa,
			   mode, base, c->has_trap, c->has_trap ? c->trap_offset : 0, c->unit);

	hex_encode(c->bytes, c->n_bytes, key + len, KEY_MAX - (size_t)len);
}

static const struct kept *kept_find(const char *key)
{
	pthread_mutex_lock(&kept_lock);
	const struct kept *k = kept ? hash_find(kept, key) : NULL;
	pthread_mutex_unlock(&kept_lock);
	return k;
}

static struct disasm *kept_copy(const struct kept *k, enum arch arch)
{
	struct disasm *dis = xcalloc(1, sizeof(*dis));

	dis->arch = arch;
	dis->mode = k->mode;
	dis->start = k->start;
	dis->error = k->error ? xstrdup(k->error) : NULL;
	dis->insns = xreallocarray(NULL, k->n_insns + 1, sizeof(*dis->insns));
	dis->n_insns = dis->insns_alloc = k->n_insns;
	for (size_t i = 0; i < k->n_insns; i++) {
		const struct kept_insn *ki = &k->insns[i];
		dis->insns[i] = (struct insn){
			.offset = ki->offset,
			.size = ki->size,
			.hex = xstrdup(ki->hex),
			.text = ki->text ? xstrdup(ki->text) : NULL,
			.is_trapping = ki->is_trapping,
			.where = { .role = FRAME_ROLE_IP, .is_reliable = true },
		};
	}
	return dis;
}

/* dis kept under key, unless KEPT_MAX are or another thread kept it meanwhile */
static void keep(const char *key, const struct disasm *dis)
{
	pthread_mutex_lock(&kept_lock);
	if (kept == NULL)
		kept = hash_new(kept_free);
	if (hash_count(kept) < KEPT_MAX && !hash_contains(kept, key)) {
		struct kept *k = xcalloc(1, sizeof(*k));
		k->mode = dis->mode;
		k->start = dis->start;
		k->error = dis->error ? xstrdup(dis->error) : NULL;
		k->insns = xreallocarray(NULL, dis->n_insns + 1, sizeof(*k->insns));
		k->n_insns = dis->n_insns;
		for (size_t i = 0; i < dis->n_insns; i++) {
			const struct insn *in = &dis->insns[i];
			k->insns[i] = (struct kept_insn){
				.offset = in->offset,
				.size = in->size,
				.hex = xstrdup(in->hex),
				.text = in->text ? xstrdup(in->text) : NULL,
				.is_trapping = in->is_trapping,
			};
		}
		hash_add(kept, key, k);
	}
	pthread_mutex_unlock(&kept_lock);
}

struct disasm *disasm_code(const struct arch_code *c, int isa, unsigned int mode,
			    uint64_t base)
{
	char key[KEY_MAX];

	kept_key(key, c, isa, mode, base);
	const struct kept *k = kept_find(key);
	if (k)
		return kept_copy(k, c->arch);
	struct disasm *dis = decode(c, isa, mode, base);
	keep(key, dis);
	return dis;
}

void disasm_forget(void)
{
	pthread_mutex_lock(&kept_lock);
	hash_free(kept);
	kept = NULL;
	pthread_mutex_unlock(&kept_lock);
}

struct disasm *disasm_unreadable(enum arch arch, const char *why)
{
	struct disasm *dis = xcalloc(1, sizeof(*dis));

	dis->arch = arch;
	dis->mode = "none";
	dis->error = xasprintf("the kernel printed no bytes: %s", why);
	return dis;
}

void disasm_free(struct disasm *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n_insns; i++) {
		free(d->insns[i].hex);
		free(d->insns[i].text);
		frame_release(&d->insns[i].where);
	}
	free(d->insns);
	free(d->error);
	free(d);
}

/* rc's code, or c (other bytes in its place), as its dump is decoded; NULL for a dump of
 * no architecture */
static struct disasm *decode_dump(const struct report_code *rc, const struct arch_code *c)
{
	const struct arch_ops *a = arch_get(c->arch);

	if (a == NULL)
		return NULL;
	/* branch targets as addresses when the dump (s390) or the pc's line (arm, powerpc)
	 * prints the pc's, else as offsets into the dump */
	uint64_t base = c->has_address			     ? c->address
			: rc->has_pc_address && c->has_trap ? rc->pc_address - c->trap_offset
							    : 0;
	/* a 32-bit task on a 64-bit kernel ("RIP: 0023:"): its code is i386's */
	unsigned int mode = rc->is_compat ? ARCH_CS_MODE_32 : arch_code_cs_mode(c);
	return disasm_code(c, a->cs_arch, mode, base);
}

static void disasm_dump(const struct report *r, struct report_code *rc)
{
	if (rc->unreadable)
		rc->disasm = disasm_unreadable(r->arch, rc->unreadable);
	else
		rc->disasm = decode_dump(rc, &rc->code);
}

struct disasm *disasm_in_place(const struct report_code *rc, const uint8_t *bytes, size_t n)
{
	struct arch_code c = rc->code;

	c.n_bytes = n < sizeof(c.bytes) ? n : sizeof(c.bytes);
	memcpy(c.bytes, bytes, c.n_bytes);
	return decode_dump(rc, &c);
}

void disasm_preload(void)
{
	const char *why;

	if (!dlib_load(&capstone, &why))
		return;	/* kept for the first dump */
}

void disasm_report(struct report *r)
{
	if (r->is_spurious)
		return;	/* echoed, never shown */
	for (size_t i = 0; i < r->n_codes; i++)
		if (r->codes[i].disasm == NULL)
			disasm_dump(r, &r->codes[i]);
}
