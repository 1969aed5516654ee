// SPDX-License-Identifier: GPL-2.0-or-later
/* capture.c: read the running kernel's layout from <root>/proc and <root>/sys. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "shared/util.h"
#include "snapshot/snapshot.h"

#define NT_GNU_BUILD_ID 3
#define SMALL_FILE_MAX 4096	/* sysfs attributes and notes are a page at most */

struct capture {
	const char *root;	/* "" for / */
	struct snapshot *s;
	size_t modules_alloc, symbols_alloc;
	char *why;
};

static int failed(struct capture *c, int err, const char *fmt, ...) _printf_format_(3, 4);
static int failed(struct capture *c, int err, const char *fmt, ...)
{
	va_list ap;

	free(c->why);
	va_start(ap, fmt);
	c->why = xvasprintf(fmt, ap);
	va_end(ap);
	return err;
}

/* the whole of a small file; -errno, or the bytes read (a NUL is added) */
static ssize_t read_small(struct capture *c, const char *rel, char *buf, size_t size)
{
	char *path = xasprintf("%s%s", c->root, rel);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = -1;

	if (fd >= 0) {
		n = read(fd, buf, size - 1);
		close(fd);
	}
	if (n < 0) {
		int err = -errno;
		failed(c, err, "cannot read '%s': %s%s", path, strerror(errno),
		       errno == EACCES ? " (run as root)" : "");
		free(path);
		return err;
	}
	free(path);
	buf[n] = '\0';
	return n;
}

