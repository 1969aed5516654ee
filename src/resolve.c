// SPDX-License-Identifier: GPL-2.0-or-later
/* resolve.c: frame -> symbol, section, module and source locations with the inline chain. */
#include <dwarf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <elf.h>

#include "arch/arch.h"
#include "debug/debuginfo.h"
#include "debug/scopes.h"
#include "debug/variables.h"
#include "disasm/disasm.h"
#include "verify.h"
#include "log.h"
#include "resolve.h"
#include "shared/strbuf.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

#define MAX_CANDIDATES_LISTED 8

static void set_error(struct frame *f, const char *fmt, ...) _printf_format_(2, 3);
static void set_error(struct frame *f, const char *fmt, ...)
{
	va_list ap;

	free(f->error);
	va_start(ap, fmt);
	f->error = xvasprintf(fmt, ap);
	va_end(ap);
}

const char *resolve_release(const struct kdecode_ctx *ctx, const struct report *r)
{
	if (ctx->opts.release)
		return ctx->opts.release;
	if (r->release)
		return r->release;
	/* it named a release, one unfit for a path: not the running one either */
	if (r->has_invalid_release)
		return NULL;
	return ctx->running_release;
}

/* "a/./b/../c" -> "a/c", in place; a leading "/" and leading ".." stay */
static void clean_path(char *path)
{
	char *out = path, *p = path;
	bool is_absolute = path[0] == '/';
	size_t kept = 0; /* segments in out that a ".." may remove */

	if (is_absolute)
		out = ++p;
	while (*p) {
		size_t n = strcspn(p, "/");
		if ((n == 1 && p[0] == '.') || n == 0) {
			/* drop */
		} else if (n == 2 && p[0] == '.' && p[1] == '.' && kept > 0) {
			out--; /* the '/' after the last kept segment */
			while (out > path + is_absolute && out[-1] != '/')
				out--;
			kept--;
		} else {
			bool is_dotdot = n == 2 && p[0] == '.' && p[1] == '.';
			memmove(out, p, n);
			out += n;
			if (p[n] == '\0') { /* out may have caught up with p: stop before '/' */
				p += n;
				break;
			}
			*out++ = '/';
			kept += !is_dotdot;
		}
		p += n;
		if (*p == '/')
			p++;
	}
	if (out > path + is_absolute && out[-1] == '/')
		out--;
	*out = '\0';
}

static bool strip_dir(char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0 || strncmp(path, dir, n) != 0 || path[n] != '/')
		return false;
	memmove(path, path + n + 1, strlen(path + n + 1) + 1);
	return true;
}

/* Paths relative to the source tree: the build directory (DW_AT_comp_dir) and any
 * --strip-prefix go. Debian's kernel says "debian/build/build_amd64_none_cloud-amd64/
 * fs/proc/inode.c" for C and "/build/reproducible-path/linux-6.1.192/arch/..." for asm. */
static char *strip_build_dir(const struct kdecode_ctx *ctx, const char *file, const char *comp_dir)
{
	char *path = xstrdup(file);

	clean_path(path);
	for (size_t i = 0; i < ctx->opts.n_strip_prefixes; i++)
		if (strip_dir(path, ctx->opts.strip_prefixes[i]))
			return path;
	if (comp_dir) {
		char *dir = xstrdup(comp_dir);
		clean_path(dir);
		bool stripped = strip_dir(path, dir);
		/* an out-of-tree build dir below the source tree: "<src>/debian/build/x" */
		for (char *slash; !stripped && (slash = strrchr(dir, '/'));) {
			*slash = '\0';
			if (strstr(slash + 1, "build") == NULL && !streq(slash + 1, "debian"))
				break;
			stripped = dir[0] && strip_dir(path, dir);
		}
		free(dir);
	}
	return path;
}

/* --relative-paths: what is still absolute made relative to its source tree: after the
 * kernel tree's directory ("/build/reproducible-path/linux-6.1.192/arch/x86/..."), else
 * below the directory of its compile unit's own file (an out-of-tree module's,
 * "/tmp/kd/plain/oopsmod.c"); in place */
