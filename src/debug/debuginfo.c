// SPDX-License-Identifier: GPL-2.0-or-later
/* debuginfo.c: find and open vmlinux and .ko files (paths, build IDs) and index their symbols. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <gelf.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwelf.h>
#include <elfutils/libdwfl.h>

#include "debug/debuginfo.h"
#include "debug/decompress.h"
#include "debug/find.h"
#include "debug/index.h"
#include "debug/scopes.h"
#include "debug/symbols.h"
#include "debug/variables.h"
#include "log.h"
#include "shared/hash.h"
#include "shared/helper.h"
#include "shared/strbuf.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

/* an object file looked for once: found, missing, or unreadable */
struct lookup {
	struct objfile *obj;
	int err;
	char *why;
};

/* the files of one kernel release ("" when the release is unknown) */
struct kernel {
	char *release;
	struct lookup vmlinux;
	bool has_vmlinux_lookup;
	struct hash *modules;		/* name with '-' as '_' -> struct lookup */
};

struct debuginfo {
	struct hash *kernels;
	struct lookup given_vmlinux;	/* -k: one vmlinux whatever the release */
	bool has_given_vmlinux;
	struct finder *finder;		/* where the files are */
	char *debuginfo_path;		/* where separate .debug files live (under --sysroot) */
	Dwfl_Callbacks callbacks;	/* libdwfl keeps a pointer to it */
	Dwfl_Callbacks placed_callbacks; /* modules at a snapshot's addresses */
};

/* releases whose files are kept open at once */
#define KERNELS_MAX 8

static void objfile_free(struct objfile *o)
{
	if (o == NULL)
		return;
	dwfl_end(o->dwfl);
	if (o->fd >= 0)
		close(o->fd);
	free(o->by_name);
	free(o->by_name_syms);
	free(o->sym_files);
	free(o->sym_file_of);
	if (!o->is_syms_mapped)
		free(o->syms);
	free(o->own_names);
	variables_free(o);
	free(o->banner);
	free(o->vermagic);
	scopes_free(o);
	index_free(o->index);
	if (o->file_elf)
		elf_end(o->file_elf);
	if (o->file_fd >= 0)
		close(o->file_fd);
	if (o->own_place) {
		for (size_t i = 0; i < o->own_place->n_sections; i++)
			free(o->own_place->sections[i].name);
		free(o->own_place->sections);
		free(o->own_place);
	}
	free(o->name);
	free(o->path);
	free(o);
}

static void lookup_free(void *p)
{
	struct lookup *l = p;

	if (l == NULL)
		return;
	objfile_free(l->obj);
	free(l->why);
	free(l);
}


static void kernel_free(void *p)
{
	struct kernel *k = p;

	if (k == NULL)
		return;
	objfile_free(k->vmlinux.obj);
	free(k->vmlinux.why);
	hash_free(k->modules);
	free(k->release);
	free(k);
}

void debuginfo_free(struct debuginfo *di)
{
	if (di == NULL)
		return;
	hash_free(di->kernels);
	objfile_free(di->given_vmlinux.obj);
	free(di->given_vmlinux.why);
	finder_free(di->finder);
	free(di->debuginfo_path);
	free(di);
}

