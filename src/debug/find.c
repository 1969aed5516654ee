// SPDX-License-Identifier: GPL-2.0-or-later
/* find.c: where a kernel's vmlinux and modules are: options, the release's places, depmod's
 * choice, build-ID paths and debuginfod, in that order, each step said with -v. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <gelf.h>
#include <libkmod.h>
#include <elfutils/libdwelf.h>

#include "debug/debuginfod.h"
#include "debug/find.h"
#include "log.h"
#include "report/frame.h"
#include "shared/dlib.h"
#include "shared/hash.h"
#include "shared/strbuf.h"
#include "shared/util.h"

#define MODULE_DIR_MAX_DEPTH 16
/* releases whose indexes are kept at once (a log of many: start again past it) */
#define RELEASES_MAX 8

/* what is known of one release's modules, found on first use */
struct release_files {
	struct hash *given;		/* -m DIRs: name ('_') -> path */
	struct kmod_ctx *kmod;		/* <sysroot>/lib/modules/REL/modules.dep.bin, or NULL */
	bool has_kmod_tried;
	struct hash *searched;		/* the release's dirs searched: name -> path */
};

struct finder {
	struct hash *releases;		/* release ("" unknown) -> struct release_files */
	struct kd_debuginfod *debuginfod;
	char *no_debuginfod;		/* why there is none, once tried */
	char *real_root;		/* --sysroot, resolved; NULL for / */
};

static const char *const vmlinux_places[] = {
	"/usr/lib/debug/boot/vmlinux-%s",	/* Debian, Ubuntu -dbg / -dbgsym */
	"/usr/lib/debug/lib/modules/%s/vmlinux", /* Fedora, SUSE debuginfo */
	"/boot/vmlinux-%s",
	"/lib/modules/%s/build/vmlinux",
};

/* searched when depmod has not run or does not list the module: a DKMS build first, as
 * depmod's default "search updates built-in" */
static const char *const module_places[] = {
	"/lib/modules/%s/updates",
	"/usr/lib/debug/lib/modules/%s",
	"/lib/modules/%s",
};

static const char *const module_suffixes[] = { ".ko", ".ko.gz", ".ko.xz", ".ko.zst" };

/* libkmod is opened when a release has a modules.dep.bin, not linked: it and its libcrypto
 * cost every run 1.2 ms (--version included), modules or not */
static __typeof__(&kmod_new) sym_kmod_new;
static __typeof__(&kmod_set_log_fn) sym_kmod_set_log_fn;
static __typeof__(&kmod_module_new_from_name) sym_kmod_module_new_from_name;
static __typeof__(&kmod_module_get_path) sym_kmod_module_get_path;
static __typeof__(&kmod_get_dirname) sym_kmod_get_dirname;
static __typeof__(&kmod_module_unref) sym_kmod_module_unref;
static __typeof__(&kmod_unref) sym_kmod_unref;

static const struct dlib_sym kmod_syms[] = {
	DLIB_SYM(kmod_new), DLIB_SYM(kmod_set_log_fn), DLIB_SYM(kmod_module_new_from_name),
	DLIB_SYM(kmod_module_get_path), DLIB_SYM(kmod_get_dirname),
	DLIB_SYM(kmod_module_unref), DLIB_SYM(kmod_unref),
};

static struct dlib libkmod = DLIB_INIT("libkmod.so.2", "libkmod2", kmod_syms);

static void release_files_free(void *p)
{
	struct release_files *r = p;

	if (r == NULL)
		return;
	hash_free(r->given);
	hash_free(r->searched);
	if (r->kmod)	/* else libkmod may not be loaded */
		sym_kmod_unref(r->kmod);
	free(r);
}

struct finder *finder_new(struct kdecode_ctx *ctx)
{
	struct finder *f = xcalloc(1, sizeof(*f));

	f->releases = hash_new(release_files_free);
	if (ctx->opts.root && ctx->opts.root[0])
		f->real_root = realpath(ctx->opts.root, NULL);
	return f;
}

void finder_free(struct finder *f)
{
	if (f == NULL)
		return;
	hash_free(f->releases);
	kd_debuginfod_free(f->debuginfod);
	free(f->no_debuginfod);
	free(f->real_root);
	free(f);
}

/* -v: each step once per run (with -j, once for all workers) */
static void step(struct kdecode_ctx *ctx, const char *fmt, ...) _printf_format_(2, 3);
static void step(struct kdecode_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (ctx->log_priority < LOG_INFO)
		return;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (kd_first_time(ctx, msg))
		INFO(ctx, "%s\n", msg);
	free(msg);
}