static void make_relative(char *path, const char *unit)
{
	for (char *c = path; (c = strstr(c, "/linux-")) != NULL; c++) {
		char *end = strchr(c + 1, '/');
		/* "linux-6.1.192", and Debian's "linux-headers-6.1.0-57-common" and
		 * "linux-source-6.1" of the same tree */
		if (end && ((c[7] >= '0' && c[7] <= '9') || startswith(c + 7, "headers-") ||
			    startswith(c + 7, "source-"))) {
			memmove(path, end + 1, strlen(end + 1) + 1);
			return;
		}
	}
	const char *slash = unit && unit[0] == '/' ? strrchr(unit, '/') : NULL;
	if (slash && slash > unit) {
		char *dir = xstrndup(unit, (size_t)(slash - unit));
		clean_path(dir);
		strip_dir(path, dir);
		free(dir);
	}
}

/* a file as kdecode shows it: strip_build_dir(), then --relative-paths (unit: its compile
 * unit's name, or NULL) */
static char *shorten_path(const struct kdecode_ctx *ctx, const char *file, const char *comp_dir,
			  const char *unit)
{
	char *path = strip_build_dir(ctx, file, comp_dir);

	if (ctx->opts.has_relative_paths && path[0] == '/')
		make_relative(path, unit);
	return path;
}

static void push_location(struct frame *f, const char *function, char *file, int line, int col)
{
	f->locations = xreallocarray(f->locations, f->n_locations + 1, sizeof(*f->locations));
	f->locations[f->n_locations++] = (struct location){
		.function = xstrdup(function),
		.file = file,
		.line = line > 0 ? (unsigned int)line : 0,
		.column = col > 0 ? (unsigned int)col : 0,
	};
}

/* the inline chain at pc, innermost first, as eu-stack -i / eu-addr2line -i show it:
 * each function with the place inside it; an inlined call's place is its call site */
static void find_locations(struct kdecode_ctx *ctx, struct objfile *o, struct frame *f,
			   uint64_t pc, const char *symbol)
{
	struct objloc loc;

	debuginfo_locate(o, pc, &loc);
	const char *file = loc.file;
	int line = loc.line, col = loc.col;
	if (loc.unit == NULL) {
		push_location(f, symbol, file ? shorten_path(ctx, file, NULL, NULL) : NULL, line, col);
		return;
	}
	if (loc.n_scopes < 0) {
		char *msg = xasprintf("'%s': debug info that libdw rejects (%s): functions and "
				      "inline chains may be missing", o->path,
				      loc.error ? loc.error : "?");
		if (kd_first_time(ctx, msg))
			WARN(ctx, "%s\n", msg);
		free(msg);
	}
	for (int i = 0; i < loc.n_scopes; i++) {
		push_location(f, loc.scopes[i].name,
			      file ? shorten_path(ctx, file, loc.comp_dir, loc.unit) : NULL, line, col);
		file = loc.scopes[i].call_file;
		line = loc.scopes[i].call_line;
		col = loc.scopes[i].call_col;
	}
	/* assembly has a line table but no function DIEs: the symbol names the function */
	if (loc.n_scopes <= 0)
		push_location(f, symbol, file ? shorten_path(ctx, file, loc.comp_dir, loc.unit) : NULL,
			      line, col);
}

static const char *unit_of(struct objfile *o, uint64_t address)
{
	struct objloc loc;

	debuginfo_locate(o, address, &loc);
	return loc.unit ? loc.unit : "?";
}

static size_t keep_if(const struct objsym **cand, size_t n, const struct frame *f,
		      bool (*pred)(const struct objsym *s, const struct frame *f))
{
	size_t kept = 0;

	for (size_t i = 0; i < n; i++)
		if (pred(cand[i], f))
			kept++;
	if (kept == 0)
		return n; /* the hint matched nothing: it is wrong, not the symbols */
	kept = 0;
	for (size_t i = 0; i < n; i++)
		if (pred(cand[i], f))
			cand[kept++] = cand[i];
	return kept;
}

/* kallsyms prints the distance to its next symbol, which is usually st_size or span */
static bool size_matches(const struct objsym *s, const struct frame *f)
{
	return f->has_size && (s->size == f->size || s->span == f->size);
}