/* the module's file, for a module reported at a snapshot's base (userdata: objfile) */
static int placed_find_elf(Dwfl_Module *mod, void **userdata, const char *modname,
			   Dwarf_Addr base, char **file_name, Elf **elfp)
{
	const struct objfile *o = *userdata;
	/* libdwfl takes the fd: a decompressed .ko.zst is lent as a duplicate */
	int fd = o->fd >= 0 ? dup(o->fd) : open(o->path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		*file_name = xstrdup(o->path);
	return fd;
}

/* ET_REL sections at the addresses /sys/module/M/sections showed; one the snapshot
 * lacks was not loaded (-1 tells libdwfl so) */
static int placed_section_address(Dwfl_Module *mod, void **userdata, const char *modname,
				  Dwarf_Addr base, const char *secname, GElf_Word shndx,
				  const GElf_Shdr *shdr, Dwarf_Addr *addr)
{
	const struct objfile *o = *userdata;
	const struct snapshot_section *sec = snapshot_section(o->place, secname);

	*addr = sec ? sec->address : (Dwarf_Addr)-1;
	return 0;
}

static struct debuginfo *get_debuginfo(struct kdecode_ctx *ctx)
{
	if (ctx->debuginfo)
		return ctx->debuginfo;

	struct debuginfo *di = xcalloc(1, sizeof(*di));
	di->kernels = hash_new(kernel_free);
	di->finder = finder_new(ctx);
	/* separate debug files: next to the file, in .debug/, and under <root>/usr/lib/debug */
	struct strbuf path = STRBUF_INIT;
	strbuf_printf(&path, ":.debug:%s/usr/lib/debug", ctx->opts.root ? ctx->opts.root : "");
	di->debuginfo_path = strbuf_steal(&path);
	di->callbacks = (Dwfl_Callbacks){
		.find_elf = dwfl_build_id_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.section_address = dwfl_offline_section_address,
		.debuginfo_path = &di->debuginfo_path,
	};
	di->placed_callbacks = (Dwfl_Callbacks){
		.find_elf = placed_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.section_address = placed_section_address,
		.debuginfo_path = &di->debuginfo_path,
	};
	elf_version(EV_CURRENT);
	ctx->debuginfo = di;
	return di;
}

static struct kernel *get_kernel(struct kdecode_ctx *ctx, const char *release)
{
	struct debuginfo *di = get_debuginfo(ctx);
	const char *key = release ? release : "";
	struct kernel *k = hash_find(di->kernels, key);

	if (k)
		return k;
	/* a log of many releases (a CI farm's, or a hostile one) must not grow the cache
	 * with each: past KERNELS_MAX, start again. A report uses one release, so nothing
	 * of the dropped ones is in use; files are reopened if their release comes back */
	if (hash_count(di->kernels) >= KERNELS_MAX) {
		hash_free(di->kernels);
		di->kernels = hash_new(kernel_free);
	}
	k = xcalloc(1, sizeof(*k));
	k->release = xstrdup(key);
	k->modules = hash_new(lookup_free);
	hash_add(di->kernels, key, k);
	return k;
}

/* gzip and xz: libdwfl decompresses them itself (zstd is ours: decompress.c) */
static bool is_compressed(const char *path)
{
	size_t n = strlen(path);

	return (n > 3 && streq(path + n - 3, ".gz")) || (n > 3 && streq(path + n - 3, ".xz"));
}

/* a download or copy that stopped early: the section header table is written last */
static bool is_cut_short(int fd, const GElf_Ehdr *ehdr, size_t shnum)
{
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	return ehdr->e_shoff + (uint64_t)shnum * ehdr->e_shentsize > (uint64_t)st.st_size;
}

/* Before libdwfl sees the file: is it the ELF object we need? Its own messages
 * ("invalid ELF file") would not tell a user that vmlinuz is not vmlinux. */
/* what tells this file from another of its build (a stripped twin, a copy damaged in
 * its section headers): a CRC-32 of its size, ELF header and section headers */
static uint32_t file_ident(int fd, Elf *elf, const GElf_Ehdr *ehdr)
{
	struct stat st;
	uLong crc = crc32(0, NULL, 0);
	Elf_Scn *scn = NULL;
	uint64_t size = fstat(fd, &st) == 0 ? (uint64_t)st.st_size : 0;

	crc = crc32(crc, (const Bytef *)&size, sizeof(size));
	crc = crc32(crc, (const Bytef *)ehdr, sizeof(*ehdr));
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr shdr;
		if (gelf_getshdr(scn, &shdr))
			crc = crc32(crc, (const Bytef *)&shdr, sizeof(shdr));
	}
	return (uint32_t)crc;
}

