// SPDX-License-Identifier: GPL-2.0-or-later
/* json.c: one JSON document {"version":1,"reports":[...]} for every input. */
#include <inttypes.h>
#include <string.h>

#include "arch/arch.h"
#include "disasm/disasm.h"
#include "render/render.h"
#include "shared/util.h"

/* A document is thousands of small writes to one stream, which only one thread writes at
 * a time (kdecode.c's __fsetlocking()): written without stdio's lock, or its call for a
 * single byte */
#define fputc(c, f) putc_unlocked((c), (f))
#define fputs(s, f) fputs_unlocked((s), (f))
#define fwrite(p, size, n, f) fwrite_unlocked((p), (size), (n), (f))

/* whether any byte of w is below n (n at most 0x80), or is zero: bit tricks that look at
 * eight bytes at once, and are never wrong as a yes or no */
#define BYTES(b) (0x0101010101010101ULL * (b))
#define HAS_LESS(w, n) (((w) - BYTES(n)) & ~(w) & BYTES(0x80))
#define HAS_ZERO(w) HAS_LESS(w, 1)

/* eight bytes that stand in a JSON string as they are: printable ASCII, no '"' or '\\' */
static bool is_plain8(uint64_t w)
{
	return !(HAS_LESS(w, 0x20) | (w & BYTES(0x80)) | HAS_ZERO(w ^ BYTES('"')) |
		 HAS_ZERO(w ^ BYTES('\\')) | HAS_ZERO(w ^ BYTES(0x7f)));
}

/* n bytes, NULs included, inside a JSON string; bytes that are not UTF-8 (logs are
 * untrusted) become U+FFFD */
static void put_bytes_unquoted(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	while (n > 0) {
		/* the bytes that stand as they are, written at once */
		size_t run = 0, len;
		while (run < n) {
			uint64_t w;
			if (n - run >= 8 && (memcpy(&w, p + run, 8), is_plain8(w))) {
				run += 8;
				continue;
			}
			unsigned char c = p[run];
			if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
				run++;
			else if (c >= 0x80 && (len = utf8_len(p + run, n - run)) > 0)
				run += len;
			else
				break;
		}
		if (run) {
			fwrite(p, 1, run, out);
			p += run;
			n -= run;
			continue;
		}
		len = utf8_len(p, n);
		if (len == 0) {
			fputs("\\ufffd", out);
			len = 1;
		} else if (*p == '"' || *p == '\\') {
			fprintf(out, "\\%c", *p);
		} else if (*p == '\n') {
			fputs("\\n", out);
		} else if (*p == '\t') {
			fputs("\\t", out);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(out, "\\u%04x", *p);
		} else {
			fwrite(p, 1, len, out);
		}
		p += len;
		n -= len;
	}
}

static void put_string(FILE *out, const char *s)
{
	fputc('"', out);
	put_bytes_unquoted(out, s, strlen(s));
	fputc('"', out);
}

static void put_nullable(FILE *out, const char *s)
{
	if (s)
		put_string(out, s);
	else
		fputs("null", out);
}

/* numbers by hand: a decoding prints thousands, and printf's parsing of its format
 * was a tenth of a decoding with an index */
static void put_dec(FILE *out, uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), out);
}

static void put_hex(FILE *out, bool known, uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);

	if (!known) {
		fputs("null", out);
		return;
	}
	*--p = '"';
	do
		*--p = "0123456789abcdef"[v & 0xf];
	while ((v >>= 4) != 0);
	*--p = 'x';
	*--p = '0';
	*--p = '"';
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), out);
}

static void put_int(FILE *out, int v)
{
	if (v >= 0)
		put_dec(out, (uint64_t)v);
	else
		fputs("null", out);
}

static void put_bool(FILE *out, bool v)
{
	fputs(v ? "true" : "false", out);
}

static void put_locations(FILE *out, const struct frame *f, bool has_sources)
{
	fputs("\"locations\": [", out);
	for (size_t i = 0; i < f->n_locations; i++) {
		const struct location *l = &f->locations[i];
		fputs(i ? ", {" : "{", out);
		fputs("\"function\": ", out);
		put_string(out, l->function);
		fputs(", \"file\": ", out);
		put_nullable(out, l->file);
		fputs(", \"line\": ", out);
		put_int(out, l->file ? (int)l->line : -1);
		fputs(", \"column\": ", out);
		put_int(out, l->file && l->column ? (int)l->column : -1);
		/* -S only: a document without it stays as it was */
		if (has_sources) {
			fputs(", \"source\": ", out);
			put_nullable(out, l->source);
		}
		fputc('}', out);
	}
	fputc(']', out);
}