bool find_build_id_is_valid(const char *build_id)
{
	size_t n = strlen(build_id);

	if (n < 2 || n > BUILD_ID_HEX_MAX || n % 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((build_id[i] >= '0' && build_id[i] <= '9') ||
		      (build_id[i] >= 'a' && build_id[i] <= 'f')))
			return false;
	return true;
}

/* <sysroot> + place, with the place's "%s" replaced by release */
static char *under_root(const struct kdecode_ctx *ctx, const char *place, const char *release)
{
	struct strbuf sb = STRBUF_INIT;
	const char *rel = strstr(place, "%s");

	strbuf_pushstr(&sb, ctx->opts.root ? ctx->opts.root : "");
	if (rel) {
		strbuf_pushmem(&sb, place, (size_t)(rel - place));
		strbuf_pushstr(&sb, release);
		strbuf_pushstr(&sb, rel + 2);
	} else {
		strbuf_pushstr(&sb, place);
	}
	return strbuf_steal(&sb);
}

/* Is path there, and inside --sysroot? A copied root's absolute symbolic link (lib ->
 * /usr/lib) or a modules.dep line naming /x would lead out of it, to this machine's
 * files: such a file is not used. */
static bool is_there(struct kdecode_ctx *ctx, struct finder *f, const char *path)
{
	if (access(path, F_OK) != 0)
		return false;
	if (f->real_root == NULL)
		return true;
	char *real = realpath(path, NULL);
	size_t n = strlen(f->real_root);
	bool inside = real && strncmp(real, f->real_root, n) == 0 &&
		      (real[n] == '/' || streq(f->real_root, "/"));
	if (!inside)
		step(ctx, "not using '%s': it leads out of --sysroot '%s' (to '%s')", path,
		     ctx->opts.root, real ? real : "?");
	free(real);
	return inside;
}

static void add_tried(struct strbuf *tried, const char *path)
{
	strbuf_printf(tried, "%s%s", tried->used ? ", " : "", path);
}

/* <sysroot>/usr/lib/debug/.build-id/xx/yyyy.debug, then .../xx/yyyy (the file itself:
 * libdwfl then finds its .debug by the same build ID) */
static char *by_build_id(struct kdecode_ctx *ctx, struct finder *f, const char *what,
			 const char *build_id, struct strbuf *tried)
{
	for (int debug = 1; debug >= 0; debug--) {
		char *rel = xasprintf("/usr/lib/debug/.build-id/%.2s/%s%s", build_id, build_id + 2,
				      debug ? ".debug" : "");
		char *path = under_root(ctx, rel, "");
		free(rel);
		if (is_there(ctx, f, path)) {
			step(ctx, "%s: build ID %s: '%s'", what, build_id, path);
			return path;
		}
		if (debug) {
			step(ctx, "%s: no '%s'", what, path);
			add_tried(tried, path);
		}
		free(path);
	}
	return NULL;
}

static char *from_debuginfod(struct kdecode_ctx *ctx, struct finder *f, const char *what,
			     const char *build_id, struct strbuf *tried)
{
	char *path = NULL, *why = NULL;

	if (f->debuginfod == NULL && f->no_debuginfod == NULL) {
		f->debuginfod = kd_debuginfod_new(ctx, &f->no_debuginfod);
		if (f->debuginfod)
			step(ctx, "debuginfod: asking %s", getenv("DEBUGINFOD_URLS"));
	}
	if (f->debuginfod == NULL) {
		step(ctx, "%s: build ID %s: no %s", what, build_id, f->no_debuginfod);
		add_tried(tried, f->no_debuginfod);
		return NULL;
	}
	step(ctx, "%s: asking debuginfod for build ID %s", what, build_id);
	int err = kd_debuginfod_fetch(f->debuginfod, build_id, what, &path, &why);
	if (err < 0) {
		step(ctx, "%s: %s", what, why);
		add_tried(tried, why);
		/* a server that is down or silent would make every other build ID wait its
		 * timeout again (and again, DEBUGINFOD_RETRY_LIMIT times): one wait a run */
		if (err != -ENOENT) {
			f->no_debuginfod = xasprintf("debuginfod: not asked again after: %s", why);
			kd_debuginfod_free(TAKE_PTR(f->debuginfod));
		}
		free(why);
		return NULL;
	}
	step(ctx, "%s: debuginfod gave '%s'", what, path);
	return path;
}

