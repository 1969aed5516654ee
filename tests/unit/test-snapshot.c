// SPDX-License-Identifier: GPL-2.0-or-later
/* test-snapshot.c: the snapshot reader and writer: every field, versions, gzip, damage, selection. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "shared/util.h"
#include "snapshot/snapshot.h"
#include "unit.h"

/* values of a real boot: Debian 6.1.0-56-cloud-amd64 under qemu, oopsmod built with
 * -ffunction-sections (tests/oopses/debian-6.1-oopsmod-function-sections.log) */
#define RECORD(uptime, boot, base, text)                                                    \
	"kdecode-snapshot 1\n"                                                            \
	"captured 2026-11-22T01:33:12Z\n"                                                 \
	"uptime " uptime "\n"                                                             \
	"boot_id " boot "\n"                                                              \
	"release 6.1.0-56-cloud-amd64\n"                                                  \
	"version Linux version 6.1.0-56-cloud-amd64 (debian-kernel@lists.debian.org) #1\n" \
	"build_id 4cbd5d3bc1d7c7d2e8ba0d0c4ad0c8a0a3c2c1a5\n"                             \
	"text " text "\n"                                                                 \
	"module oopsmod 16384 Live " base " OE\n"                                         \
	"module_build_id oopsmod 8e3cc4f2a7e4e6d8d0b5a1b9c2f1e3d4c5b6a7f8\n"              \
	"module_srcversion oopsmod 5C2B4D1E0A9F8E7D6C5B4A3\n"                             \
	"section oopsmod .text.outer_with_inline 0xffffffffc0205000\n"                    \
	"section oopsmod .init.text 0xffffffffc020a000\n"                                 \
	"section oopsmod .bss 0xffffffffc02073c0\n"                                       \
	"kallsyms 0xffffffffc0205000 t outer_with_inline [oopsmod]\n"                     \
	"kallsyms 0xffffffffac000000 T _text\n"                                           \
	"end\n"

#define BOOT_A "5b0d4ac6-7d7f-4c57-a0b3-6d2c1d1c9c8e"
#define BOOT_B "0e6f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"

static char tmpdir[256];

static char *write_file(const char *name, const char *text, bool gz)
{
	char *path;

	if (asprintf(&path, "%s/kdecode-unit-%d-%s", tmpdir, (int)getpid(), name) < 0)
		exit(99);
	if (gz) {
		gzFile g = gzopen(path, "wb");
		if (g == NULL || gzwrite(g, text, (unsigned)strlen(text)) != (int)strlen(text))
			exit(99);
		gzclose(g);
	} else {
		FILE *f = fopen(path, "w");
		if (f == NULL || fputs(text, f) < 0)
			exit(99);
		fclose(f);
	}
	return path;
}

