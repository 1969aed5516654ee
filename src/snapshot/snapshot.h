/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snapshot.h: module section layout: capture from <root>/proc and /sys, write, read, select. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/frame.h"
#include "shared/macro.h"
#include "shared/strbuf.h"

/*
 * The format (kdecode-snapshot(5)): text, one "key value..." per line, single spaces,
 * a record from its first line to "end"; a history file is records one after another.
 *
 *	kdecode-snapshot 1
 *	captured 2026-11-22T01:23:45Z
 *	uptime 2.61
 *	boot_id 5b0d4ac6-7d7f-4c57-a0b3-6d2c1d1c9c8e
 *	release 6.1.0-56-cloud-amd64
 *	version Linux version 6.1.0-56-cloud-amd64 (debian-kernel@lists.debian.org) ...
 *	build_id 4cbd5d3bc1d7c7d2e8ba0d0c4ad0c8a0a3c2c1a5
 *	text 0xffffffffac000000
 *	module oopsmod 16384 Live 0xffffffffc0205000 OE
 *	module_build_id oopsmod 8e3cc4f2a7e4e6d8d0b5a1b9c2f1e3d4c5b6a7f8
 *	module_srcversion oopsmod 5C2B4D1E0A9F8E7D6C5B4A3
 *	section oopsmod .text 0xffffffffc0205000
 *	kallsyms 0xffffffffc0205000 t outer_with_inline [oopsmod]
 *	end
 *
 * Unknown keys are skipped (later minor additions); a newer major version is refused.
 * "text" is the runtime _text, present only when /proc/kallsyms showed real addresses;
 * a module's taint is "-" when it has none.
 */
#define SNAPSHOT_VERSION 1

struct snapshot_section {
	char *name;			/* ".text", ".text.unlikely.cold_path", ".init.text" */
	uint64_t address;
};

struct snapshot_module {
	char name[MODULE_NAME_LEN];
	uint64_t size;			/* of its core layout, from /proc/modules */
	uint64_t base;
	char state[16];			/* "Live", "Loading", "Unloading" */
	char taint[16];			/* "OE", or "" */
	char build_id[BUILD_ID_HEX_MAX + 1];
	char srcversion[64];
	struct snapshot_section *sections;	/* sorted by name */
	size_t n_sections;
};

struct snapshot_symbol {
	uint64_t address;
	char type;			/* kallsyms' letter: 'T', 't', 'D', ... */
	char *name;
	char module[MODULE_NAME_LEN];	/* "" for vmlinux */
};

/* one record */
struct snapshot {
	char *source;			/* file it was read from, or NULL when captured */
	unsigned long line;		/* line of its "kdecode-snapshot" header */
	int version;
	char captured[32];		/* "2026-11-22T01:23:45Z" */
	bool has_uptime;
	double uptime;			/* seconds since boot, as the log's "[ seconds ]" */
	char boot_id[40];
	char *release;
	char *proc_version;
	char build_id[BUILD_ID_HEX_MAX + 1];	/* the running vmlinux's, or "" */
	bool has_text;
	uint64_t text;			/* runtime address of _text */
	struct snapshot_module *modules;	/* in the order read */
	size_t n_modules;
	bool lacks_module_support;	/* captured: no /proc/modules (CONFIG_MODULES=n) */
	struct snapshot_module **by_name;	/* the modules by name, '-' as '_' (snapshot_sort) */
	size_t n_by_name;
	/* --kallsyms, sorted by address; read back without those that name nothing
	 * (absolute 'A', ".L" labels) */
	struct snapshot_symbol *symbols;
	size_t n_symbols;
};

/* all the records of one or more files, in the order read */
struct snapshot_set {
	struct snapshot **records;
	size_t n;
	/* what snapshot_read() left out and read on: a torn last record, ...; one message
	 * each, "'FILE': line N: ...", which the caller prints as warnings */
	char **warnings;
	size_t n_warnings;
	/* the file read last ended in a torn record, at this line (0: it did not), after
	 * good_size bytes of good records (of the text, uncompressed); its warning is the
	 * last of warnings */
	unsigned long torn_line;
	uint64_t good_size;
};