/* true when the ELF file at path has a build ID other than build_id (the report's or the
 * snapshot's), said with -v; false when it has that one, none, or cannot be read as
 * plain ELF (a compressed module: verify.c compares its build ID once it is open) */
static bool is_other_build(struct kdecode_ctx *ctx, const char *what, const char *path,
			   const char *build_id)
{
	const void *bits;
	char hex[BUILD_ID_HEX_MAX + 1] = "";
	int fd;

	if (build_id == NULL || !find_build_id_is_valid(build_id) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	ssize_t n = elf ? dwelf_elf_gnu_build_id(elf, &bits) : -1;
	hex_encode(bits, n > 0 ? (size_t)n : 0, hex, sizeof(hex));
	if (elf)
		elf_end(elf);
	close(fd);
	if (hex[0] == '\0' || streq(hex, build_id))
		return false;
	step(ctx, "%s: '%s' has build ID %s, not %s: looking further", what, path, hex, build_id);
	return true;
}

/* build-ID path, then debuginfod; with no build ID, neither */
static char *by_build_id_anywhere(struct kdecode_ctx *ctx, struct finder *f,
				  const char *what, const char *build_id, struct strbuf *tried)
{
	if (build_id == NULL || build_id[0] == '\0') {
		step(ctx, "%s: no build ID in the report or snapshot: no build-ID path or "
			  "debuginfod", what);
		return NULL;
	}
	if (!find_build_id_is_valid(build_id)) {
		step(ctx, "%s: build ID '%s' is not hex: not looked up", what, build_id);
		return NULL;
	}
	char *path = by_build_id(ctx, f, what, build_id, tried);
	return path ? path : from_debuginfod(ctx, f, what, build_id, tried);
}

char *find_vmlinux_path(struct kdecode_ctx *ctx, struct finder *f, const char *release,
		   const char *build_id, char **why)
{
	struct strbuf tried = STRBUF_INIT;
	char *path = NULL, *other = NULL;

	/* -m /usr/lib/debug/lib/modules/REL often holds vmlinux too */
	for (size_t i = 0; i < ctx->opts.n_module_dirs + ARRAY_SIZE(vmlinux_places); i++) {
		if (i < ctx->opts.n_module_dirs)
			path = xasprintf("%s/vmlinux", ctx->opts.module_dirs[i]);
		else if (release)
			path = under_root(ctx, vmlinux_places[i - ctx->opts.n_module_dirs], release);
		else
			continue;
		if (i < ctx->opts.n_module_dirs ? access(path, F_OK) == 0 : is_there(ctx, f, path)) {
			step(ctx, "vmlinux: '%s'%s", path,
			     i < ctx->opts.n_module_dirs ? " (in -m DIR)" : " (the release's place)");
			if (!is_other_build(ctx, "vmlinux", path, build_id)) {
				free(other);
				strbuf_release(&tried);
				return path;
			}
			add_tried(&tried, path);
			if (other == NULL)
				other = TAKE_PTR(path);
			free(TAKE_PTR(path));
			continue;
		}
		add_tried(&tried, path);
		free(TAKE_PTR(path));
	}
	if (tried.used && other == NULL)
		step(ctx, "vmlinux: none of %s", strbuf_str(&tried));
	path = by_build_id_anywhere(ctx, f, "vmlinux", build_id, &tried);
	/* another build is better than none: verify.c says it does not match */
	if (path == NULL && other) {
		step(ctx, "vmlinux: '%s' all the same: no file has build ID %s", other, build_id);
		path = TAKE_PTR(other);
	}
	free(other);
	if (path == NULL && release)
		*why = xasprintf("no vmlinux for %s (looked for %s); install its debug package "
				 "or use -k", release, strbuf_str(&tried));
	else if (path == NULL && build_id && find_build_id_is_valid(build_id))
		*why = xasprintf("no vmlinux of build ID %s (looked for %s); use -k", build_id,
				 strbuf_str(&tried));
	else if (path == NULL)
		*why = xstrdup("no vmlinux: the report names no kernel release; use -k or -r");
	strbuf_release(&tried);
	return path;
}

static bool module_file_name(const char *file, char *name, size_t size)
{
	size_t len = strlen(file);

	for (size_t i = 0; i < ARRAY_SIZE(module_suffixes); i++) {
		size_t slen = strlen(module_suffixes[i]);
		if (len > slen && len - slen < size && streq(file + len - slen, module_suffixes[i])) {
			char base[MODULE_NAME_LEN * 2];
			if (len - slen >= sizeof(base))
				return false;
			memcpy(base, file, len - slen);
			base[len - slen] = '\0';
			frame_normalize_module_name(base, name, size);
			return true;
		}
	}
	return false;
}

/* every NAME.ko below dir; the first found wins. Symlinked directories are not followed:
 * /lib/modules/REL/build points at a whole kernel tree. */
static int walk_module_dir(struct hash *paths, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return -errno;
	while ((de = readdir(d))) {
		char name[MODULE_NAME_LEN * 2];
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		bool is_dir = de->d_type == DT_DIR;
		if (de->d_type == DT_UNKNOWN && lstat(path, &st) == 0)
			is_dir = S_ISDIR(st.st_mode);
		if (is_dir && depth < MODULE_DIR_MAX_DEPTH)
			walk_module_dir(paths, path, depth + 1);
		else if (!is_dir && module_file_name(de->d_name, name, sizeof(name)) &&
			 !hash_contains(paths, name)) {
			hash_add(paths, name, path);
			continue; /* the table owns path now */
		}
		free(path);
	}
	closedir(d);
	return 0;
}

static struct release_files *get_release(struct kdecode_ctx *ctx, struct finder *f,
					 const char *release)
{
	const char *key = release ? release : "";
	struct release_files *r = hash_find(f->releases, key);

	if (r)
		return r;
	if (hash_count(f->releases) >= RELEASES_MAX) {
		hash_free(f->releases);
		f->releases = hash_new(release_files_free);
	}
	r = xcalloc(1, sizeof(*r));
	/* -m DIR was asked for: one that cannot be read is an error */
	r->given = hash_new(free);
	for (size_t i = 0; i < ctx->opts.n_module_dirs; i++) {
		int err = walk_module_dir(r->given, ctx->opts.module_dirs[i], 0);
		if (err < 0 && kd_first_time(ctx, ctx->opts.module_dirs[i])) {
			ERR(ctx, "cannot read module directory '%s': %s\n",
			    ctx->opts.module_dirs[i], strerror(-err));
			ctx->n_unreadable++;
		}
	}
	hash_add(f->releases, key, r);
	return r;
}

static void kmod_quiet(void *data, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
}

/* depmod's modules.dep.bin of <sysroot>/lib/modules/REL, through libkmod; NULL if none */
static struct kmod_ctx *get_kmod(struct kdecode_ctx *ctx, struct finder *f,
				 struct release_files *r, const char *release)
{
	if (r->has_kmod_tried)
		return r->kmod;
	r->has_kmod_tried = true;
	char *dir = under_root(ctx, "/lib/modules/%s", release);
	char *dep = xasprintf("%s/modules.dep.bin", dir);
	const char *why;
	if (!is_there(ctx, f, dep)) {
		step(ctx, "modules of %s: no '%s' (depmod -a not run): searching the release's "
			  "directories", release, dep);
	} else if (!dlib_load(&libkmod, &why)) {
		step(ctx, "modules of %s: not reading '%s': %s: searching the release's "
			  "directories", release, dep, why);
	} else {
		/* no configuration: modprobe.d's aliases and blacklists do not move files */
		static const char *const no_config[] = { NULL };
		r->kmod = sym_kmod_new(dir, no_config);
		if (r->kmod)
			sym_kmod_set_log_fn(r->kmod, kmod_quiet, NULL);
		step(ctx, "modules of %s: depmod's choice in '%s'", release, dep);
	}
	free(dep);
	free(dir);
	return r->kmod;
}

/* the debug twin of <sysroot>/lib/modules/REL/rel: <sysroot>/usr/lib/debug/lib/
 * modules/REL/rel (Debian's -dbg), without a compression suffix, or with .debug for
 * it (Fedora) */
static char *debug_twin(struct kdecode_ctx *ctx, struct finder *f, const char *release,
			const char *rel)
{
	char *base = under_root(ctx, "/usr/lib/debug/lib/modules/%s/", release);
	size_t n = strlen(rel), stem = n;
	for (size_t i = 0; i < ARRAY_SIZE(module_suffixes); i++) {
		size_t s = strlen(module_suffixes[i]);
		if (n > s && streq(rel + n - s, module_suffixes[i]))
			stem = n - s;
	}
	char *cands[] = {
		xasprintf("%s%s", base, rel),
		xasprintf("%s%.*s.ko", base, (int)stem, rel),
		xasprintf("%s%.*s.ko.debug", base, (int)stem, rel),
	};
	char *found = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(cands); i++) {
		if (found == NULL && is_there(ctx, f, cands[i]))
			found = TAKE_PTR(cands[i]);
		free(cands[i]);
	}
	free(base);
	return found;
}