static bool offset_fits(const struct objsym *s, const struct frame *f)
{
	uint64_t extent = s->size > s->span ? s->size : s->span;

	return extent == 0 || f->offset < extent;
}

/* Same-named symbols (static functions in several files): the module is already
 * chosen; then the size printed, then the offset must fit. The size is a hint only:
 * a ".cold" part at the end of a section is printed with a huge one. */
static const struct objsym *choose_symbol(struct objfile *o, struct frame *f)
{
	const uint32_t *idx;
	size_t n = debuginfo_symbols(o, f->symbol, &idx);

	if (n == 0) {
		set_error(f, "no symbol '%s' in '%s'", f->symbol, o->path);
		return NULL;
	}
	if (n == 1)
		return &o->syms[idx[0]];

	const struct objsym **cand = xcalloc(n, sizeof(*cand));
	for (size_t i = 0; i < n; i++)
		cand[i] = &o->syms[idx[i]];
	size_t k = keep_if(cand, n, f, size_matches);
	k = keep_if(cand, k, f, offset_fits);
	size_t distinct = 1;
	for (size_t i = 1; i < k; i++)
		if (cand[i]->address != cand[0]->address)
			distinct++;
	const struct objsym *chosen = distinct == 1 ? cand[0] : NULL;
	if (chosen == NULL) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < k && i < MAX_CANDIDATES_LISTED; i++)
			strbuf_printf(&sb, "%s%s", i ? ", " : "", unit_of(o, cand[i]->address));
		set_error(f, "ambiguous: %zu symbols '%s' in '%s' fit %s+0x%" PRIx64 "%s; from %s",
			  k, f->symbol, o->path, f->symbol, f->offset,
			  f->has_size ? "/size" : "", strbuf_str(&sb));
		strbuf_release(&sb);
	}
	free(cand);
	return chosen;
}

/* where a bare address lies: the object, its address there, and the section holding it */
struct place {
	struct objfile *o;
	uint64_t addr;		/* in o's own layout (vmlinux: link time) */
	struct objsection sec;
};

static void set_section(struct frame *f, const struct place *p, int64_t delta)
{
	if (p->sec.name == NULL)
		return;
	free(f->section);
	f->section = xstrdup(p->sec.name);
	f->has_section = true;
	f->section_offset = p->sec.offset + (uint64_t)delta;
}

/* the section of pc, with the offset of addr (a return address's: one past pc) */
static void find_section(const struct objfile *o, struct frame *f, uint64_t pc, uint64_t addr)
{
	struct place p;

	if (debuginfo_section(o, pc, &p.sec))
		set_section(f, &p, (int64_t)(addr - pc));
}

/* The debug files say the architecture (their ELF machine) better than the report's
 * grammar, which may be a line another architecture prints as well */
static void take_arch(struct report *r, const struct objfile *o)
{
	enum arch arch = arch_from_elf(o->machine);

	if (r->is_arch_from_debug_file || arch == ARCH_UNKNOWN)
		return;
	if (r->report_arch != ARCH_UNKNOWN && r->report_arch != arch)
		report_add_warning(r, "'%s' is for %s but the report reads as %s's", o->path,
				   arch_name(arch), arch_name(r->report_arch));
	r->arch = arch;
	r->is_arch_from_debug_file = true;
}

/* address -> everything: a return address is looked up one byte back, at the call,
 * or the line after the call (or the next function) would be shown; the pc (the
 * faulting or interrupted instruction, enum arch_lookup's ARCH_EXACT) at itself */
static void describe(struct kdecode_ctx *ctx, struct report *r, struct objfile *o,
		     struct frame *f, uint64_t addr, const char *symbol)
{
	uint64_t pc = f->role == FRAME_ROLE_CALL && addr > 0 ? addr - 1
		      : addr >= f->pc_rewind			 ? addr - f->pc_rewind
								 : addr;

	take_arch(r, o);

	f->object = xstrdup(o->path);
	find_section(o, f, pc, addr);
	if (!f->has_address && o->place) {
		f->address = addr;	/* placed: already the runtime address */
		f->has_address = true;
	} else if (!f->has_address && o->is_vmlinux && r->has_kernel_offset) {
		f->address = addr + r->kernel_offset;
		f->has_address = true;
	}
	if (o->has_dwarf)
		find_locations(ctx, o, f, pc, symbol);
}

