// SPDX-License-Identifier: GPL-2.0-or-later
/* verify.c: do the debug files match the report? Its release and build against vmlinux's
 * banner and a module's vermagic, build IDs, printed symbol sizes, and Code: bytes against
 * the file's code. */
#include <gelf.h>
#include <inttypes.h>
#include <elfutils/libdwfl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "disasm/disasm.h"
#include "log.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"
#include "verify.h"

void verify_mismatch(struct kdecode_ctx *ctx, struct report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* loud in every format: the report's warnings, and stderr once per report */
	if (report_add_mismatch(r, msg)) {
		WARN(ctx, "'%s': line %lu: %s\n", r->source, r->first_line, msg);
		ctx->n_mismatched++;
	}
	free(msg);
}

/* the word at s (up to a blank) is word */
static bool is_word(const char *s, const char *word)
{
	size_t n = strcspn(s, " ");

	return strlen(word) == n && strncmp(s, word, n) == 0;
}

/* "Debian 6.1.192-2", "Ubuntu 6.8.0-45.45-generic": a distribution's name and package
 * version, which its kernels print after "#N" and keep in their utsname version; not
 * 6.14's "PREEMPT(full)" */
static bool is_package_version(const char *s)
{
	size_t n = strcspn(s, " ");

	return n > 0 && s[n] == ' ' && s[n + 1] >= '0' && s[n + 1] <= '9' &&
	       strchr(s + n + 1, ' ') == NULL;
}

/* "Linux version 6.1.0-57-cloud-amd64 (debian-kernel@...) (gcc-12 ...) #1 SMP ..." */
static void verify_banner(struct kdecode_ctx *ctx, struct report *r, struct objfile *o)
{
	const char *banner = debuginfo_banner(o);
	const struct snapshot *s = r->snapshot;

	if (banner == NULL) {
		if (kd_first_time(ctx, o->path))
			NOTICE(ctx, "'%s': no linux_banner to read (a separate debug file?): its "
				    "release is not checked\n", o->path);
		return;
	}
	const char *release = banner + STRLEN("Linux version ");
	int n = (int)strcspn(release, " ");
	const char *version = strstr(release, ") #");

	version = version ? version + 2 : NULL;
	if (r->release && !is_word(release, r->release))
		verify_mismatch(ctx, r, "'%s' is %.*s (its linux_banner), but the report's kernel "
				"is %s", o->path, n, release, r->release);
	else if (r->build && version && !is_word(version, r->build))
		verify_mismatch(ctx, r, "'%s' is build %.*s of %.*s (its linux_banner), but the "
				"report's kernel is build %s", o->path, (int)strcspn(version, " "),
				version, n, release, r->build);
	else if (r->build_extra && version && is_package_version(r->build_extra) &&
		 strstr(version, r->build_extra) == NULL)
		verify_mismatch(ctx, r, "'%s' is \"%s\" (its linux_banner), but the report's "
				"kernel says \"%s\"", o->path, version, r->build_extra);
	if (s && s->proc_version) {
		size_t len = strlen(s->proc_version);
		while (len > 0 && (s->proc_version[len - 1] == '\n' || s->proc_version[len - 1] == ' '))
			len--;
		if (strlen(banner) != len || strncmp(banner, s->proc_version, len) != 0)
			verify_mismatch(ctx, r, "'%s' is not the kernel of the snapshot record of "
					"'%s' line %lu: its linux_banner is not that record's "
					"/proc/version", o->path, s->source, s->line);
	}
}

/* "vermagic=6.1.0-57-cloud-amd64 SMP preempt mod_unload modversions" */
static void verify_vermagic(struct kdecode_ctx *ctx, struct report *r, struct objfile *o)
{
	const char *vermagic = debuginfo_vermagic(o);

	if (vermagic && r->release && !is_word(vermagic, r->release))
		verify_mismatch(ctx, r, "'%s' was built for %.*s (its vermagic), but the report's "
				"kernel is %s", o->path, (int)strcspn(vermagic, " "), vermagic,
				r->release);
}

/* the build IDs the report prints (the CPU: line's for vmlinux, "[mod BUILDID]" frames')
 * and the snapshot record's, against the file's */