/* depmod's file for name, or its debug twin */
static char *by_depmod(struct kdecode_ctx *ctx, struct finder *f, struct release_files *r,
		       const char *release, const char *name)
{
	struct kmod_ctx *k = get_kmod(ctx, f, r, release);
	struct kmod_module *mod = NULL;
	char *path = NULL;

	if (k == NULL || sym_kmod_module_new_from_name(k, name, &mod) < 0)
		return NULL;
	const char *chosen = sym_kmod_module_get_path(mod);
	const char *dir = sym_kmod_get_dirname(k);
	if (chosen == NULL) {
		step(ctx, "%s: not in modules.dep of %s", name, release);
	} else if (!is_there(ctx, f, chosen)) {
		step(ctx, "%s: depmod chose '%s', which is not there", name, chosen);
	} else {
		size_t n = strlen(dir);
		const char *rel = strncmp(chosen, dir, n) == 0 && chosen[n] == '/' ? chosen + n + 1
										   : NULL;
		path = rel ? debug_twin(ctx, f, release, rel) : NULL;
		if (path)
			step(ctx, "%s: depmod chose '%s'; its debug file: '%s'", name, chosen, path);
		else
			step(ctx, "%s: depmod chose '%s' (no debug twin of it under "
				  "'%s/usr/lib/debug/lib/modules/%s')", name, chosen,
			     ctx->opts.root ? ctx->opts.root : "", release);
		if (path == NULL)
			path = xstrdup(chosen);
	}
	sym_kmod_module_unref(mod);
	return path;
}

