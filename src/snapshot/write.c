// SPDX-License-Identifier: GPL-2.0-or-later
/* write.c: save a snapshot to a file (plain or .gz), or add it to a history. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "shared/util.h"
#include "snapshot/snapshot.h"

static bool is_gz_name(const char *path)
{
	size_t n = strlen(path);

	return n > 3 && streq(path + n - 3, ".gz");
}

/* all of text to fd, through gzip when asked (a new gzip member when appending);
 * fd is closed */
static int put(int fd, const char *path, const struct strbuf *text, bool gz, char **why)
{
	const char *what = "write";
	int err = 0;

	if (gz) {
		gzFile g = gzdopen(fd, "wb9");
		if (g == NULL) {
			close(fd);
			*why = xasprintf("cannot write '%s': %s", path, strerror(ENOMEM));
			return -ENOMEM;
		}
		if (gzwrite(g, text->buf, (unsigned)text->used) != (int)text->used)
			err = errno ? -errno : -EIO;
		if (gzclose(g) != Z_OK && err == 0)
			err = errno ? -errno : -EIO;
	} else {
		for (size_t off = 0; off < text->used && err == 0;) {
			ssize_t n = write(fd, text->buf + off, text->used - off);
			if (n < 0 && errno != EINTR)
				err = -errno;
			else if (n > 0)
				off += (size_t)n;
		}
		if (err == 0 && fsync(fd) < 0 && errno != EINVAL)
			err = -errno, what = "sync";
		if (close(fd) < 0 && err == 0)
			err = -errno, what = "close";
	}
	if (err < 0)
		*why = xasprintf("cannot %s '%s': %s", what, path, strerror(-err));
	return err;
}