static void verify_build_ids(struct kdecode_ctx *ctx, struct report *r,
			     const struct objfile *o)
{
	const struct snapshot *s = r->snapshot;
	const struct snapshot_module *m = s && !o->is_vmlinux ? snapshot_module(s, o->name) : NULL;
	const char *recorded = o->is_vmlinux && s ? s->build_id : m ? m->build_id : "";

	if (!o->build_id[0])
		return;
	if (recorded[0] && !streq(recorded, o->build_id))
		verify_mismatch(ctx, r, "'%s' has build ID %s but the snapshot record of '%s' "
				"line %lu saw %s loaded with %s: another build?", o->path,
				o->build_id, s->source, s->line, o->name, recorded);
	if (o->is_vmlinux && r->vmlinux_build_id && !streq(r->vmlinux_build_id, o->build_id))
		verify_mismatch(ctx, r, "'%s' has build ID %s but the report's kernel has %s: "
				"another build?", o->path, o->build_id, r->vmlinux_build_id);
}

void verify_object(struct kdecode_ctx *ctx, struct report *r, struct objfile *o)
{
	if (!report_first_check(r, o))
		return;
	if (o->is_vmlinux)
		verify_banner(ctx, r, o);
	else
		verify_vermagic(ctx, r, o);
	verify_build_ids(ctx, r, o);
}

static void suspect(struct kdecode_ctx *ctx, struct report *r, struct frame *f,
		    const char *fmt, ...) _printf_format_(4, 5);
static void suspect(struct kdecode_ctx *ctx, struct report *r, struct frame *f,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(f->suspect);
	f->suspect = xvasprintf(fmt, ap);
	va_end(ap);
	verify_mismatch(ctx, r, "line %lu: %s", f->line, f->suspect);
}

void verify_frame(struct kdecode_ctx *ctx, struct report *r, struct frame *f,
		  const struct objfile *o, const struct objsym *s)
{
	/* kallsyms measures to its next symbol: past the section's end for its last one */
	bool is_last = s + 1 >= o->syms + o->n_syms || s[1].shndx != s->shndx;
	bool is_part = strstr(objsym_name(o, s), ".cold") != NULL;
	uint64_t own = s->size ? s->size : is_last ? 0 : s->span;
	/* a return address may be one past the end: a call that does not return */
	uint64_t at = f->role == FRAME_ROLE_CALL && f->offset ? f->offset - 1
		      : f->offset >= f->pc_rewind		  ? f->offset - f->pc_rewind
								  : f->offset;

	/* "[oopsmod 8e3c...]" (CONFIG_STACKTRACE_BUILD_ID) */
	if (f->module_build_id[0] && o->build_id[0] && !streq(f->module_build_id, o->build_id))
		verify_mismatch(ctx, r, "'%s' has build ID %s but the report's %s has %s: another "
				"build?", o->path, o->build_id, f->module, f->module_build_id);
	if (!f->has_offset)
		return;
	/* a "? " entry is any word of the stack that looks like text: printed with %pB, as
	 * a return address, though it may be a function's own address ("? f+0x40/0x40") */
	if (own && at >= own && f->is_reliable)
		suspect(ctx, r, f, "%s+0x%" PRIx64 " is past the end of %s in '%s' (0x%" PRIx64
			" bytes): another build?", f->symbol, f->offset, objsym_name(o, s), o->path, own);
	else if (f->has_size && s->size && f->size != s->size && f->size != s->span &&
		 !is_last && !is_part)
		suspect(ctx, r, f, "%s is printed 0x%" PRIx64 " bytes long, but is 0x%" PRIx64
			" in '%s': another build?", f->symbol, f->size, s->size, o->path);
}

/* the longest instruction of any architecture: x86's */
#define INSN_MAX 15
/* the least KASLR moves a kernel by: a page */
#define KASLR_ALIGN 0x1000u

static uint64_t get_le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

/* bytes [from, to) of the dump, ok to differ */
static void tolerate(bool *ok, size_t n, uint64_t from, uint64_t to)
{
	for (uint64_t i = from; i < to && i < n; i++)
		ok[i] = true;
}

/* the instructions of d that the kernel patches once loaded */
static void tolerate_patched(bool *ok, size_t n, enum arch arch, const struct disasm *d)
{
	for (size_t i = 0; d && i < d->n_insns; i++)
		if (d->insns[i].text && arch_is_patched(arch, d->insns[i].text))
			tolerate(ok, n, d->insns[i].offset, d->insns[i].offset + d->insns[i].size);
}

/* the bytes a module's relocations of section target fill in, the dump starting at
 * offset start into it (negative: before it) */