/* the release's directories searched, for a module depmod does not list */
static char *by_search(struct kdecode_ctx *ctx, struct finder *f, struct release_files *r,
		       const char *release, const char *name, struct strbuf *tried)
{
	if (r->searched == NULL) {
		r->searched = hash_new(free);
		for (size_t i = 0; i < ARRAY_SIZE(module_places); i++) {
			char *dir = under_root(ctx, module_places[i], release);
			if (is_there(ctx, f, dir))
				walk_module_dir(r->searched, dir, 0);
			free(dir);
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(module_places); i++) {
		char *dir = under_root(ctx, module_places[i], release);
		add_tried(tried, dir);
		free(dir);
	}
	const char *path = hash_find(r->searched, name);
	if (path && is_there(ctx, f, path)) {
		step(ctx, "%s: found '%s' in the release's directories", name, path);
		return xstrdup(path);
	}
	step(ctx, "%s: not in the release's directories", name);
	return NULL;
}

char *find_module_path(struct kdecode_ctx *ctx, struct finder *f, const char *release,
		  const char *name, const char *build_id, char **why)
{
	struct release_files *r = get_release(ctx, f, release);
	struct strbuf tried = STRBUF_INIT;
	char plain[MODULE_NAME_LEN * 2];
	const char *path;
	char *found = NULL;

	frame_normalize_module_name(name, plain, sizeof(plain));
	if ((path = hash_find(r->given, plain))) {
		step(ctx, "%s: '%s' (in -m DIR)", name, path);
		return xstrdup(path);
	}
	for (size_t i = 0; i < ctx->opts.n_module_dirs; i++)
		add_tried(&tried, ctx->opts.module_dirs[i]);
	if (release) {
		found = by_depmod(ctx, f, r, release, plain);
		if (found == NULL)
			found = by_search(ctx, f, r, release, plain, &tried);
	}
	/* the release's module of another build: the build ID's, if any file has it */
	char *other = found && is_other_build(ctx, name, found, build_id) ? TAKE_PTR(found) : NULL;
	if (found == NULL)
		found = by_build_id_anywhere(ctx, f, name, build_id, &tried);
	if (found == NULL && other) {
		step(ctx, "%s: '%s' all the same: no file has build ID %s", name, other, build_id);
		found = TAKE_PTR(other);
	}
	free(other);
	if (found == NULL)
		*why = tried.used ? xasprintf("no %s.ko in %s", name, strbuf_str(&tried))
				  : xasprintf("no %s.ko: no kernel release known; use -m or -r", name);
	strbuf_release(&tried);
	return found;
}