/* A gzip or xz file's build ID and ident (libdwfl decompresses it, and says what is
 * wrong with it): decompressed here too, to find its index. Left empty when it cannot
 * be read. */
static void compressed_ident(const char *path, char *build_id, uint32_t *ident)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *elf = fd >= 0 ? dwelf_elf_begin(fd) : NULL;
	GElf_Ehdr ehdr;
	const void *id;
	ssize_t len;

	if (elf && elf_kind(elf) == ELF_K_ELF && gelf_getehdr(elf, &ehdr) &&
	    (len = dwelf_elf_gnu_build_id(elf, &id)) > 0) {
		hex_encode(id, (size_t)len, build_id, BUILD_ID_HEX_MAX + 1);
		*ident = file_ident(fd, elf, &ehdr);
	}
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
}

static int check_elf(const char *path, int given_fd, bool want_vmlinux, char *build_id,
		     uint32_t *ident, char **why)
{
	int fd = given_fd >= 0 ? given_fd : open(path, O_RDONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0) {
		err = -errno;
		*why = xasprintf("cannot open '%s': %s", path, strerror(errno));
		return err;
	}
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	GElf_Ehdr ehdr;
	size_t shnum, shstrndx;
	if (elf == NULL || elf_kind(elf) != ELF_K_ELF) {
		err = -ENOEXEC;
		*why = xasprintf("'%s': not an ELF file%s", path,
			       want_vmlinux ? " (a compressed vmlinuz? use the vmlinux from the"
					      " kernel's debug package)"
					    : "");
	} else if (gelf_getehdr(elf, &ehdr) == NULL || elf_getshdrnum(elf, &shnum) < 0 ||
		   elf_getshdrstrndx(elf, &shstrndx) < 0) {
		err = -ENOEXEC;
		*why = xasprintf("'%s': corrupt ELF file: %s", path, elf_errmsg(-1));
	} else if (is_cut_short(fd, &ehdr, shnum)) {
		err = -ENOEXEC;
		*why = xasprintf("'%s': truncated ELF file (its section headers lie past its end)",
			       path);
	} else if (want_vmlinux && ehdr.e_type != ET_EXEC && ehdr.e_type != ET_DYN) {
		err = -ENOEXEC;
		*why = xasprintf("'%s': not a vmlinux (ELF type %u; a module?)", path, ehdr.e_type);
	} else if (!want_vmlinux && ehdr.e_type != ET_REL) {
		err = -ENOEXEC;
		*why = xasprintf("'%s': not a kernel module (ELF type %u, want ET_REL)", path,
			       ehdr.e_type);
	}
	const void *id;
	ssize_t len = err == 0 ? dwelf_elf_gnu_build_id(elf, &id) : -1;
	hex_encode(id, len > 0 ? (size_t)len : 0, build_id, BUILD_ID_HEX_MAX + 1);
	*ident = err == 0 ? file_ident(fd, elf, &ehdr) : 0;
	elf_end(elf);
	if (fd != given_fd)
		close(fd);
	return err;
}

static void read_build_id(struct objfile *o)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	int len = dwfl_module_build_id(o->mod, &bits, &vaddr);

	hex_encode(bits, len > 0 ? (size_t)len : 0, o->build_id, sizeof(o->build_id));
}

/* as the kernel's own modules are reported (dwfl_linux_kernel_report_modules): at the
 * base and size of /proc/modules, the callbacks finding the file and the sections */
static Dwfl_Module *report_placed(struct objfile *o, const char *name)
{
	Dwfl_Module *mod = dwfl_report_module(o->dwfl, name, o->place->base,
					      o->place->base + o->place->size);
	void **userdata;

	if (mod) {
		dwfl_module_info(mod, &userdata, NULL, NULL, NULL, NULL, NULL, NULL);
		*userdata = o;
	}
	return mod;
}