/* the first line of a small text file, without its newline */
static int read_line(struct capture *c, const char *rel, char *buf, size_t size)
{
	ssize_t n = read_small(c, rel, buf, size);

	if (n < 0)
		return (int)n;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* NT_GNU_BUILD_ID of a note section as sysfs shows it (/sys/kernel/notes,
 * /sys/module/M/notes/.note.gnu.build-id), as hex into hex */
static void read_build_id(struct capture *c, const char *rel, char *hex, size_t size)
{
	unsigned char buf[SMALL_FILE_MAX];
	ssize_t n = read_small(c, rel, (char *)buf, sizeof(buf));

	for (size_t off = 0; n > 0 && off + 12 <= (size_t)n;) {
		uint32_t namesz, descsz, type;
		memcpy(&namesz, buf + off, 4);
		memcpy(&descsz, buf + off + 4, 4);
		memcpy(&type, buf + off + 8, 4);
		size_t name_at = off + 12, desc_at = name_at + ((namesz + 3) & ~3u);
		if (namesz > (size_t)n || descsz > (size_t)n || desc_at + descsz > (size_t)n)
			break;
		if (type == NT_GNU_BUILD_ID && namesz == 4 && memcmp(buf + name_at, "GNU", 4) == 0 &&
		    descsz * 2 < size) {
			hex_encode(buf + desc_at, descsz, hex, size);
			return;
		}
		off = desc_at + ((descsz + 3) & ~3u);
	}
	hex[0] = '\0';
}

/* "ffffffffac000000 T _text" -> s->text; with --kallsyms every line is kept */
static int read_kallsyms(struct capture *c, bool keep_all)
{
	char *path = xasprintf("%s/proc/kallsyms", c->root);
	FILE *f = fopen(path, "re");
	char line[1024];
	bool any_nonzero = false;

	if (f == NULL) {
		int err = -errno;
		failed(c, err, "cannot read '%s': %s", path, strerror(errno));
		free(path);
		return keep_all ? err : 0;	/* _text is a bonus; the symbols were asked for */
	}
	while (fgets(line, sizeof(line), f)) {
		char *w[4] = { NULL };
		uint64_t addr;
		size_t n = 0;
		for (char *tok = strtok(line, " \t\n"); tok && n < 4; tok = strtok(NULL, " \t\n"))
			w[n++] = tok;
		if (n < 3 || parse_hex(w[0], &addr) != strlen(w[0]) || strlen(w[1]) != 1)
			continue;
		any_nonzero |= addr != 0;
		if (addr && streq(w[2], "_text") && !c->s->has_text) {
			c->s->text = addr;
			c->s->has_text = true;
		}
		if (!keep_all || addr == 0)
			continue;
		struct snapshot_symbol sym = { .address = addr, .type = w[1][0] };
		if (w[3] && w[3][0] == '[') {
			size_t len = strlen(w[3]);
			if (len >= 3 && w[3][len - 1] == ']' && len - 2 < MODULE_NAME_LEN)
				memcpy(sym.module, w[3] + 1, len - 2);
		}
		sym.name = xstrdup(w[2]);
		ARRAY_GROW(c->s->symbols, c->s->n_symbols, c->symbols_alloc);
		c->s->symbols[c->s->n_symbols++] = sym;
	}
	fclose(f);
	if (keep_all && !any_nonzero) {
		failed(c, -EPERM,
		       "'%s' shows every address as 0: not root, or kernel.kptr_restrict=2; "
		       "run as root with kernel.kptr_restrict at most 1", path);
		free(path);
		return -EPERM;
	}
	free(path);
	return 0;
}

static int read_sections(struct capture *c, struct snapshot_module *m)
{
	char *rel = xasprintf("/sys/module/%s/sections", m->name);
	char *dir = xasprintf("%s%s", c->root, rel);
	DIR *d = opendir(dir);
	struct dirent *de;
	int err = 0;

	if (d == NULL) {
		err = failed(c, -errno, "cannot read '%s': %s%s", dir, strerror(errno),
			     errno == EACCES ? " (run as root)" : "");
		goto out;
	}
	while (err == 0 && (de = readdir(d))) {
		if (streq(de->d_name, ".") || streq(de->d_name, "..") || strchr(de->d_name, ' '))
			continue;
		char *file = xasprintf("%s/%s", rel, de->d_name), buf[64];
		uint64_t addr;
		err = read_line(c, file, buf, sizeof(buf));
		free(file);
		if (err < 0)
			break;
		if (parse_hex(buf + (startswith(buf, "0x") ? 2 : 0), &addr) == 0)
			continue;
		if (addr == 0)
			err = failed(c, -EPERM, "'%s/%s' reads 0: not root, or kernel.kptr_restrict "
				     "hides addresses; run as root", dir, de->d_name);
		m->sections = xreallocarray(m->sections, m->n_sections + 1, sizeof(*m->sections));
		m->sections[m->n_sections++] =
			(struct snapshot_section){ .name = xstrdup(de->d_name), .address = addr };
	}
	closedir(d);
out:
	free(rel);
	free(dir);
	return err;
}

/* what /sys/module/M/ adds to a /proc/modules line: sections, build ID, version, taint */
static int read_module_sysfs(struct capture *c, struct snapshot_module *m)
{
	char rel[128], buf[64];

	int err = read_sections(c, m);
	if (err < 0)
		return err;
	snprintf(rel, sizeof(rel), "/sys/module/%s/notes/.note.gnu.build-id", m->name);
	read_build_id(c, rel, m->build_id, sizeof(m->build_id));
	snprintf(rel, sizeof(rel), "/sys/module/%s/srcversion", m->name);
	if (read_line(c, rel, buf, sizeof(buf)) == 0)
		snprintf(m->srcversion, sizeof(m->srcversion), "%s", buf);
	snprintf(rel, sizeof(rel), "/sys/module/%s/taint", m->name);
	if (read_line(c, rel, buf, sizeof(m->taint)) == 0)
		memcpy(m->taint, buf, sizeof(m->taint));
	return 0;
}

/* "oopsmod 16384 0 - Live 0xffffffffc0205000 (OE)" */
static int read_modules(struct capture *c)
{
	char *path = xasprintf("%s/proc/modules", c->root);
	FILE *f = fopen(path, "re");
	char line[4096];
	int err = 0;

	/* a kernel built without modules has no /proc/modules: its own layout is all */
	if (f == NULL && errno == ENOENT) {
		c->s->lacks_module_support = true;
		free(path);
		return 0;
	}
	if (f == NULL) {
		err = failed(c, -errno, "cannot read '%s': %s", path, strerror(errno));
		free(path);
		return err;
	}
	while (err == 0 && fgets(line, sizeof(line), f)) {
		char name[MODULE_NAME_LEN], state[16], addr[32];
		uint64_t size, base;
		if (sscanf(line, "%55s %" SCNu64 " %*s %*s %15s %31s", name, &size, state, addr) != 4 ||
		    !frame_is_valid_module_name(name, strlen(name)) ||
		    parse_hex(addr + (startswith(addr, "0x") ? 2 : 0), &base) == 0)
			continue;
		if (base == 0) {
			err = failed(c, -EPERM, "'%s' shows module addresses as 0: not root, or "
				     "kernel.kptr_restrict=2; run as root", path);
			break;
		}
		ARRAY_GROW(c->s->modules, c->s->n_modules, c->modules_alloc);
		struct snapshot_module *m = &c->s->modules[c->s->n_modules++];
		*m = (struct snapshot_module){ .size = size, .base = base };
		snprintf(m->name, sizeof(m->name), "%s", name);
		snprintf(m->state, sizeof(m->state), "%s", state);
		err = read_module_sysfs(c, m);
		/* unloaded between the two reads (udev runs us on "remove"): not there */
		if (err == -ENOENT) {
			free(m->sections);
			c->s->n_modules--;
			err = 0;
		}
	}
	fclose(f);
	free(path);
	return err;
}

static void read_identity(struct capture *c)
{
	char buf[SMALL_FILE_MAX];
	struct snapshot *s = c->s;
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm))
		strftime(s->captured, sizeof(s->captured), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* printk's "[ seconds ]" stop during suspend, as CLOCK_MONOTONIC does, while
	 * /proc/uptime goes on: the running system's clock, a mounted root's file */
	struct timespec ts;
	if (!c->root[0] && clock_gettime(CLOCK_MONOTONIC, &ts) == 0) {
		s->uptime = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
		s->has_uptime = true;
	} else if (read_line(c, "/proc/uptime", buf, sizeof(buf)) == 0) {
		char *end;
		s->uptime = strtod(buf, &end);
		s->has_uptime = end != buf;
	}
	if (read_line(c, "/proc/sys/kernel/random/boot_id", buf, sizeof(s->boot_id)) == 0)
		memcpy(s->boot_id, buf, sizeof(s->boot_id));
	if (read_line(c, "/proc/sys/kernel/osrelease", buf, sizeof(buf)) == 0)
		s->release = xstrdup(buf);
	if (read_line(c, "/proc/version", buf, sizeof(buf)) == 0)
		s->proc_version = xstrdup(buf);
	read_build_id(c, "/sys/kernel/notes", s->build_id, sizeof(s->build_id));
}

