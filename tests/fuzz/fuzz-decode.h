/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz-decode.h: a report of fuzzmod.c's frames and values, decoded in both output
 * formats, with -m and optionally a snapshot: what fuzz-resolve and fuzz-index run. */
#pragma once

#include <sys/stat.h>

#include "fuzz.h"
#include "disasm/disasm.h"
#include "input/linebuf.h"
#include "render/render.h"
#include "report/report.h"
#include "resolve.h"

/* frames and values into each kind of section of fuzzmod.c: code, cold code, an inline
 * chain, data with a DWARF variable, merged strings */
static const char *const log_lines[] = {
	"BUG: kernel NULL pointer dereference, address: 0000000000000000",
	"Oops: 0000 [#1] PREEMPT SMP NOPTI",
	"CPU: 0 PID: 1 Comm: sh Tainted: G           OE      6.1.0-fuzz #1",
	"RIP: 0010:fuzz_victim+0x4/0x9 [fuzzmod]",
	"RAX: ffffffffc0004000 RBX: ffffffffc0005004 RCX: ffffffffc0001003",
	"RDX: ffffffffc0006000 RSI: ffffffffc0004010 RDI: ffffffffc0005010",
	"R08: ffffffffc0005800 R09: ffffffffc0002c00 R10: ffffffffc0000000",
	"Call Trace:",
	" <TASK>",
	" fuzz_entry+0x1a/0x2b [fuzzmod]",
	" ? fuzz_cold_path+0x8/0x1f [fuzzmod]",
	" fuzz_entry.cold+0x2/0x10 [fuzzmod]",
	" fuzz_state+0x4/0x20 [fuzzmod]",
	" [<ffffffffc0003010>] fuzz_nothing+0x0/0x1 [fuzzmod]",
	" ? 0xffffffffc0003004",
	" </TASK>",
	"Modules linked in: fuzzmod(OE)",
	"CR2: ffffffffc0005008",
	"---[ end trace 0000000000000000 ]---",
};

/* where the sections were "loaded": every name fuzzmod.o may use with gcc or clang */
static const char snapshot_text[] =
	"kdecode-snapshot 1\n"
	"captured 2026-12-01T00:00:00Z\n"
	"uptime 0.50\n"
	"boot_id 00000000-0000-0000-0000-000000000000\n"
	"release 6.1.0-fuzz\n"
	"module fuzzmod 65536 Live 0xffffffffc0000000 OE\n"
	"section fuzzmod .text 0xffffffffc0000000\n"
	"section fuzzmod .text.fuzz_victim 0xffffffffc0001000\n"
	"section fuzzmod .text.fuzz_cold_path 0xffffffffc0002000\n"
	"section fuzzmod .text.unlikely.fuzz_cold_path 0xffffffffc0002800\n"
	"section fuzzmod .text.unlikely 0xffffffffc0002c00\n"
	"section fuzzmod .text.fuzz_entry 0xffffffffc0003000\n"
	"section fuzzmod .rodata.str1.1 0xffffffffc0004000\n"
	"section fuzzmod .rodata.str1.8 0xffffffffc0004008\n"
	"section fuzzmod .rodata 0xffffffffc0004800\n"
	"section fuzzmod .data.rel.local 0xffffffffc0005000\n"
	"section fuzzmod .data 0xffffffffc0005800\n"
	"section fuzzmod .bss 0xffffffffc0006000\n"
	"end\n";

static inline void push_module_dir(struct kdecode_ctx *ctx, const char *dir)
{
	ctx->opts.module_dirs =
		xreallocarray(ctx->opts.module_dirs, ctx->opts.n_module_dirs + 1,
			      sizeof(*ctx->opts.module_dirs));
	ctx->opts.module_dirs[ctx->opts.n_module_dirs++] = dir;
}

static inline void decode(struct kdecode_ctx *ctx)
{
	struct report_parser *rp = report_parser_new("fuzz");
	struct report *r = NULL, *done;
	struct render rd[] = {
		{ .ctx = ctx, .out = fuzz_null(), .ops = &render_annotate_ops },
		{ .ctx = ctx, .out = fuzz_null(), .ops = &render_json_ops },
	};

	for (size_t i = 0; i < ARRAY_SIZE(log_lines); i++) {
		struct line l = {
			.raw = log_lines[i],
			.raw_len = strlen(log_lines[i]),
			.text = log_lines[i],
			.len = strlen(log_lines[i]),
			.no = i + 1,
		};
		bool is_outside;
		report_parser_feed(rp, &l, &done, &is_outside);
		FUZZ_ASSERT(done == NULL);
	}
	r = report_parser_finish(rp);
	FUZZ_ASSERT(r != NULL);
	disasm_report(r);
	resolve_report(ctx, r);
	for (size_t i = 0; i < ARRAY_SIZE(rd); i++) {
		rd[i].ops->begin(&rd[i]);
		rd[i].ops->report(&rd[i], r);
		rd[i].ops->end(&rd[i]);
		render_release(&rd[i]);	/* as kdecode.c: render_text()'s buffers */
	}
	report_free(r);
	report_parser_free(rp);
}