/* what a frame or value decoded to, its error when it was not, and the object's end */
static void put_outcome(FILE *out, const struct frame *f, bool has_sources)
{
	put_locations(out, f, has_sources);
	if (f->error) {
		fputs(", \"error\": ", out);
		put_string(out, f->error);
	}
	if (f->suspect) {
		fputs(", \"suspect\": ", out);
		put_string(out, f->suspect);
	}
	fputc('}', out);
}

static void put_frame(FILE *out, const struct frame *f, bool has_sources)
{
	fputs("        {\"line\": ", out);
	put_dec(out, f->line);
	fputs(f->role == FRAME_ROLE_IP ? ", \"role\": \"ip\", \"context\": "
					: ", \"role\": \"call\", \"context\": ", out);
	put_nullable(out, f->context);
	fputs(", \"stack\": ", out);
	put_dec(out, f->stack);
	fputs(", \"reliable\": ", out);
	put_bool(out, f->is_reliable);
	fputs(", \"symbol\": ", out);
	put_nullable(out, f->symbol[0] ? f->symbol : NULL);
	fputs(", \"offset\": ", out);
	put_hex(out, f->has_offset, f->offset);
	fputs(", \"size\": ", out);
	put_hex(out, f->has_size, f->size);
	fputs(", \"module\": ", out);
	put_nullable(out, f->module[0] ? f->module : NULL);
	fputs(", \"section\": ", out);
	put_nullable(out, f->section);
	fputs(", \"address\": ", out);
	put_hex(out, f->has_address, f->address);
	fputs(", \"object\": ", out);
	put_nullable(out, f->object);
	fputs(",\n         ", out);
	put_outcome(out, f, has_sources);
}

static void put_variable(FILE *out, const struct value *v)
{
	if (v->variable == NULL) {
		fputs("null", out);
		return;
	}
	fputs("{\"name\": ", out);
	put_string(out, v->variable);
	fputs(", \"type\": ", out);
	put_nullable(out, v->variable_type);
	fputs(", \"file\": ", out);
	put_nullable(out, v->variable_file);
	fputs(", \"line\": ", out);
	put_int(out, v->variable_file && v->variable_line ? (int)v->variable_line : -1);
	fputc('}', out);
}

static void put_value(FILE *out, const struct value *v, bool has_sources)
{
	const struct frame *f = &v->f;

	fputs("        {\"line\": ", out);
	put_dec(out, f->line);
	fputs(", \"name\": ", out);
	put_string(out, v->name);
	fputs(", \"value\": ", out);
	put_hex(out, true, f->address);
	fputs(", \"symbol\": ", out);
	put_nullable(out, f->symbol[0] ? f->symbol : NULL);
	fputs(", \"offset\": ", out);
	put_hex(out, f->has_offset, f->offset);
	fputs(", \"module\": ", out);
	put_nullable(out, f->module[0] ? f->module : NULL);
	fputs(", \"section\": ", out);
	put_nullable(out, f->section);
	fputs(", \"section_offset\": ", out);
	put_hex(out, f->has_section, f->section_offset);
	fputs(", \"object\": ", out);
	put_nullable(out, f->object);
	fputs(",\n         \"data\": ", out);
	fputs(v->is_data ? "true" : "false", out);
	fputs(", \"string\": ", out);
	put_nullable(out, v->string);
	fputs(", \"string_offset\": ", out);
	put_int(out, v->string ? (int)v->string_offset : -1);
	fputs(", \"variable\": ", out);
	put_variable(out, v);
	fputs(", ", out);
	put_outcome(out, f, has_sources);
}

/* an instruction's place, as a frame's: symbol+offset, module, section, inline chain */
static void put_insn_location(FILE *out, const struct frame *f, bool has_sources)
{
	if (!f->symbol[0] || f->error) {
		fputs("null", out);
		return;
	}
	fputs("{\"symbol\": ", out);
	put_string(out, f->symbol);
	fputs(", \"offset\": ", out);
	put_hex(out, f->has_offset, f->offset);
	fputs(", \"module\": ", out);
	put_nullable(out, f->module[0] ? f->module : NULL);
	fputs(", \"section\": ", out);
	put_nullable(out, f->section);
	fputs(", ", out);
	put_locations(out, f, has_sources);
	fputc('}', out);
}