int snapshot_capture(const char *root, bool with_kallsyms, struct snapshot **out, char **why)
{
	struct capture c = { .root = root ? root : "" };
	int err;

	c.s = xcalloc(1, sizeof(*c.s));
	c.s->version = SNAPSHOT_VERSION;
	read_identity(&c);
	if (c.s->release == NULL) {
		err = -ENOENT;
		*why = xasprintf("cannot read '%s/proc/sys/kernel/osrelease': is %s a running "
				 "system's root with /proc mounted?", c.root, c.root[0] ? c.root : "/");
		goto fail;
	}
	/* what a reader would refuse: it names directories (/lib/modules/RELEASE) */
	if (!kernel_release_is_valid(c.s->release)) {
		err = -EINVAL;
		*why = xasprintf("'%s/proc/sys/kernel/osrelease' holds no kernel release (want 1 to "
				 "64 of A-Z a-z 0-9 . _ + ~ -, no '..')", c.root);
		goto fail;
	}
	err = read_modules(&c);
	if (err == 0)
		err = read_kallsyms(&c, with_kallsyms);
	if (err == 0 && !c.s->has_text && c.s->n_modules == 0) {
		err = failed(&c, -EPERM, "no kernel address is visible (no module loaded, and "
			     "'%s/proc/kallsyms' shows zeros): run as root", c.root);
	}
	if (err < 0) {
		*why = TAKE_PTR(c.why);
		goto fail;
	}
	snapshot_sort(c.s);
	free(c.why);
	*out = c.s;
	return 0;
fail:
	free(c.why);
	snapshot_free(c.s);
	return err;
}