/* every field of a record, read from plain text and from gzip */
static void check_fields(bool gz)
{
	struct snapshot_set set = { 0 };
	char *why = NULL;
	char *path = write_file(gz ? "fields.gz" : "fields",
				RECORD("2.61", BOOT_A, "0xffffffffc0205000", "0xffffffffac000000"), gz);

	CHECK_INT_EQ(snapshot_read(path, &set, &why), 0, "%s: %s", path, why ? why : "");
	CHECK_INT_EQ(set.n, 1, "%s", path);
	if (set.n == 1) {
		const struct snapshot *s = set.records[0];
		CHECK_INT_EQ(s->version, 1, "version");
		CHECK_INT_EQ(s->line, 1, "line");
		CHECK_STR_EQ(s->captured, "2026-11-22T01:33:12Z", "captured");
		CHECK(s->has_uptime && s->uptime > 2.60 && s->uptime < 2.62, "uptime");
		CHECK_STR_EQ(s->boot_id, BOOT_A, "boot_id");
		CHECK_STR_EQ(s->release, "6.1.0-56-cloud-amd64", "release");
		CHECK_STR_EQ(s->proc_version,
			     "Linux version 6.1.0-56-cloud-amd64 (debian-kernel@lists.debian.org) #1",
			     "version");
		CHECK_STR_EQ(s->build_id, "4cbd5d3bc1d7c7d2e8ba0d0c4ad0c8a0a3c2c1a5", "build_id");
		CHECK(s->has_text && s->text == 0xffffffffac000000, "text");
		CHECK_INT_EQ(s->n_modules, 1, "modules");
		const struct snapshot_module *m = snapshot_module(s, "oopsmod");
		CHECK(m != NULL, "module by name");
		if (m) {
			CHECK_INT_EQ(m->size, 16384, "size");
			CHECK_STR_EQ(m->state, "Live", "state");
			CHECK(m->base == 0xffffffffc0205000, "base");
			CHECK_STR_EQ(m->taint, "OE", "taint");
			CHECK_STR_EQ(m->build_id, "8e3cc4f2a7e4e6d8d0b5a1b9c2f1e3d4c5b6a7f8", "mod id");
			CHECK_STR_EQ(m->srcversion, "5C2B4D1E0A9F8E7D6C5B4A3", "srcversion");
			CHECK_INT_EQ(m->n_sections, 3, "sections");
			const struct snapshot_section *sec = snapshot_section(m, ".init.text");
			CHECK(sec && sec->address == 0xffffffffc020a000, ".init.text");
			CHECK(snapshot_section(m, ".text") == NULL, "no .text");
		}
		CHECK_INT_EQ(s->n_symbols, 2, "symbols");
		if (s->n_symbols == 2) {	/* sorted by address */
			CHECK_STR_EQ(s->symbols[0].name, "_text", "symbol 0");
			CHECK_STR_EQ(s->symbols[1].module, "oopsmod", "symbol 1 module");
			CHECK_INT_EQ(s->symbols[1].type, 't', "symbol 1 type");
		}
		/* written back, it reads the same */
		struct strbuf sb = STRBUF_INIT;
		snapshot_format(s, &sb);
		char *again = write_file("again", strbuf_str(&sb), false);
		struct snapshot_set set2 = { 0 };
		char *why2 = NULL;
		CHECK_INT_EQ(snapshot_read(again, &set2, &why2), 0, "re-read: %s", why2 ? why2 : "");
		CHECK(set2.n == 1 && snapshot_same_layout(s, set2.records[0]), "round trip");
		snapshot_set_release(&set2);
		unlink(again);
		free(again);
		strbuf_release(&sb);
	}
	snapshot_set_release(&set);
	free(why);
	unlink(path);
	free(path);
}