/* a Code: dump, disassembled: {"arch", "mode", "line", "error", "instructions"} */
static void put_code(FILE *out, const struct report_code *rc, bool has_sources)
{
	const struct disasm *d = rc->disasm;

	if (d == NULL) {
		fputs("null", out);
		return;
	}
	fputs("{\"arch\": ", out);
	put_nullable(out, arch_name(d->arch));
	fputs(", \"mode\": ", out);
	put_string(out, d->mode);
	fputs(", \"line\": ", out);
	put_dec(out, rc->code.line);
	fputs(", \"error\": ", out);
	put_nullable(out, d->error);
	fputs(", \"instructions\": [", out);
	for (size_t i = 0; i < d->n_insns; i++) {
		const struct insn *in = &d->insns[i];
		fputs(i ? ",\n      {\"address\": " : "\n      {\"address\": ", out);
		put_hex(out, in->where.has_address, in->where.address);
		fputs(", \"offset\": ", out);
		put_dec(out, in->offset);
		fputs(", \"bytes\": ", out);
		put_string(out, in->hex);
		fputs(", \"text\": ", out);
		put_nullable(out, in->text);
		fputs(", \"trapping\": ", out);
		put_bool(out, in->is_trapping);
		fputs(",\n       \"location\": ", out);
		put_insn_location(out, &in->where, has_sources);
		fputc('}', out);
	}
	fputs(d->n_insns ? "\n    ]}" : "]}", out);
}

/* "code": the kernel's first Code: dump, else the first (null when the report has none);
 * "codes": every one, in order */
static void put_codes(FILE *out, const struct report *r, bool has_sources)
{
	size_t first = 0;
	char *text = NULL;
	size_t len = 0;

	while (first < r->n_codes && r->codes[first].is_user_pc)
		first++;
	if (first == r->n_codes)
		first = 0;
	/* "code" is one of "codes" again: its text is made once, and written twice */
	FILE *once = r->n_codes ? open_memstream(&text, &len) : NULL;
	if (once) {
		put_code(once, &r->codes[first], has_sources);
		if (fclose(once) != 0)
			text = (free(text), NULL);
	}
	fputs(",\n    \"code\": ", out);
	if (r->n_codes == 0)
		fputs("null", out);
	else if (text)
		fwrite(text, 1, len, out);
	else
		put_code(out, &r->codes[first], has_sources);
	fputs(",\n    \"codes\": [", out);
	for (size_t i = 0; i < r->n_codes; i++) {
		fputs(i ? ",\n    " : "\n    ", out);
		if (i == first && text)
			fwrite(text, 1, len, out);
		else
			put_code(out, &r->codes[i], has_sources);
	}
	fputs(r->n_codes ? "\n    ]" : "]", out);
	free(text);
}

static void put_modules(FILE *out, const struct report *r)
{
	if (!r->has_modules) {
		fputs("null", out);
		return;
	}
	fputc('[', out);
	for (size_t i = 0; i < r->n_modules; i++) {
		fputs(i ? ", {\"name\": " : "{\"name\": ", out);
		put_string(out, r->modules[i].name);
		fputs(", \"flags\": ", out);
		put_string(out, r->modules[i].flags);
		fputc('}', out);
	}
	fputc(']', out);
}

/* "inputs": each input, its reports' count and why it could not be read (or null) */
struct input {
	char *source;
	char *error;
	size_t n_reports;
};

struct inputs {
	struct input *all;
	size_t n, alloc;
};

static void json_begin(struct render *rd)
{
	rd->state = xcalloc(1, sizeof(struct inputs));
	fputs("{\"version\": 1, \"reports\": [", rd->out);
}

static void json_input(struct render *rd, const char *source, const char *error,
		       size_t n_reports)
{
	struct inputs *in = rd->state;

	ARRAY_GROW(in->all, in->n, in->alloc);
	in->all[in->n++] = (struct input){
		.source = xstrdup(source),
		.error = error ? xstrdup(error) : NULL,
		.n_reports = n_reports,
	};
}

/* "raw": the report's own lines as they came (prefixes too), for a bug tracker */
static void put_raw(FILE *out, const struct report *r)
{
	size_t n = r->n_lines - r->n_trailing;

	fputs(",\n    \"raw\": \"", out);
	for (size_t i = 0; i < n; i++) {
		const struct report_line *l = &r->lines[i];
		size_t len = l->raw_len;
		while (len > 0 && (l->raw[len - 1] == '\n' || l->raw[len - 1] == '\r'))
			len--;
		/* each line without its quotes, then a newline */
		put_bytes_unquoted(out, l->raw, len);
		fputs("\\n", out);
	}
	fputc('"', out);
}