static int open_object(struct kdecode_ctx *ctx, const char *path, const char *name,
		       bool is_vmlinux, const struct snapshot_module *place, bool may_use_index,
		       struct objfile **out, char **why);

/* o from its index in the cache, when there is one to trust */
static bool from_index(struct kdecode_ctx *ctx, struct objfile *o, const char *build_id)
{
	char *why;

	if (!index_load(ctx, o, build_id, &why)) {
		if (why && kd_first_time(ctx, why))
			NOTICE(ctx, "%s\n", why);
		free(why);
		return false;
	}
	if (!o->is_vmlinux)
		symbols_finish(o);	/* a module's layout is the snapshot's, or libdwfl's */
	if (kd_first_time(ctx, o->path))
		INFO(ctx, "using '%s' for %s, from its index\n", o->path, o->name);
	return true;
}

static int open_objfile(struct kdecode_ctx *ctx, const char *path, const char *name,
			bool is_vmlinux, const struct snapshot_module *place,
			struct objfile **out, char **why)
{
	return open_object(ctx, path, name, is_vmlinux, place, true, out, why);
}

int debuginfo_open(struct kdecode_ctx *ctx, const char *path, struct objfile **out, char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *elf;
	GElf_Ehdr ehdr;

	*why = NULL;
	if (fd < 0) {
		int err = -errno;
		*why = xasprintf("cannot open '%s': %s", path, strerror(errno));
		return err;
	}
	elf_version(EV_CURRENT);
	elf = dwelf_elf_begin(fd);	/* a .ko.xz too */
	bool is_module = elf && gelf_getehdr(elf, &ehdr) && ehdr.e_type == ET_REL;
	elf_end(elf);
	close(fd);
	/* the module's name, as a frame prints it: the file's, up to its first '.' */
	const char *base = strrchr(path, '/');
	char *name = xstrndup(base ? base + 1 : path, strcspn(base ? base + 1 : path, "."));
	int err = open_object(ctx, path, is_module ? name : "vmlinux", !is_module, NULL, false,
			      out, why);
	free(name);
	return err;
}

int debuginfo_check_vmlinux(const char *path, char **why)
{
	char build_id[BUILD_ID_HEX_MAX + 1];
	uint32_t ident;

	*why = NULL;
	elf_version(EV_CURRENT);
	/* gzip and xz: libdwfl reads them, and says what is wrong with one */
	return is_compressed(path) ? 0 : check_elf(path, -1, true, build_id, &ident, why);
}

void debuginfo_close(struct objfile *o)
{
	objfile_free(o);
}

static int cmp_section_name(const void *a, const void *b)
{
	return strcmp(((const struct snapshot_section *)a)->name,
		      ((const struct snapshot_section *)b)->name);
}

/* far from 0 (a section a snapshot lacks is at 0), in 32-bit reach too */
#define APART_BASE 0x10000000u
#define APART_GAP 0x10000u

int debuginfo_open_apart(struct kdecode_ctx *ctx, const struct objfile *o,
			 struct objfile **out, char **why)
{
	Dwarf_Addr bias;
	Elf *elf = o->mod ? dwfl_module_getelf(o->mod, &bias) : NULL;
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	struct snapshot_module *m = xcalloc(1, sizeof(*m));
	uint64_t at = APART_BASE;