/* damaged or foreign files: each refused with its line and reason */
static const struct {
	const char *name;
	const char *text;
	int err;
	const char *why;	/* a piece of the message */
} bad[] = {
	{ "empty", "", -EINVAL, "no record in it" },
	{ "not a snapshot", "[    3.75] BUG: kernel NULL pointer dereference\n", -EINVAL,
	  "line 1: not a kdecode snapshot" },
	{ "newer", "kdecode-snapshot 2\nend\n", -EINVAL,
	  "line 1: format version 2 is newer than this kdecode reads (1)" },
	{ "bad version", "kdecode-snapshot one\nend\n", -EINVAL, "line 1: bad header" },
	{ "truncated", "kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\nmodule oop", -EINVAL,
	  "bad module line" },
	{ "no end", "kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\n", -EINVAL,
	  "the record of line 1 has no 'end' (truncated?)" },
	{ "two headers", "kdecode-snapshot 1\nkdecode-snapshot 1\nend\n", -EINVAL,
	  "line 2: a new record before the 'end' of the one at line 1" },
	{ "bad address", "kdecode-snapshot 1\ntext 0xffffffffzz\nend\n", -EINVAL,
	  "line 2: bad text address" },
	{ "section first", "kdecode-snapshot 1\nsection oopsmod .text 0xffffffffc0205000\nend\n",
	  -EINVAL, "line 2: 'section' of a module with no 'module' line" },
	{ "bad module name", "kdecode-snapshot 1\nmodule ../x 1 Live 0x1 -\nend\n", -EINVAL,
	  "line 2: bad module line" },
	{ "module twice", "kdecode-snapshot 1\nmodule a_b 1 Live 0x1 -\nmodule c 1 Live 0x2 -\n"
	  "module a-b 1 Live 0x3 -\nend\n", -EINVAL, "line 4: module 'a-b' twice in one record" },
	{ "section before its module", "kdecode-snapshot 1\nmodule a 1 Live 0x1 -\n"
	  "section b .text 0x2\nmodule b 1 Live 0x2 -\nend\n", -EINVAL,
	  "line 3: 'section' of a module with no 'module' line before it" },
	{ "late section of no module", "kdecode-snapshot 1\nmodule a 1 Live 0x1 -\n"
	  "module b 1 Live 0x2 -\nsection a .text 0x1\nsection c .text 0x2\nend\n", -EINVAL,
	  "line 5: 'section' of a module with no 'module' line before it" },
	{ "odd build ID", "kdecode-snapshot 1\nbuild_id 4cbd5d3bc1d7c7d2e8ba0d0c4ad0c8a0a3c2c1a\nend\n",
	  -EINVAL, "line 2: bad build_id" },
	{ "short build ID", "kdecode-snapshot 1\nbuild_id 4cbd\nend\n", -EINVAL,
	  "line 2: bad build_id" },
	{ "odd module build ID", "kdecode-snapshot 1\nmodule a 1 Live 0x1 -\n"
	  "module_build_id a 8e3cc4f2a7e4e6d8d0b5a1b9c2f1e3d4c5b6a7f\nend\n", -EINVAL,
	  "line 3: bad module_build_id line" },
	{ "srcversion path", "kdecode-snapshot 1\nmodule a 1 Live 0x1 -\n"
	  "module_srcversion a ../../x\nend\n", -EINVAL, "line 3: bad module_srcversion line" },
	{ "section path", "kdecode-snapshot 1\nmodule a 1 Live 0x1 -\nsection a .text/../x 0x1\n"
	  "end\n", -EINVAL, "line 3: bad section line" },
	{ "kallsyms module path", "kdecode-snapshot 1\nkallsyms 0x1 t f [../x]\nend\n", -EINVAL,
	  "line 2: bad module in kallsyms line" },
	{ "boot_id", "kdecode-snapshot 1\nboot_id ../x\nend\n", -EINVAL, "line 2: bad boot_id" },
	{ "escape", "kdecode-snapshot 1\nversion Linux \x1b]0;pwned\x07\nend\n", -EINVAL,
	  "line 2: not a snapshot line (control character)" },
	{ "binary", "kdecode-snapshot 1\n\x7f" "ELF\x02\x01\x01\nend\n", -EINVAL,
	  "line 2: not a snapshot line" },
	{ "missing", NULL, -ENOENT, "cannot open snapshot" },
};

static void check_bad(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct snapshot_set set = { 0 };
		char *why = NULL;
		char *path = bad[i].text ? write_file("bad", bad[i].text, false)
					 : strdup("/nonexistent/kdecode-unit-snapshot");
		CHECK_INT_EQ(snapshot_read(path, &set, &why), bad[i].err, "%s", bad[i].name);
		CHECK(why && strstr(why, bad[i].why), "%s: message \"%s\"", bad[i].name,
		      why ? why : "(none)");
		CHECK_INT_EQ(set.n, 0, "%s: records kept", bad[i].name);
		snapshot_set_release(&set);
		free(why);
		unlink(path);
		free(path);
	}
}