/* Read every record of path (plain or gzip) into set. Returns 0, or -errno with *why
 * set ("'x': line 12: no 'end': truncated?"); the caller frees *why. On an error, set
 * holds no record of path. A torn last record (a write cut short: no "end", or a line
 * cut) is no error when good records come before it: it is left out, with a warning
 * added to set->warnings. */
int snapshot_read(const char *path, struct snapshot_set *set, char **why)
	_must_check_ _nonnull_(1, 2, 3);
/* Capture the running system, or the one mounted at root ("" or NULL: /). with_kallsyms
 * embeds /proc/kallsyms. Refuses (-EPERM, -EACCES) when addresses are hidden. */
int snapshot_capture(const char *root, bool with_kallsyms, struct snapshot **out, char **why)
	_must_check_ _nonnull_(3, 4);
/* sections by name, symbols by address, and the by_name index of modules, as lookups
 * expect: call it again after changing modules */
void snapshot_sort(struct snapshot *s) _nonnull_(1);
/* the record as text, appended to sb */
void snapshot_format(const struct snapshot *s, struct strbuf *sb) _nonnull_(1, 2);
/* Write s to path (".gz": gzip), replacing it atomically, mode 0600. 0 or -errno, *why set */
int snapshot_save(const struct snapshot *s, const char *path, char **why)
	_must_check_ _nonnull_(1, 2, 3);
/* Add s to the history at path (created 0600) unless the last record of the same boot
 * has the same layout: then *is_written is false and *same_as_line is that record's line.
 * A torn last record (a write cut short) is cut off a plain file first. *warnings: NULL,
 * or what to print as warnings, one per line (the torn record, records left out); the
 * caller frees it, and *why on an error. -EBADMSG: path is no history, or one that
 * cannot be read or repaired (it is left alone); other errors are the writing's. */
int snapshot_append(const struct snapshot *s, const char *path, bool *is_written,
		    unsigned long *same_as_line, char **warnings, char **why)
	_must_check_ _nonnull_(1, 2, 3, 4, 5, 6);
/* same modules at the same places, same kernel text: nothing worth a new record */
bool snapshot_same_layout(const struct snapshot *a, const struct snapshot *b) _nonnull_(1, 2);
/* the last record of set with this boot_id, or NULL */
const struct snapshot *snapshot_last_of_boot(const struct snapshot_set *set, const char *boot_id)
	_nonnull_(1, 2);
/* The record in force for a report: of the newest boot whose release matches (any when
 * release is NULL) and, when text is given (the report's "Kernel Offset:" says where
 * KASLR put _text), whose _text is there, if any is, the last one captured at or before
 * time (when has_time), else that boot's first. NULL when set is empty or no release
 * matches. */
const struct snapshot *snapshot_select(const struct snapshot_set *set, const char *release,
				       const uint64_t *text, bool has_time, double time)
	_nonnull_(1);
/* the module of that name, '-' and '_' alike (the first read of that name): O(log n) once
 * snapshot_sort() indexed the modules */
const struct snapshot_module *snapshot_module(const struct snapshot *s, const char *name)
	_nonnull_(1, 2);
const struct snapshot_section *snapshot_section(const struct snapshot_module *m,
						const char *name) _nonnull_(1, 2);
/* The embedded kallsyms symbol holding address, as ksymoops would name it: the last one
 * at or below it, with *size the distance to the next. NULL when there is none that
 * plausibly holds it: an absolute or per-CPU symbol ('A'), past a module's end, or in a
 * gap wider than SNAPSHOT_SYMBOL_GAP_MAX (the hole between vmlinux and the modules). */
#define SNAPSHOT_SYMBOL_GAP_MAX (16u << 20)
const struct snapshot_symbol *snapshot_symbol_at(const struct snapshot *s, uint64_t address,
						 uint64_t *size) _nonnull_(1, 3);
void snapshot_free(struct snapshot *s);
/* the records and the array, not set itself */
void snapshot_set_release(struct snapshot_set *set);