	*why = NULL;
	if (elf == NULL || elf_getshdrstrndx(elf, &shstrndx) < 0) {
		free(m);
		*why = xasprintf("'%s': cannot read its section headers", o->path);
		return -ENOEXEC;
	}
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr shdr;
		const char *name;
		if (gelf_getshdr(scn, &shdr) == NULL || !(shdr.sh_flags & SHF_ALLOC) ||
		    (name = elf_strptr(elf, shstrndx, shdr.sh_name)) == NULL ||
		    snapshot_section(m, name))
			continue;
		uint64_t align = shdr.sh_addralign > 0x1000 ? shdr.sh_addralign : 0x1000;
		at = (at + align - 1) & ~(align - 1);
		m->sections = xreallocarray(m->sections, m->n_sections + 1, sizeof(*m->sections));
		m->sections[m->n_sections++] =
			(struct snapshot_section){ .name = xstrdup(name), .address = at };
		qsort(m->sections, m->n_sections, sizeof(*m->sections), cmp_section_name);
		at += shdr.sh_size + APART_GAP;
	}
	snprintf(m->name, sizeof(m->name), "%s", o->name);
	m->base = APART_BASE;
	m->size = at - APART_BASE;
	int err = open_object(ctx, o->path, o->name, false, m, false, out, why);
	if (err < 0) {
		for (size_t i = 0; i < m->n_sections; i++)
			free(m->sections[i].name);
		free(m->sections);
		free(m);
		return err;
	}
	(*out)->own_place = m;
	return 0;
}

static int open_object(struct kdecode_ctx *ctx, const char *path, const char *name,
		       bool is_vmlinux, const struct snapshot_module *place, bool may_use_index,
		       struct objfile **out, char **why)
{
	struct debuginfo *di = get_debuginfo(ctx);
	int err, fd = -1;
	char build_id[BUILD_ID_HEX_MAX + 1] = "";
	uint32_t ident = 0;

	if (decompress_is_needed(path) && (err = decompress_zstd(path, &fd, why)) < 0)
		return err;
	if (is_compressed(path)) {
		compressed_ident(path, build_id, &ident);
	} else if ((err = check_elf(path, fd, is_vmlinux, build_id, &ident, why)) < 0) {
		if (fd >= 0)
			close(fd);
		return err;
	}

	struct objfile *o = xcalloc(1, sizeof(*o));
	o->name = xstrdup(name);
	o->path = xstrdup(path);
	o->fd = fd;	/* o owns it now */
	o->file_fd = -1;
	o->is_vmlinux = is_vmlinux;
	o->place = place;
	o->file_ident = ident;
	if (may_use_index && build_id[0] && from_index(ctx, o, build_id)) {
		*out = o;
		return 0;
	}
	o->dwfl = dwfl_begin(place ? &di->placed_callbacks : &di->callbacks);
	if (o->dwfl == NULL) {
		*why = xasprintf("'%s': %s", path, dwfl_errmsg(-1));
		objfile_free(o);
		return -ENOMEM;
	}
	dwfl_report_begin(o->dwfl);
	/* vmlinux keeps its link-time addresses; libdwfl lays out an ET_REL's sections.
	 * libdwfl takes the fds it is given: a duplicate of a decompressed .ko.zst's */
	if (is_vmlinux)
		o->mod = dwfl_report_elf(o->dwfl, name, path, -1, 0, false);
	else if (place == NULL)
		o->mod = dwfl_report_offline(o->dwfl, name, path, fd >= 0 ? dup(fd) : -1);
	else
		o->mod = report_placed(o, name);
	dwfl_report_end(o->dwfl, NULL, NULL);
	if (o->mod == NULL) {
		*why = xasprintf("'%s': %s", path, dwfl_errmsg(-1));
		objfile_free(o);
		return -ENOEXEC;
	}
	Dwarf_Addr bias;
	GElf_Ehdr ehdr;
	Elf *elf = dwfl_module_getelf(o->mod, &bias);
	if (elf && gelf_getehdr(elf, &ehdr))
		o->machine = ehdr.e_machine;
	o->has_dwarf = dwfl_module_getdwarf(o->mod, &bias) != NULL;
	read_build_id(o);
	symbols_read(o, may_use_index);
	if (o->n_syms == 0) {
		*why = xasprintf("'%s': no symbol table", path);
		objfile_free(o);
		return -ENOEXEC;
	}
	if (!o->has_dwarf && kd_first_time(ctx, path))
		WARN(ctx, "'%s': no debug info (stripped?): only symbols will be shown; "
			  "install the kernel's debug package\n", path);
	/* once per run, not once per release or snapshot record that opens it again: so
	 * too with -j, where each worker opens its own */
	if (ctx->log_priority >= LOG_INFO) {
		const char *debugfile = NULL;
		dwfl_module_info(o->mod, NULL, NULL, NULL, NULL, NULL, NULL, &debugfile);
		/* a .gnu_debuglink or build-ID .debug file libdwfl found for a stripped one */
		char *msg = debugfile && !streq(debugfile, path)
				    ? xasprintf("using '%s' for %s, with the debug info of '%s'",
						path, name, debugfile)
				    : xasprintf("using '%s' for %s", path, name);
		if (kd_first_time(ctx, msg))
			INFO(ctx, "%s\n", msg);
		free(msg);
	}
	*out = o;
	return 0;
}