static void json_report(struct render *rd, const struct report *r)
{
	bool has_sources = rd->ctx->opts.n_source_dirs > 0;
	FILE *out = rd->out;

	/* a worker's report goes after the parent's comma, if any (json_joined) */
	fputs(rd->n_reports && !rd->is_part ? ",\n  {" : "\n  {", out);
	fputs("\"source\": ", out);
	put_string(out, r->source);
	fprintf(out, ", \"first_line\": %lu, \"last_line\": %lu,\n    \"kind\": ", r->first_line,
		r->last_line);
	put_string(out, r->kind);
	fputs(", \"class\": ", out);
	put_string(out, r->class);
	fputs(", \"title\": ", out);
	put_string(out, r->title);
	fputs(",\n    \"guilty\": ", out);
	if (r->guilty >= 0)
		fprintf(out, "%ld", r->guilty);
	else
		fputs("null", out);
	fputs(", \"guilty_function\": ", out);
	put_nullable(out, r->guilty_function);
	fputs(", \"signature\": ", out);
	put_string(out, r->signature);
	fputs(",\n    \"arch\": ", out);
	put_nullable(out, arch_name(r->arch));
	fputs(", \"arch_source\": ", out);
	put_nullable(out, r->arch == ARCH_UNKNOWN	  ? NULL
			  : r->is_arch_from_debug_file ? "debug-file"
						       : "report");
	fputs(", \"release\": ", out);
	put_nullable(out, r->release);
	fputs(", \"cpu\": ", out);
	put_int(out, r->cpu);
	fputs(", \"pid\": ", out);
	put_int(out, r->pid);
	fputs(", \"comm\": ", out);
	put_nullable(out, r->comm);
	fputs(", \"tainted\": ", out);
	put_nullable(out, r->tainted);
	fputs(",\n    \"modules\": ", out);
	put_modules(out, r);
	fputs(", \"last_unloaded\": ", out);
	put_nullable(out, r->last_unloaded);
	fputs(", \"kernel_offset\": ", out);
	put_hex(out, r->has_kernel_offset, r->kernel_offset);
	fprintf(out, ",\n    \"corrupted\": %s, \"corrupted_reason\": ",
		r->corrupted ? "true" : "false");
	put_nullable(out, r->corrupted);
	fputs(",\n    \"warnings\": [", out);
	for (size_t i = 0; i < r->n_warnings; i++) {
		fputs(i ? ", " : "", out);
		put_string(out, r->warnings[i]);
	}
	fputs("],\n    \"mismatches\": [", out);
	for (size_t i = 0; i < r->n_mismatches; i++) {
		fputs(i ? ", " : "", out);
		put_string(out, r->mismatches[i]);
	}
	fputs("],\n    \"stacks\": [", out);
	for (size_t i = 0; i < r->n_stacks; i++) {
		fprintf(out, "%s{\"kind\": \"%s\", \"line\": ", i ? ", " : "",
			stack_kind_name(r->stacks[i].kind));
		put_int(out, r->stacks[i].line ? (int)r->stacks[i].line : -1);
		fputs(", \"header\": ", out);
		put_nullable(out, r->stacks[i].header);
		fputc('}', out);
	}
	fputs("],\n    \"frames\": [", out);
	for (size_t i = 0; i < r->n_frames; i++) {
		fputs(i ? ",\n" : "\n", out);
		put_frame(out, &r->frames[i], has_sources);
	}
	fputs(r->n_frames ? "\n    ],\n    \"values\": [" : "],\n    \"values\": [", out);
	size_t shown = 0;
	for (size_t i = 0; i < r->n_values; i++) {
		if (!r->values[i].is_shown)
			continue;
		fputs(shown++ ? ",\n" : "\n", out);
		put_value(out, &r->values[i], has_sources);
	}
	fputs(shown ? "\n    ]" : "]", out);
	put_codes(out, r, has_sources);
	put_raw(out, r);
	fputc('}', out);
}

static void json_joined(struct render *rd, const struct render_mark *m)
{
	if (rd->n_reports)
		fputc(',', rd->out);
}

static void json_end(struct render *rd)
{
	struct inputs *in = rd->state;

	fputs(rd->n_reports ? "\n], \"inputs\": [" : "], \"inputs\": [", rd->out);
	for (size_t i = 0; in && i < in->n; i++) {
		fputs(i ? ",\n  {\"source\": " : "\n  {\"source\": ", rd->out);
		put_string(rd->out, in->all[i].source);
		fprintf(rd->out, ", \"reports\": %zu, \"error\": ", in->all[i].n_reports);
		put_nullable(rd->out, in->all[i].error);
		fputc('}', rd->out);
		free(in->all[i].source);
		free(in->all[i].error);
	}
	fputs(in && in->n ? "\n]}\n" : "]}\n", rd->out);
	if (in)
		free(in->all);
	free(in);
	rd->state = NULL;
}

const struct render_ops render_json_ops = {
	.begin = json_begin,
	.line = NULL,	/* the lines outside reports are not its output */
	.report = json_report,
	.input = json_input,
	.end = json_end,
	.joined = json_joined,
};