static void tolerate_relocated(bool *ok, size_t n, struct objfile *o, size_t target,
			       int64_t start)
{
	Elf *elf = debuginfo_file_elf(o);
	Elf_Scn *rs = NULL;
	GElf_Ehdr ehdr;

	if (elf == NULL || gelf_getehdr(elf, &ehdr) == NULL || ehdr.e_type != ET_REL)
		return;
	while ((rs = elf_nextscn(elf, rs)) != NULL) {
		GElf_Shdr shdr;
		Elf_Data *d;
		if (gelf_getshdr(rs, &shdr) == NULL || shdr.sh_info != target ||
		    (shdr.sh_type != SHT_RELA && shdr.sh_type != SHT_REL) ||
		    shdr.sh_entsize == 0 || (d = elf_getdata(rs, NULL)) == NULL)
			continue;
		size_t count = shdr.sh_size / shdr.sh_entsize;
		for (size_t i = 0; i < count; i++) {
			GElf_Rela rela;
			GElf_Rel rel;
			uint64_t off;
			unsigned int type;
			if (shdr.sh_type == SHT_RELA && gelf_getrela(d, (int)i, &rela)) {
				off = rela.r_offset;
				type = (unsigned int)GELF_R_TYPE(rela.r_info);
			} else if (shdr.sh_type == SHT_REL && gelf_getrel(d, (int)i, &rel)) {
				off = rel.r_offset;
				type = (unsigned int)GELF_R_TYPE(rel.r_info);
			} else {
				continue;
			}
			int64_t from = (int64_t)off - start;
			int64_t to = from + arch_reloc_size(arch_from_elf(ehdr.e_machine), type);
			if (to > 0 && from < (int64_t)n)
				tolerate(ok, n, from > 0 ? (uint64_t)from : 0, (uint64_t)to);
		}
	}
}

/* x86 KASLR moves vmlinux's absolute addresses ("mov $sym, %rdi") by the offset; the
 * file's bytes go on past the dump's end (end of them), where a word may be cut */
static void tolerate_kaslr(bool *ok, size_t lo, size_t hi, size_t end, const uint8_t *dump,
			   const uint8_t *file, uint64_t kaslr)
{
	for (size_t i = lo; kaslr && i < hi && i + 4 <= end; i++) {
		uint64_t moved = get_le(file + i, 4) + kaslr;
		size_t n = hi - i < 4 ? hi - i : 4;
		if (memcmp(&(uint8_t[4]){ (uint8_t)moved, (uint8_t)(moved >> 8),
					  (uint8_t)(moved >> 16), (uint8_t)(moved >> 24) },
			   dump + i, n) == 0)
			tolerate(ok, hi, i, i + n);
		if (i + 8 <= hi && get_le(dump + i, 8) - get_le(file + i, 8) == kaslr)
			tolerate(ok, hi, i, i + 8);
	}
}

/* the first byte of [lo, hi) that differs and is not ok to, or hi */
static size_t first_difference(size_t lo, size_t hi, const uint8_t *dump, const uint8_t *file,
			       const bool *ok)
{
	size_t i = lo;

	while (i < hi && (dump[i] == file[i] || ok[i]))
		i++;
	return i;
}

/* No "Kernel Offset:" line and no address to work it out from (i386 prints none): the
 * first bytes that differ, when a word holding them all differs by a multiple of a page,
 * are taken to be moved by KASLR (of the words that do, the one whose difference is the
 * most aligned); verify_code() then finds any byte that still differs */
static uint64_t guess_kaslr(size_t lo, size_t hi, const uint8_t *dump, const uint8_t *file,
			    const bool *ok)
{
	size_t i = first_difference(lo, hi, dump, file, ok), last;
	uint32_t best = 0;

	if (i == hi)
		return 0;
	last = i;
	for (size_t j = i + 1; j < i + 4 && j < hi; j++)
		if (dump[j] != file[j] && !ok[j])
			last = j;
	for (size_t w = last >= lo + 3 ? last - 3 : lo; w <= i && w + 4 <= hi; w++) {
		uint32_t d = (uint32_t)(get_le(dump + w, 4) - get_le(file + w, 4));
		if (d && d % KASLR_ALIGN == 0 && (best == 0 || __builtin_ctz(d) > __builtin_ctz(best)))
			best = d;
	}
	return best;
}

/* the file's bytes where the dump was read, into file: [*lo, *hi) of them, in the
 * section the trapping byte is in (*scn, the dump's start at *start into it) */
static bool read_in_place(struct objfile *o, const struct arch_code *c, uint64_t at,
			  uint8_t *file, size_t *lo, size_t *hi, size_t *ndx, int64_t *start)
{
	size_t trap = c->trap_offset, s;
	uint64_t off_at, off;

	*hi = trap + debuginfo_read(o, at, file + trap, c->n_bytes - trap, ndx, &off_at);
	if (*hi == trap)
		return false;
	*start = (int64_t)off_at - (int64_t)trap;
	/* the bytes before the pc, from the first in the same section */
	for (*lo = 0; *lo < trap; ++*lo)
		if (off_at >= trap - *lo &&
		    debuginfo_read(o, at - (trap - *lo), file + *lo, trap - *lo, &s, &off) ==
			    trap - *lo &&
		    s == *ndx)
			break;
	return true;
}