/* a file that is there but cannot be used is an error (exit 3); one that is absent,
 * a warning (the frames stay unresolved); either is said once */
static void tell(struct kdecode_ctx *ctx, const struct lookup *l)
{
	if (l->err == 0)
		return;
	if (l->err != -ENOENT)
		ctx->n_unreadable++;	/* counted even when no longer said */
	if (!kd_first_time(ctx, l->why))
		return;
	if (l->err == -ENOENT)
		WARN(ctx, "%s\n", l->why);
	else
		ERR(ctx, "%s\n", l->why);
}

static void find_vmlinux(struct kdecode_ctx *ctx, struct kernel *k, const char *release,
			 const char *build_id)
{
	struct lookup *l = &k->vmlinux;
	char *path = find_vmlinux_path(ctx, ctx->debuginfo->finder, release, build_id, &l->why);

	k->has_vmlinux_lookup = true;
	if (path == NULL) {
		l->err = -ENOENT;
		return;
	}
	l->err = open_objfile(ctx, path, "vmlinux", true, NULL, &l->obj, &l->why);
	free(path);
}

int debuginfo_vmlinux(struct kdecode_ctx *ctx, const char *release, const char *build_id,
		      struct objfile **out, const char **why)
{
	struct debuginfo *di = get_debuginfo(ctx);
	struct lookup *l;

	if (ctx->opts.vmlinux) {
		l = &di->given_vmlinux;
		if (!di->has_given_vmlinux) {
			di->has_given_vmlinux = true;
			l->err = open_objfile(ctx, ctx->opts.vmlinux, "vmlinux", true, NULL,
					      &l->obj, &l->why);
		}
	} else {
		/* no release: the build ID tells kernels apart */
		char *key = release || !build_id || !build_id[0] ? NULL : xasprintf("@%s", build_id);
		struct kernel *k = get_kernel(ctx, key ? key : release);
		free(key);
		l = &k->vmlinux;
		if (!k->has_vmlinux_lookup)
			find_vmlinux(ctx, k, release, build_id);
	}
	tell(ctx, l);
	*out = l->obj;
	*why = l->why;
	return l->err;
}

int debuginfo_module(struct kdecode_ctx *ctx, const char *release, const char *name,
		     const char *build_id, const struct snapshot_module *place,
		     struct objfile **out, const char **why)
{
	struct kernel *k = get_kernel(ctx, release);
	char plain[MODULE_NAME_LEN * 2], key[sizeof(plain) + 32];

	frame_normalize_module_name(name, plain, sizeof(plain));
	/* one placed copy per snapshot record: a history moves modules between records */
	snprintf(key, sizeof(key), place ? "%s@%p" : "%s", plain, (const void *)place);
	struct lookup *l = hash_find(k->modules, key);
	if (l == NULL) {
		l = xcalloc(1, sizeof(*l));
		char *path = find_module_path(ctx, ctx->debuginfo->finder, release, name,
					      build_id, &l->why);
		if (path)
			l->err = open_objfile(ctx, path, name, false, place, &l->obj, &l->why);
		else
			l->err = -ENOENT;
		free(path);
		hash_add(k->modules, key, l);
	}
	tell(ctx, l);
	*out = l->obj;
	*why = l->why;
	return l->err;
}