/* the whole story (where kdecode looked) goes to the report's warnings once; each frame
 * only says which file was missing, or why it could not be read */
static void lookup_failed(struct report *r, struct frame *f, const char *name, int err,
			  const char *why)
{
	report_add_warning(r, "%s", why);
	f->lacks_debug_file = err == -ENOENT;
	if (err != -ENOENT)
		set_error(f, "%s", why);
	else if (streq(name, "vmlinux"))
		set_error(f, "no vmlinux found");
	else
		set_error(f, "no %s.ko found", name);
}

/* The KASLR offset, when the report has no "Kernel Offset:" line: the snapshot's
 * runtime _text against vmlinux's, or a frame printed with both its address and
 * symbol ("[<ffffffffac2a4c35>] do_one_initcall+0x45/0x210"). Stored in r. */
static bool kernel_offset(const struct kdecode_ctx *ctx, struct report *r, struct objfile *o)
{
	const uint32_t *idx;

	if (r->snapshot && r->snapshot->has_text && debuginfo_symbols(o, "_text", &idx) == 1) {
		r->kernel_offset = r->snapshot->text - o->syms[idx[0]].address;
		r->has_kernel_offset = true;
		return true;
	}
	for (size_t i = 0; i < r->n_frames; i++) {
		const struct frame *f = &r->frames[i];
		size_t n = f->has_address && f->symbol[0] && !f->module[0] && f->has_offset
				   ? debuginfo_symbols(o, f->symbol, &idx)
				   : 0;
		if (n == 1) {
			r->kernel_offset = f->address - f->offset - o->syms[idx[0]].address;
			r->has_kernel_offset = true;
			return true;
		}
	}
	return false;
}

/* the vmlinux build ID the report prints (CONFIG_STACKTRACE_BUILD_ID), else the
 * snapshot's: debug files are found by it when the release's places lack them */
static const char *vmlinux_build_id(const struct report *r)
{
	if (r->vmlinux_build_id)
		return r->vmlinux_build_id;
	return r->snapshot ? r->snapshot->build_id : NULL;
}

enum placement {
	PLACED,		/* *o holds it, at *addr in o's own layout */
	IN_MODULE,	/* in a module that cannot be read, or in freed init: f says why */
	NOT_PLACED,	/* in neither vmlinux nor any module of the snapshot */
	NO_LAYOUT,	/* cannot tell: no vmlinux or no KASLR offset; f says why */
	IN_KALLSYMS,	/* no debug file, but the snapshot's kallsyms named it in f */
};

/* No debug file, but the snapshot embeds kallsyms (--kallsyms): the symbol and module
 * as ksymoops gave them, symbol+offset/size [module], and no more */
static bool from_kallsyms(const struct report *r, struct frame *f, uint64_t section_start)
{
	uint64_t size;
	const struct snapshot_symbol *sym = r->snapshot && r->snapshot->n_symbols
						    ? snapshot_symbol_at(r->snapshot, f->address, &size)
						    : NULL;

	/* below the section holding the address: another section's, as a string in
	 * .rodata.str1.1 would get the last .note's name */
	if (sym == NULL || sym->address < section_start)
		return false;
	snprintf(f->symbol, sizeof(f->symbol), "%s", sym->name);
	f->offset = f->address - sym->address;
	f->has_offset = true;
	f->size = size;
	f->has_size = size > 0;
	snprintf(f->module, sizeof(f->module), "%s", sym->module);
	free(TAKE_PTR(f->error));
	f->lacks_debug_file = false;
	f->is_from_kallsyms = true;
	f->kallsyms_type = sym->type;
	return true;
}

/* init code and data are freed once the module is live: what is there now is something
 * else, and naming it would mislead */
static void freed_init(struct frame *f, const struct snapshot_section *sec,
		       const struct snapshot_module *m)
{
	set_error(f, "in freed %s of %s (freed when it finished loading)", sec->name, m->name);
	f->lacks_debug_file = false;
}