int snapshot_save(const struct snapshot *s, const char *path, char **why)
{
	struct strbuf text = STRBUF_INIT;
	char *tmp = xasprintf("%s.XXXXXX", path);
	int err;

	snapshot_format(s, &text);
	/* a snapshot tells where KASLR put the kernel: root's eyes only (mkstemp: 0600) */
	int fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		*why = xasprintf("cannot create '%s': %s", path, strerror(errno));
	} else if ((err = put(fd, path, &text, is_gz_name(path), why)) < 0) {
		unlink(tmp);
	} else if (rename(tmp, path) < 0) {
		err = -errno;
		*why = xasprintf("cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	strbuf_release(&text);
	return err;
}

/* A history whose last write was cut short ends in a torn record: cut it off, so that the
 * new record does not follow a half one. Under the lock. A plain file only: in a gzip one
 * the torn text is inside a member, and the bytes to keep are unknown. */
static int cut_torn_tail(const char *path, int fd, const struct snapshot_set *set, char **why)
{
	unsigned char magic[2];

	if (pread(fd, magic, sizeof(magic), 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		*why = xasprintf("'%s': line %lu: the last record has no 'end' (torn); a gzip "
				 "history is not repaired: keep its good records with "
				 "'zcat' and 'head', then compress them again", path,
				 set->torn_line);
		return -EBADMSG;
	}
	if (ftruncate(fd, (off_t)set->good_size) < 0) {
		int err = -errno;
		*why = xasprintf("cannot cut the torn last record off '%s': %s", path,
				 strerror(errno));
		return err;
	}
	return 0;
}

/* under the lock: 1 when the history's last record of this boot has the same layout */
static int is_unchanged(const struct snapshot *s, const char *path, int fd,
			const struct snapshot **last, struct snapshot_set *set, char **why)
{
	struct stat st;

	if (fstat(fd, &st) < 0) {
		*why = xasprintf("cannot stat '%s': %s", path, strerror(errno));
		return -errno;
	}
	if (st.st_size == 0)
		return 0;	/* a new history */
	/* never append to something that is not a history: an error reading it is the
	 * file's, not the writing's */
	if (snapshot_read(path, set, why) < 0)
		return -EBADMSG;
	*last = snapshot_last_of_boot(set, s->boot_id);
	return *last && snapshot_same_layout(*last, s);
}

/* the warnings of reading the history, each ending in a newline */
static char *join_warnings(const struct snapshot_set *set, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%s\n", set->warnings[i]);
	return strbuf_steal(&sb);
}

/* A history is root's file in root's directory, but a path under /tmp or a directory
 * shared with others may hold a link planted to make root write elsewhere, or create a
 * file there: only a regular file of ours, with one name, that no one else can write. */
static int check_history_file(const char *path, const struct stat *st, char **why)
{
	const char *what = NULL;

	if (S_ISLNK(st->st_mode))
		what = "is a symbolic link";
	else if (!S_ISREG(st->st_mode))
		what = "is not a regular file";
	else if (st->st_uid != geteuid())
		what = "is owned by another user";
	else if (st->st_mode & S_IWOTH)
		what = "is writable by others";
	else if (st->st_nlink > 1)
		what = "has other hard links";
	if (what == NULL)
		return 0;
	*why = xasprintf("refusing to add to '%s': it %s", path, what);
	return -EPERM;
}

static int open_history(const char *path, char **why)
{
	struct stat st;

	/* a device or a FIFO is refused before it is opened: opening one can act */
	if (lstat(path, &st) == 0 && check_history_file(path, &st, why) < 0)
		return -EPERM;
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
		      0600);
	if (fd < 0 && errno == ELOOP) {
		*why = xasprintf("refusing to add to '%s': it is a symbolic link", path);
		return -EPERM;
	}
	if (fd < 0) {
		*why = xasprintf("cannot open '%s': %s", path, strerror(errno));
		return -errno;
	}
	if (fstat(fd, &st) < 0 || check_history_file(path, &st, why) < 0) {
		int err = *why ? -EPERM : -errno;
		if (*why == NULL)
			*why = xasprintf("cannot stat '%s': %s", path, strerror(errno));
		close(fd);
		return err;
	}
	return fd;
}

/* under the lock: 0 when path still names the file locked (not renamed or replaced while
 * we waited for it: a lock on a file no longer there guards nothing) */
static int is_still_there(const char *path, int fd)
{
	struct stat a, b;

	if (fstat(fd, &a) < 0 || lstat(path, &b) < 0)
		return -errno;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino ? 0 : -ESTALE;
}

/* path opened and locked, or -errno with *why set */
static int lock_history(const char *path, char **why)
{
	for (int tries = 0;; tries++) {
		int fd = open_history(path, why);
		if (fd < 0)
			return fd;
		/* udev can run several of us at once, one per module loaded */
		if (flock(fd, LOCK_EX) < 0) {
			int err = -errno;
			*why = xasprintf("cannot lock '%s': %s", path, strerror(errno));
			close(fd);
			return err;
		}
		int err = is_still_there(path, fd);
		if (err == 0)
			return fd;
		close(fd);
		if (err != -ESTALE && err != -ENOENT) {
			*why = xasprintf("cannot stat '%s': %s", path, strerror(-err));
			return err;
		}
		if (tries == 10) {
			*why = xasprintf("cannot lock '%s': it keeps being replaced", path);
			return -EAGAIN;
		}
	}
}

int snapshot_append(const struct snapshot *s, const char *path, bool *is_written,
		    unsigned long *same_as_line, char **warnings, char **why)
{
	struct snapshot_set set = { 0 };
	const struct snapshot *last = NULL;
	int err;

	*is_written = false;
	*warnings = NULL;
	*why = NULL;
	int fd = lock_history(path, why);
	if (fd < 0)
		return fd;
	err = is_unchanged(s, path, fd, &last, &set, why);
	if (err >= 0 && set.torn_line) {
		int cut = cut_torn_tail(path, fd, &set, why);
		/* its warning, the last one, says what became of it, not "using the N
		 * records"; the error does when it could not be cut */
		free(set.warnings[--set.n_warnings]);
		if (cut < 0)
			err = cut;
		else
			set.warnings[set.n_warnings++] =
				xasprintf("'%s': line %lu: the last record had no 'end' (torn): "
					  "cut it off, after the %zu good record%s", path,
					  set.torn_line, set.n, set.n == 1 ? "" : "s");
	}
	*warnings = join_warnings(&set, set.n_warnings);
	if (err == 1) {
		*same_as_line = last->line;
		close(fd);
		err = 0;
	} else if (err == 0) {
		struct strbuf text = STRBUF_INIT;
		snapshot_format(s, &text);
		err = put(fd, path, &text, is_gz_name(path), why);	/* closes fd, lock too */
		*is_written = err == 0;
		strbuf_release(&text);
	} else {
		close(fd);
	}
	snapshot_set_release(&set);
	return err;
}