bool debuginfo_section(const struct objfile *o, uint64_t address, struct objsection *s)
{
	if (o->index)
		return index_section(o->index, address, s);

	Dwarf_Addr off = address, bias;
	Elf_Scn *scn = dwfl_module_address_section(o->mod, &off, &bias);
	Elf *elf = dwfl_module_getelf(o->mod, &bias);
	GElf_Shdr shdr;
	size_t shstrndx;

	if (scn == NULL || elf == NULL || gelf_getshdr(scn, &shdr) == NULL ||
	    elf_getshdrstrndx(elf, &shstrndx) < 0)
		return false;
	*s = (struct objsection){
		.name = elf_strptr(elf, shstrndx, shdr.sh_name),
		.shndx = elf_ndxscn(scn),
		.start = address - off,
		.offset = off,
		.flags = shdr.sh_flags,
		.type = shdr.sh_type,
	};
	return true;
}

void debuginfo_locate(struct objfile *o, uint64_t pc, struct objloc *loc)
{
	*loc = (struct objloc){ 0 };
	if (o->index) {
		index_locate(o->index, pc, loc);
		return;
	}
	if (!o->has_dwarf)
		return;

	Dwarf_Addr bias = 0;
	Dwarf_Die *cu = dwfl_module_addrdie(o->mod, pc, &bias);
	Dwfl_Line *dl = dwfl_module_getsrc(o->mod, pc);
	Dwarf_Attribute attr;

	if (dl)
		loc->file = dwfl_lineinfo(dl, NULL, &loc->line, &loc->col, NULL, NULL);
	if (cu == NULL)
		return;
	/* the unit of the last address, most often: its DIE's attributes not read again */
	if (cu->addr != o->locate_unit) {
		o->locate_unit = cu->addr;
		o->locate_name = dwarf_diename(cu);
		if (o->locate_name == NULL)
			o->locate_name = "?";
		o->locate_comp_dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &attr));
	}
	loc->unit = o->locate_name;
	loc->comp_dir = o->locate_comp_dir;
	loc->n_scopes = scopes_at(o, cu, pc - bias, &loc->scopes, &loc->error);
}

Elf *debuginfo_file_elf(struct objfile *o)
{
	if (o->has_file_elf)
		return o->file_elf;
	o->has_file_elf = true;
	o->file_fd = o->fd >= 0 ? dup(o->fd) : open(o->path, O_RDONLY | O_CLOEXEC);
	if (o->file_fd >= 0)
		o->file_elf = dwelf_elf_begin(o->file_fd);
	return o->file_elf;
}

/* the bytes of o's file at address (in o's layout): a pointer to them, and how many the
 * section holds from there; NULL when no section with bytes in the file holds address */
static const char *file_bytes(struct objfile *o, uint64_t address, size_t *avail, size_t *ndx,
			      uint64_t *offset)
{
	struct objsection sec;
	Elf *elf;
	Elf_Scn *fs;
	GElf_Shdr shdr;
	Elf_Data *d;

	if (!debuginfo_section(o, address, &sec) || (elf = debuginfo_file_elf(o)) == NULL ||
	    (fs = elf_getscn(elf, sec.shndx)) == NULL || gelf_getshdr(fs, &shdr) == NULL ||
	    shdr.sh_type == SHT_NOBITS || (d = elf_getdata(fs, NULL)) == NULL ||
	    d->d_buf == NULL || sec.offset >= d->d_size)
		return NULL;
	*avail = d->d_size - sec.offset;
	*ndx = sec.shndx;
	*offset = sec.offset;
	return (const char *)d->d_buf + sec.offset;
}

const char *debuginfo_bytes(struct objfile *o, uint64_t address, size_t *avail)
{
	size_t ndx;
	uint64_t offset;

	return file_bytes(o, address, avail, &ndx, &offset);
}