/* the section the snapshot placed f's address in, when the .ko cannot say more */
static void snapshot_section_of(struct frame *f, const struct snapshot_section *sec)
{
	f->section = xstrdup(sec->name);
	f->section_offset = f->address - sec->address;
	f->has_section = true;
}

/* In a module of the snapshot: the one whose section starts nearest below the address,
 * if that section really holds it (or, with no .ko to ask, if the module's size does) */
static enum placement place_in_module(struct kdecode_ctx *ctx, struct report *r,
				      struct frame *f, const char *release, struct place *p)
{
	const struct snapshot_module *m = NULL;
	const struct snapshot_section *sec = NULL;
	const char *why;

	for (size_t i = 0; i < r->snapshot->n_modules; i++) {
		const struct snapshot_module *c = &r->snapshot->modules[i];
		for (size_t j = 0; j < c->n_sections; j++)
			if (c->sections[j].address <= f->address &&
			    (sec == NULL || c->sections[j].address > sec->address))
				m = c, sec = &c->sections[j];
	}
	if (m == NULL)
		return NOT_PLACED;
	bool is_init = startswith(sec->name, ".init");
	int err = debuginfo_module(ctx, release, m->name, m->build_id, m, &p->o, &why);
	if (err < 0) {
		if (!is_init && f->address - m->base >= m->size)
			return NOT_PLACED;
		snprintf(f->module, sizeof(f->module), "%s", m->name);
		snapshot_section_of(f, sec);
		lookup_failed(r, f, m->name, err, why);
		if (is_init && streq(m->state, "Live")) {
			freed_init(f, sec, m);
			return IN_MODULE;
		}
		return from_kallsyms(r, f, sec->address) ? IN_KALLSYMS : IN_MODULE;
	}
	p->addr = f->address;	/* placed: already the run-time address */
	if (!debuginfo_section(p->o, p->addr, &p->sec))
		return NOT_PLACED;	/* past the end of that section: not in this module */
	snprintf(f->module, sizeof(f->module), "%s", m->name);
	verify_object(ctx, r, p->o);
	if (is_init && streq(m->state, "Live")) {
		snapshot_section_of(f, sec);
		freed_init(f, sec, m);
		return IN_MODULE;
	}
	return PLACED;
}

/* A bare address ("[<ffffffff8107a4b3>]", a register value): in a module, placed by the
 * snapshot, or in vmlinux, placed by the KASLR offset */
static enum placement place_address(struct kdecode_ctx *ctx, struct report *r, struct frame *f,
				    const char *release, struct place *p)
{
	const char *why;
	enum placement pl = r->snapshot ? place_in_module(ctx, r, f, release, p) : NOT_PLACED;

	if (pl != NOT_PLACED)
		return pl;
	int err = debuginfo_vmlinux(ctx, release, vmlinux_build_id(r), &p->o, &why);
	if (err < 0) {
		lookup_failed(r, f, "vmlinux", err, why);
		return from_kallsyms(r, f, 0) ? IN_KALLSYMS : NO_LAYOUT;
	}
	if (!r->has_kernel_offset && !kernel_offset(ctx, r, p->o)) {
		set_error(f, "raw address 0x%" PRIx64 " and no \"Kernel Offset:\" line or snapshot "
			  "to place it", f->address);
		return NO_LAYOUT;
	}
	p->addr = f->address - r->kernel_offset;
	/* .data..percpu is linked at 0: an offset into each CPU's area, not an address */
	if (!debuginfo_section(p->o, p->addr, &p->sec) || p->sec.start == 0)
		return NOT_PLACED;
	verify_object(ctx, r, p->o);
	return PLACED;
}

/* the symbol holding the address in its own section, as kallsyms would name it */
static const struct objsym *name_symbol(struct frame *f, const struct place *p)
{
	const struct objsym *s =
		debuginfo_symbol_in(p->o, p->addr, p->sec.start, (uint32_t)p->sec.shndx);

	if (s) {
		snprintf(f->symbol, sizeof(f->symbol), "%s", objsym_name(p->o, s));
		f->offset = p->addr - s->address;
		f->has_offset = true;
	}
	return s;
}