/* A dump of words or halfwords (arm64, arm, powerpc) prints each as a number, most
 * significant byte first, as the dump's bytes are kept: a little-endian file's units are
 * turned round to compare, [lo, hi + past) narrowed to whole units */
static void in_printed_order(struct objfile *o, unsigned int unit, uint8_t *file,
			     size_t *lo, size_t hi, size_t *past)
{
	Elf *elf = debuginfo_file_elf(o);
	const char *ident = elf ? elf_getident(elf, NULL) : NULL;

	if (unit <= 1 || ident == NULL || ident[EI_DATA] != ELFDATA2LSB)
		return;
	*lo = (*lo + unit - 1) / unit * unit;
	*past -= (hi + *past) % unit;
	for (size_t i = *lo; i + unit <= hi + *past; i += unit)
		for (size_t j = 0; j < unit / 2; j++) {
			uint8_t t = file[i + j];
			file[i + j] = file[i + unit - 1 - j];
			file[i + unit - 1 - j] = t;
		}
}

void verify_code(struct kdecode_ctx *ctx, struct report *r, const struct report_code *rc,
		 struct objfile *o, uint64_t at, uint64_t kaslr)
{
	const struct arch_code *c = &rc->code;
	uint8_t file[ARCH_CODE_MAX + INSN_MAX];
	bool ok[ARCH_CODE_MAX] = { false };
	size_t lo, hi, past = 0, ndx;
	int64_t start;

	if (!c->has_trap || c->trap_offset >= c->n_bytes || at < c->trap_offset ||
	    rc->disasm == NULL || rc->disasm->error || rc->is_user_pc)
		return;
	memcpy(file, c->bytes, c->n_bytes);
	if (!read_in_place(o, c, at, file, &lo, &hi, &ndx, &start)) {
		if (kd_first_time(ctx, o->path))
			NOTICE(ctx, "'%s': no code to compare with the Code: bytes (a separate "
				    "debug file?)\n", o->path);
		return;
	}
	/* the file's instructions whole, where the dump cuts the last one */
	if (hi == c->n_bytes) {
		size_t s;
		uint64_t off;
		past = debuginfo_read(o, at - c->trap_offset + hi, file + hi,
				      ARCH_CODE_MAX - hi < INSN_MAX ? ARCH_CODE_MAX - hi : INSN_MAX,
				      &s, &off);
	}
	in_printed_order(o, c->unit, file, &lo, hi, &past);
	/* what the kernel changes that the dump's own instructions show, and what a module's
	 * relocations fill in: where nothing else differs, as is usual, the file's bytes are
	 * never disassembled. Each tolerance only adds to ok, so the answer is the same */
	tolerate_patched(ok, c->n_bytes, c->arch, rc->disasm);
	/* the end of an instruction the dump starts in: of what kind, nobody can tell */
	tolerate(ok, c->n_bytes, 0, rc->disasm->start);
	tolerate_relocated(ok, c->n_bytes, o, ndx, start);
	bool is_kaslr_known = !o->is_vmlinux || kaslr != 0;
	if (o->is_vmlinux && kaslr != 0)
		tolerate_kaslr(ok, lo, hi, hi + past, c->bytes, file, kaslr);
	size_t i = first_difference(lo, hi, c->bytes, file, ok);
	/* (with none differing, a guess at KASLR's offset finds none either) */
	if (i < hi) {
		struct disasm *fd = disasm_in_place(rc, file, hi + past);
		tolerate_patched(ok, c->n_bytes, c->arch, fd);
		tolerate(ok, c->n_bytes, 0, fd ? fd->start : 0);
		disasm_free(fd);
		/* a guess at KASLR's offset counts every other tolerance */
		if (!is_kaslr_known) {
			kaslr = guess_kaslr(lo, hi, c->bytes, file, ok);
			tolerate_kaslr(ok, lo, hi, hi + past, c->bytes, file, kaslr);
		}
		i = first_difference(lo, hi, c->bytes, file, ok);
	}
	if (i < hi) {
		long d = (long)i - (long)c->trap_offset;
		verify_mismatch(ctx, r, "line %lu: the Code: bytes differ from '%s' at pc%s0x%lx "
				"(%02x in the dump, %02x in the file): another build?", c->line,
				o->path, d < 0 ? "-" : "+", d < 0 ? -d : d, c->bytes[i], file[i]);
		return;
	}
	INFO(ctx, "'%s': line %lu: %zu Code: bytes match '%s'\n", r->source, c->line, hi - lo,
	     o->path);
}