size_t debuginfo_read(struct objfile *o, uint64_t address, void *buf, size_t size,
		      size_t *ndx, uint64_t *offset)
{
	size_t avail;
	const char *p = file_bytes(o, address, &avail, ndx, offset);

	if (p == NULL)
		return 0;
	if (avail < size)
		size = avail;
	memcpy(buf, p, size);
	return size;
}

/* init/version.c: "Linux version %s (%s) (%s) %s\n" of release, builder, compiler and
 * version */
#define BANNER_MAX 1024

const char *debuginfo_banner(struct objfile *o)
{
	const uint32_t *idx;
	size_t avail, ndx;
	uint64_t offset;

	if (o->has_banner_read)
		return o->banner;
	o->has_banner_read = true;
	if (debuginfo_symbols(o, "linux_banner", &idx) != 1)
		return NULL;
	const char *p = file_bytes(o, o->syms[idx[0]].address, &avail, &ndx, &offset);
	if (p == NULL)
		return NULL;
	size_t n = strnlen(p, avail < BANNER_MAX ? avail : BANNER_MAX);
	while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' '))
		n--;
	if (n == 0 || !startswith(p, "Linux version "))
		return NULL;
	o->banner = xstrndup(p, n);
	return o->banner;
}

/* .modinfo: "key=value" strings one after another, each ending in a NUL */
const char *debuginfo_vermagic(struct objfile *o)
{
	static const char key[] = "vermagic=";
	Elf *elf;
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (o->has_vermagic_read)
		return o->vermagic;
	o->has_vermagic_read = true;
	if ((elf = debuginfo_file_elf(o)) == NULL || elf_getshdrstrndx(elf, &shstrndx) < 0)
		return NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr shdr;
		const char *name;
		Elf_Data *d;
		if (gelf_getshdr(scn, &shdr) == NULL || shdr.sh_type == SHT_NOBITS ||
		    (name = elf_strptr(elf, shstrndx, shdr.sh_name)) == NULL ||
		    !streq(name, ".modinfo") || (d = elf_getdata(scn, NULL)) == NULL ||
		    d->d_buf == NULL)
			continue;
		const char *p = d->d_buf, *end = p + d->d_size;
		while (p < end) {
			size_t n = strnlen(p, (size_t)(end - p));
			if (n > STRLEN(key) && strncmp(p, key, STRLEN(key)) == 0 && p + n < end) {
				o->vermagic = xstrndup(p + STRLEN(key), n - STRLEN(key));
				return o->vermagic;
			}
			p += n + 1;
		}
	}
	return NULL;
}

/* the files of this run read from their DWARF, each build once */
static void unindexed(struct lookup *l, struct hash *ids, char ***paths, size_t *n)
{
	struct objfile *o = l ? l->obj : NULL;

	if (o == NULL || o->index || !o->has_dwarf || !o->build_id[0] ||
	    hash_contains(ids, o->build_id))
		return;
	hash_add(ids, o->build_id, NULL);
	*paths = xreallocarray(*paths, *n + 1, sizeof(**paths));
	(*paths)[(*n)++] = xstrdup(o->path);
}

size_t debuginfo_unindexed(struct kdecode_ctx *ctx, char ***paths)
{
	struct debuginfo *di = ctx->debuginfo;
	size_t n = 0, pos = 0, mpos;
	const char *key;
	void *value, *mvalue;

	*paths = NULL;
	if (di == NULL || index_cache_dir(ctx) == NULL)
		return 0;
	struct hash *ids = hash_new(NULL);
	unindexed(&di->given_vmlinux, ids, paths, &n);
	while (hash_next(di->kernels, &pos, &key, &value)) {
		struct kernel *k = value;
		unindexed(&k->vmlinux, ids, paths, &n);
		for (mpos = 0; hash_next(k->modules, &mpos, &key, &mvalue);)
			unindexed(mvalue, ids, paths, &n);
	}
	hash_free(ids);
	return n;
}