/* "[<ffffffff8107a4b3>]" alone: vmlinux is placed by the KASLR offset, modules by
 * a snapshot */
static void resolve_raw(struct kdecode_ctx *ctx, struct report *r, struct frame *f,
			const char *release)
{
	struct place p;

	if (!f->has_address) {
		set_error(f, "no symbol and no address");
		return;
	}
	switch (place_address(ctx, r, f, release, &p)) {
	case PLACED:
		break;
	case NOT_PLACED:
		set_error(f, "address 0x%" PRIx64 " is not in vmlinux%s", f->address,
			  r->snapshot ? " or any module of the snapshot" : " (a module? use -s)");
		return;
	case IN_MODULE:
	case NO_LAYOUT:
	case IN_KALLSYMS:
		return;
	}
	name_symbol(f, &p);
	describe(ctx, r, p.o, f, p.addr, f->symbol[0] ? f->symbol : "??");
}

/* the module or vmlinux a frame with a symbol names: 0 or -errno, as debuginfo_*() */
static int frame_object(struct kdecode_ctx *ctx, const struct report *r, const struct frame *f,
			const char *release, struct objfile **o, const char **why)
{
	if (f->module[0]) {
		const struct snapshot_module *m =
			r->snapshot ? snapshot_module(r->snapshot, f->module) : NULL;
		/* "[oopsmod 8e3c...]" (CONFIG_STACKTRACE_BUILD_ID), else the snapshot's */
		const char *id = f->module_build_id[0] ? f->module_build_id
				 : m			 ? m->build_id
							 : NULL;
		return debuginfo_module(ctx, release, f->module, id, m, o, why);
	}
	return debuginfo_vmlinux(ctx, release, vmlinux_build_id(r), o, why);
}

static void resolve_frame(struct kdecode_ctx *ctx, struct report *r, struct frame *f,
			  const char *release)
{
	struct objfile *o;
	const char *why;
	int err;

	if (f->bad_module[0]) {
		set_error(f, "'%s' is not a module name", f->bad_module);
		return;
	}
	if (!f->symbol[0]) {
		resolve_raw(ctx, r, f, release);
		return;
	}
	err = frame_object(ctx, r, f, release, &o, &why);
	if (err < 0) {
		lookup_failed(r, f, f->module[0] ? f->module : "vmlinux", err, why);
		return;
	}
	verify_object(ctx, r, o);
	const struct objsym *s = choose_symbol(o, f);
	if (s == NULL)
		return;
	verify_frame(ctx, r, f, o, s);
	if (!o->has_dwarf)
		report_add_warning(r, "'%s': no debug info", o->path);
	describe(ctx, r, o, f, s->address + f->offset, f->symbol);
}

#define STRING_MAX 120

/* The NUL-terminated string of a SHF_STRINGS section at address, cut at STRING_MAX;
 * *inside says how far into it address is: a register that walked a string ("RSI" after
 * a strcmp) points into it, or at its end */
static char *read_string(struct objfile *o, const struct place *p, size_t *inside)
{
	size_t avail;
	const char *at = debuginfo_bytes(o, p->addr, &avail);

	if (at == NULL)
		return NULL;
	/* the section's bytes: back to the string's start, no further than its own */
	const char *buf = at - p->sec.offset;
	size_t size = (size_t)p->sec.offset + avail, offset = (size_t)p->sec.offset;
	size_t start = offset;
	while (start > 0 && buf[start - 1] != '\0' && offset - start < STRING_MAX)
		start--;
	size_t n = strnlen(buf + start, size - start);
	if (n == size - start)
		return NULL; /* no NUL before the end: no string */
	*inside = offset - start;
	if (n <= STRING_MAX)
		return xstrndup(buf + start, n);
	return xasprintf("%.*s...", STRING_MAX, buf + start);
}

/* the DWARF variable a data symbol is: name, type and declaration */
static void find_variable(const struct kdecode_ctx *ctx, struct objfile *o, struct value *v,
			  uint64_t address)
{
	struct objvariable var;

	if (!debuginfo_variable(o, address, &var))
		return;
	v->variable = xstrdup(var.name);
	v->variable_type = var.type;
	if (var.file) {
		v->variable_file = shorten_path(ctx, var.file, var.comp_dir, NULL);
		v->variable_line = var.line;
	}
}