static void check_release_names(void)
{
	static const struct {
		const char *release;
		bool is_valid;
	} want[] = {
		{ "6.1.0-56-cloud-amd64", true },
		{ "6.12.9+deb13-amd64", true },
		{ "5.15.0-1.el9~rc1_x86.64", true },
		{ "4.19.0", true },
		{ "", false },
		{ ".", false },
		{ "..", false },
		{ "6.1..0", false },
		{ "../../etc", false },
		{ "6.1/0", false },
		{ "-rf", false },
		{ "6.1 0", false },
		{ "6.1\n", false },
		{ "6.1%s", false },
		{ "1234567890123456789012345678901234567890123456789012345678901234", true },
		{ "12345678901234567890123456789012345678901234567890123456789012345", false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		CHECK_INT_EQ(kernel_release_is_valid(want[i].release), want[i].is_valid,
			     "release \"%s\"", want[i].release);
}

/* A record whose release is no release is left out, with a warning; the rest is used */
static void check_bad_release(void)
{
	char *path = write_file("bad-release", "kdecode-snapshot 1\nrelease ../../../etc\nend\n"
				RECORD("2.61", BOOT_A, "0xffffffffc0205000", "0xffffffffac000000")
				"kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\n"
				"release 6.1/../../x\nend\n", false);
	struct snapshot_set set = { 0 };
	char *why = NULL;

	CHECK_INT_EQ(snapshot_read(path, &set, &why), 0, "bad release: %s", why ? why : "");
	CHECK_INT_EQ(set.n, 1, "bad release: records");
	CHECK(set.n == 1 && set.records[0]->line == 4, "bad release: the good one");
	CHECK_INT_EQ(set.n_warnings, 2, "bad release: warnings");
	if (set.n_warnings == 2) {
		CHECK(strstr(set.warnings[0], "line 2: bad release (want 1 to 64 of A-Z a-z 0-9 . "
			     "_ + ~ -, no '..'); the record of line 1 is left out"),
		      "bad release: \"%s\"", set.warnings[0]);
		CHECK(strstr(set.warnings[1], "line 23: bad release") &&
		      strstr(set.warnings[1], "the record of line 21 is left out"),
		      "bad release: \"%s\"", set.warnings[1]);
	}
	snapshot_set_release(&set);
	unlink(path);
	free(path);
	/* all of a file's records left out: nothing of it can be used, an error */
	path = write_file("bad-release", "kdecode-snapshot 1\nrelease ..\nend\n", false);
	CHECK_INT_EQ(snapshot_read(path, &set, &why), -EINVAL, "only bad release");
	CHECK(why && strstr(why, "no usable record: each was left out"), "only bad release: %s",
	      why ? why : "");
	CHECK(set.n == 0 && set.n_warnings == 1, "only bad release");
	snapshot_set_release(&set);
	free(why);
	unlink(path);
	free(path);
}

/* A history whose last write was cut short: the records before the torn one are kept,
 * with a warning; any other damage, or a torn record with nothing before it, is an
 * error. */
static const struct {
	const char *name;
	const char *tail;	/* after two good records */
	int err;
	unsigned long torn_line;
	const char *msg;	/* a piece of the warning, or of the error */
} torn[] = {
	{ "no end", "kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\n", 0, 35,
	  "line 35: the last record has no 'end' (torn); using the 2 records before it" },
	{ "cut line", "kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\nmodule oops", 0, 35,
	  "line 35: the last record has no 'end' (torn); using the 2 records before it" },
	{ "cut end", "kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\nen", 0, 35, "torn" },
	{ "cut header", "kdecode-sn", 0, 35, "line 35: the last record has no 'end' (torn)" },
	{ "bad last line", "kdecode-snapshot 1\ntext 0xzz\n", 0, 35, "torn" },
	{ "cut address", "kdecode-snapshot 1\ntext 0xfff", 0, 35, "torn" },
	/* damage, not a cut */
	{ "bad line before the cut", "kdecode-snapshot 1\ntext 0xzz\nrelease 6.1", -EINVAL, 0,
	  "line 36: bad text address" },
	{ "two unfinished", "kdecode-snapshot 1\nkdecode-snapshot 1\n", -EINVAL, 0,
	  "line 36: a new record before the 'end' of the one at line 35" },
	{ "foreign last line", "garbage\n", -EINVAL, 0, "line 35: not a kdecode snapshot" },
	{ "bad end", "kdecode-snapshot 1\nmodule a 1 Live 0x1 -\nmodule a 1 Live 0x1 -\nend",
	  -EINVAL, 0, "line 37: module 'a' twice" },
};

static void check_torn(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(torn); i++) {
		char *text;
		if (asprintf(&text, "%s%s%s",
			     RECORD("2.61", BOOT_A, "0xffffffffc0205000", "0xffffffffac000000"),
			     RECORD("2.62", BOOT_A, "0xffffffffc0205000", "0xffffffffac000000"),
			     torn[i].tail) < 0)
			exit(99);
		char *path = write_file("torn", text, false);
		struct snapshot_set set = { 0 };
		char *why = NULL;
		int err = snapshot_read(path, &set, &why);
		const char *msg = err < 0 ? why : set.n_warnings ? set.warnings[0] : NULL;
		CHECK_INT_EQ(err, torn[i].err, "%s: %s", torn[i].name, why ? why : "");
		CHECK_INT_EQ(set.n, err < 0 ? 0 : 2, "%s: records", torn[i].name);
		CHECK_INT_EQ(set.n_warnings, err < 0 ? 0 : 1, "%s: warnings", torn[i].name);
		CHECK_INT_EQ(set.torn_line, torn[i].torn_line, "%s: torn line", torn[i].name);
		if (err == 0)
			CHECK_INT_EQ(set.good_size, 2 * strlen(RECORD("2.61", BOOT_A,
				     "0xffffffffc0205000", "0xffffffffac000000")), "%s: good size",
				     torn[i].name);
		CHECK(msg && strstr(msg, torn[i].msg), "%s: message \"%s\"", torn[i].name,
		      msg ? msg : "(none)");
		snapshot_set_release(&set);
		free(why);
		unlink(path);
		free(path);
		free(text);
	}
}

/* a gzip history cut short is unreadable, not torn: zlib cannot say what is whole */
static void check_cut_gzip(void)
{
	char *path = write_file("cut.gz", RECORD("2.61", BOOT_A, "0xffffffffc0205000",
						 "0xffffffffac000000"), true);
	struct snapshot_set set = { 0 };
	char *why = NULL;

	if (truncate(path, 100) < 0)
		exit(99);
	CHECK_INT_EQ(snapshot_read(path, &set, &why), -EIO, "cut gzip");
	CHECK(why && strstr(why, "gzip data cut short (unexpected end of file)"),
	      "cut gzip: message \"%s\"", why ? why : "(none)");
	CHECK_INT_EQ(set.n, 0, "cut gzip: records");
	snapshot_set_release(&set);
	free(why);
	unlink(path);
	free(path);
}

/* a history of two boots; the record in force at a time of the newest boot */
static void check_select(void)
{
	const char *history = "# comments and unknown keys are skipped\n"
		RECORD("2.61", BOOT_A, "0xffffffffc0205000", "0xffffffffac000000")
		RECORD("1.90", BOOT_B, "0xffffffffc0100000", "0xffffffff86c00000")
		RECORD("40.00", BOOT_B, "0xffffffffc0200000", "0xffffffff86c00000")
		"kdecode-snapshot 1\nboot_id " BOOT_B "\nrelease 6.1.0-56-cloud-amd64\n"
		"uptime 90.5\nfuture_key 1 2 3\nend\n";
	char *path = write_file("history.gz", history, true);
	struct snapshot_set set = { 0 };
	char *why = NULL;
	static const struct {
		bool has_time;
		double time;
		const char *release;
		uint64_t text;	/* the report's _text ("Kernel Offset:"), 0: none */
		int record;	/* index, -1: none */
	} want[] = {
		{ true, 1.0, NULL, 0, 1 }, /* before the first record of the boot: its first */
		{ true, 1.90, NULL, 0, 1 },
		{ true, 39.99, NULL, 0, 1 },
		{ true, 40.0, NULL, 0, 2 },
		{ true, 1000.0, NULL, 0, 3 },
		{ false, 0, NULL, 0, 3 },	/* no time: the last */
		{ true, 50.0, "6.1.0-56-cloud-amd64", 0, 2 },
		{ true, 50.0, "6.12.0-1-amd64", 0, -1 },
		/* the kernel where boot A had it: boot A, though B is newer */
		{ true, 50.0, "6.1.0-56-cloud-amd64", 0xffffffffac000000, 0 },
		{ false, 0, NULL, 0xffffffffac000000, 0 },
		{ true, 50.0, NULL, 0xffffffff86c00000, 2 },
		/* where no record had it: the newest boot, as without */
		{ true, 50.0, "6.1.0-56-cloud-amd64", 0xffffffff81000000, 2 },
	};

	CHECK_INT_EQ(snapshot_read(path, &set, &why), 0, "history: %s", why ? why : "");
	CHECK_INT_EQ(set.n, 4, "history records");
	for (size_t i = 0; set.n == 4 && i < ARRAY_SIZE(want); i++) {
		const struct snapshot *s = snapshot_select(&set, want[i].release,
							   want[i].text ? &want[i].text : NULL,
							   want[i].has_time, want[i].time);
		const struct snapshot *w = want[i].record < 0 ? NULL : set.records[want[i].record];
		CHECK(s == w, "select #%zu: got record of line %lu", i, s ? s->line : 0);
	}
	if (set.n == 4) {
		CHECK(snapshot_last_of_boot(&set, BOOT_A) == set.records[0], "last of boot A");
		CHECK(snapshot_last_of_boot(&set, "none") == NULL, "last of no boot");
		CHECK(!snapshot_same_layout(set.records[1], set.records[2]), "moved module");
		CHECK(set.records[3]->n_modules == 0 && !set.records[3]->has_text, "bare record");
	}
	snapshot_set_release(&set);
	free(why);
	unlink(path);
	free(path);
}

/* kallsyms lookups, on lines of the real boot's /proc/kallsyms (tests/rootfs/debian-6.1) */
static void check_symbol_at(void)
{
	const char *record =
		"kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\n"
		"module oopsmod 16384 Live 0xffffffffc0205000 OE\n"
		"section oopsmod .text.trigger_write 0xffffffffc0205110\n"
		"section oopsmod .text.unlikely.trigger_write 0xffffffffc02050cd\n"
		"section oopsmod .note.gnu.build-id 0xffffffffc0206000\n"
		"kallsyms 0x0000000000001000 A cpu_debug_store\n"
		"kallsyms 0xffffffff86f4d3d0 T vfs_write\n"
		"kallsyms 0xffffffff86f4d8f0 T ksys_write\n"
		"kallsyms 0xffffffff878000b8 T entry_SYSCALL_64_after_hwframe\n"
		"kallsyms 0xffffffffc0205110 t trigger_write [oopsmod]\n"
		"kallsyms 0xffffffffc02060c0 r .LC2 [oopsmod]\n"
		"kallsyms 0xffffffffc02073c0 b oopsmod_writes [oopsmod]\n"
		"end\n";
	static const struct {
		uint64_t address;
		const char *name;	/* NULL: none holds it */
		uint64_t size;
	} want[] = {
		{ 0xffffffff86f4d497, "vfs_write", 0x520 },
		{ 0xffffffff86f4d3d0, "vfs_write", 0x520 },
		{ 0xffffffff86f4d8f0, "ksys_write", 0x8b27c8 },
		/* .LC2 is no name; a function ends with the text, where .note starts, as
		 * the kernel printed it: "trigger_write+0xe8/0xef0 [oopsmod]" */
		{ 0xffffffffc02051f8, "trigger_write", 0xef0 },
		{ 0xffffffffc02073c8, "oopsmod_writes", 0 },	/* the module's last */
		{ 0xffffffffc0209000, NULL, 0 },	/* past the module's 16384 bytes */
		{ 0xffffffff878000c0, NULL, 0 },	/* then 1 GiB to the modules */
		{ 0xff4688284276c800, NULL, 0 },	/* the heap: below all but 'A' */
		{ 0x1008, NULL, 0 },
	};
	char *path = write_file("kallsyms", record, false);
	struct snapshot_set set = { 0 };
	char *why = NULL;

	CHECK_INT_EQ(snapshot_read(path, &set, &why), 0, "kallsyms: %s", why ? why : "");
	/* what names nothing is not kept: a lookup would walk through runs of them */
	CHECK(set.n == 1 && set.records[0]->n_symbols == 5, "kallsyms: 'A' and .L left out");
	for (size_t i = 0; set.n == 1 && i < ARRAY_SIZE(want); i++) {
		uint64_t size = 1;
		const struct snapshot_symbol *sym =
			snapshot_symbol_at(set.records[0], want[i].address, &size);
		CHECK_STR_EQ(sym ? sym->name : NULL, want[i].name, "symbol at %#" PRIx64,
			     want[i].address);
		if (sym && want[i].name)
			CHECK_INT_EQ(size, want[i].size, "size at %#" PRIx64, want[i].address);
	}
	snapshot_set_release(&set);
	free(why);
	unlink(path);
	free(path);
}

/* modules found by name, '-' as '_', in a record whose detail lines come in any order
 * after their module's line (read in linear time: tests/snapshot.sh reads 100,000) */
static void check_module_index(void)
{
	char *path = write_file("index", "kdecode-snapshot 1\n"
				"module nf_conntrack 16384 Live 0xffffffffc0300000 -\n"
				"module oopsmod 16384 Live 0xffffffffc0205000 OE\n"
				"section oopsmod .text 0xffffffffc0205000\n"
				"module zz-last 4096 Live 0xffffffffc0100000 -\n"
				"section nf_conntrack .text 0xffffffffc0300000\n"
				"module_build_id nf_conntrack 0123456789abcdef0123456789abcdef01234567\n"
				"section oopsmod .init.text 0xffffffffc020a000\n"
				"end\n", false);
	struct snapshot_set set = { 0 };
	char *why = NULL;

	CHECK_INT_EQ(snapshot_read(path, &set, &why), 0, "index: %s", why ? why : "");
	if (set.n == 1) {
		const struct snapshot *s = set.records[0];
		const struct snapshot_module *m = snapshot_module(s, "nf-conntrack");
		CHECK(m == &s->modules[0], "nf-conntrack is nf_conntrack");
		CHECK(m && m->n_sections == 1 && m->build_id[0] == '0', "late details");
		m = snapshot_module(s, "oopsmod");
		CHECK(m && snapshot_section(m, ".init.text") && snapshot_section(m, ".text"),
		      "sections of oopsmod, in and out of order");
		CHECK(snapshot_module(s, "zz_last") == &s->modules[2], "zz_last");
		CHECK(snapshot_module(s, "zz") == NULL, "zz");
		CHECK(snapshot_module(s, "nf_conntrack_netlink") == NULL, "no prefix match");
		CHECK(snapshot_module(s, "a") == NULL && snapshot_module(s, "zzz") == NULL,
		      "below the first, above the last");
	}
	snapshot_set_release(&set);
	free(why);
	unlink(path);
	free(path);
}

/* a record with no kallsyms and a module with no section: the empty arrays are NULL, which
 * qsort() and bsearch() must never see (a UBSan build, CFLAGS=-fsanitize=undefined
 * -fno-sanitize-recover, fails here otherwise) */
static void check_empty_arrays(void)
{
	char *path = write_file("empty-arrays", "kdecode-snapshot 1\nrelease 6.1.0-56-cloud-amd64\n"
				"module oopsmod 16384 Live 0xffffffffc0205000 -\nend\n", false);
	struct snapshot_set set = { 0 };
	char *why = NULL;
	uint64_t size;

	CHECK_INT_EQ(snapshot_read(path, &set, &why), 0, "empty arrays: %s", why ? why : "");
	if (set.n == 1) {
		const struct snapshot_module *m = snapshot_module(set.records[0], "oopsmod");
		CHECK(m && m->sections == NULL && snapshot_section(m, ".text") == NULL,
		      "section of a module with none");
		CHECK(snapshot_symbol_at(set.records[0], 0xffffffffc0205000, &size) == NULL,
		      "symbol of a record with none");
	}
	snapshot_set_release(&set);
	free(why);
	unlink(path);
	free(path);
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s", t && *t ? t : "/tmp");
	check_fields(false);
	check_fields(true);
	check_bad();
	check_select();
	check_symbol_at();
	check_empty_arrays();
	check_module_index();
	check_torn();
	check_release_names();
	check_bad_release();
	check_cut_gzip();
	printf("test-snapshot: 2 formats, %zu damaged files, history selection\n", ARRAY_SIZE(bad));
	return unit_exit();
}