/* A value that lands in vmlinux or a module: code is described as a frame is (without
 * stepping back: it points at an instruction, it was not called from); data as the
 * variable holding it, or the string it points at */
static void resolve_value(struct kdecode_ctx *ctx, struct report *r, struct value *v,
			  const char *release)
{
	struct frame *f = &v->f;
	struct place p;

	switch (place_address(ctx, r, f, release, &p)) {
	case PLACED:
		break;
	case IN_MODULE:
		v->is_shown = true;
		return;
	case IN_KALLSYMS:
		v->is_shown = true;
		v->is_data = f->kallsyms_type != 't' && f->kallsyms_type != 'T';
		return;
	case NOT_PLACED:
		/* an address printed as one, in the kernel's half, that is in nothing the
		 * snapshot knows: unmapped, the reason "Unable to access opcode bytes" */
		v->is_shown = v->is_address && r->snapshot && f->address >> 63;
		if (v->is_shown)
			set_error(f, "0x%" PRIx64 " is in no section of vmlinux or of any module "
				  "of the snapshot", f->address);
		return;
	case NO_LAYOUT:
		free(TAKE_PTR(f->error)); /* a register need not hold an address at all */
		f->lacks_debug_file = false;
		return;
	}
	v->is_shown = true;
	const struct objsym *s = name_symbol(f, &p);
	v->is_data = !(p.sec.flags & SHF_EXECINSTR);
	if (!v->is_data) {
		describe(ctx, r, p.o, f, p.addr, f->symbol[0] ? f->symbol : "??");
		return;
	}
	f->object = xstrdup(p.o->path);
	set_section(f, &p, 0);
	if (p.sec.flags & SHF_STRINGS)
		v->string = read_string(p.o, &p, &v->string_offset);
	if (s && s->is_object)
		find_variable(ctx, p.o, v, s->address);
}

/* The -s record in force at the report's time, said when there was a choice; then
 * "Modules linked in:" against it, both ways: a mismatch means the wrong record */
static void choose_snapshot(struct kdecode_ctx *ctx, struct report *r, const char *release)
{
	const struct snapshot *s;

	if (ctx->snapshots == NULL)
		return;
	/* a report that names no release may belong to any record, not just the running
	 * kernel's: the running kernel is rarely the crashed one */
	if (!ctx->opts.release && !r->release)
		release = NULL;
	s = r->snapshot = snapshot_select(ctx->snapshots, release,
					  r->has_kernel_text ? &r->kernel_text : NULL, r->has_time,
					  (double)r->time_us / 1e6);
	if (s == NULL) {
		verify_mismatch(ctx, r, "no snapshot record of release %s",
				release ? release : "(unknown)");
		return;
	}
	if (ctx->snapshots->n > 1)
		NOTICE(ctx, "'%s': line %lu: using the snapshot record of '%s' line %lu "
			    "(captured %s, uptime %.2f)\n", r->source, r->first_line, s->source,
		       s->line, s->captured, s->uptime);
	/* marks of the record's modules the report names: linear, for 100,000 modules */
	bool *named = r->has_modules ? xcalloc(s->n_modules + 1, sizeof(*named)) : NULL;
	for (size_t i = 0; r->has_modules && i < r->n_modules; i++) {
		const struct snapshot_module *m = snapshot_module(s, r->modules[i].name);
		if (m)
			named[m - s->modules] = true;
		else
			verify_mismatch(ctx, r, "module %s is loaded in the report but not in the "
					"snapshot record of '%s' line %lu", r->modules[i].name,
					s->source, s->line);
	}
	for (size_t i = 0; r->has_modules && i < s->n_modules; i++) {
		bool found = named[i];
		if (!found)
			verify_mismatch(ctx, r, "module %s is in the snapshot record of '%s' line %lu "
					"but not in the report's \"Modules linked in:\"",
					s->modules[i].name, s->source, s->line);
	}
	free(named);
}

/* where the pc is in its object's own layout, from its symbol+offset; NULL when the
 * frame could not be looked up (its error said why already) */
static struct objfile *code_object(struct kdecode_ctx *ctx, struct report *r,
				   const struct report_code *rc, const char *release, uint64_t *at)
{
	const struct frame *pc = &r->frames[rc->pc];
	struct objfile *o;
	const char *why;

	if (pc->error || pc->is_user || !pc->symbol[0] || pc->is_from_kallsyms ||
	    frame_object(ctx, r, pc, release, &o, &why) < 0)
		return NULL;
	struct frame tmp = { .has_size = pc->has_size, .size = pc->size, .offset = pc->offset };
	snprintf(tmp.symbol, sizeof(tmp.symbol), "%s", pc->symbol);
	const struct objsym *s = choose_symbol(o, &tmp);
	free(tmp.error);
	if (s == NULL || s->address + pc->offset < rc->code.pc_past_trap)
		return NULL;
	*at = s->address + pc->offset - rc->code.pc_past_trap;
	return o;
}

/* Each instruction of the Code: dump at its distance from the trapping one: its runtime
 * address when the pc's is known (s390 prints it on each line), and, through the pc's
 * object, the symbol+offset and inline chain there, as a frame's (an instruction is no
 * return address: looked up at itself) */
static void resolve_code(struct kdecode_ctx *ctx, struct report *r, struct report_code *rc,
			 const char *release)
{
	struct disasm *d = rc->disasm;
	const struct arch_code *c = &rc->code;
	const struct frame *pc = rc->pc >= 0 ? &r->frames[rc->pc] : NULL;
	size_t trap = c->has_trap ? c->trap_offset : 0;
	uint64_t pc_obj = 0;
	struct objfile *o = pc ? code_object(ctx, r, rc, release, &pc_obj) : NULL;
	/* printed, or placed by its frame's decoding (a snapshot's module layout) */
	bool has_pc_address = c->has_address || rc->has_pc_address || (pc && pc->has_address);
	uint64_t pc_address = c->has_address	  ? c->address + trap
			      : rc->has_pc_address ? rc->pc_address
			      : pc		   ? pc->address
						   : 0;

	if (d == NULL || !c->has_trap || (o == NULL && !has_pc_address))
		return;
	if (o) {
		verify_object(ctx, r, o);
		verify_code(ctx, r, rc, o, pc_obj,
			    o->is_vmlinux && r->has_kernel_offset ? r->kernel_offset : 0);
	}
	for (size_t i = 0; i < d->n_insns; i++) {
		struct insn *in = &d->insns[i];
		struct frame *f = &in->where;
		int64_t delta = (int64_t)in->offset - (int64_t)trap;
		f->line = c->line;
		f->address = pc_address + (uint64_t)delta;
		f->has_address = has_pc_address;
		if (o == NULL) {
			/* a bare pc (s390's dump, a raw frame): placed as a bare address is */
			if (has_pc_address && !rc->is_user_pc)
				resolve_raw(ctx, r, f, release);
			continue;
		}
		struct place p = { .o = o, .addr = pc_obj + (uint64_t)delta };
		if (!debuginfo_section(o, p.addr, &p.sec))
			continue;
		snprintf(f->module, sizeof(f->module), "%s", pc->module);
		name_symbol(f, &p);
		describe(ctx, r, o, f, p.addr, f->symbol[0] ? f->symbol : "??");
	}
}

void resolve_report(struct kdecode_ctx *ctx, struct report *r)
{
	const char *release = resolve_release(ctx, r);

	choose_snapshot(ctx, r, release);
	/* a report that names no release (a hung task's): its snapshot record's, rather
	 * than the running kernel's */
	if (!ctx->opts.release && !r->release && r->snapshot && r->snapshot->release)
		release = r->snapshot->release;

	for (size_t i = 0; i < r->n_frames; i++) {
		struct frame *f = &r->frames[i];
		resolve_frame(ctx, r, f, release);
		ctx->n_frames++;
		if (f->error)
			ctx->n_unresolved++;
	}
	for (size_t i = 0; i < r->n_values; i++)
		resolve_value(ctx, r, &r->values[i], release);
	for (size_t i = 0; i < r->n_codes; i++)
		resolve_code(ctx, r, &r->codes[i], release);
}
