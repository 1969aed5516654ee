// SPDX-License-Identifier: GPL-2.0-or-later
/* annotate.c: the input echoed as it came, each frame line followed by its decoding. */
#include <inttypes.h>
#include <string.h>

#include "disasm/disasm.h"
#include "render/render.h"

/* what came from the input or a debug file, in a line kdecode adds: always escaped */
#define T(s) render_text(rd, (s))

static void annotate_line(struct render *rd, const struct line *l)
{
	render_input(rd, l->raw, l->raw_len);
}

static void put_place(struct render *rd, const struct location *loc)
{
	if (loc->file == NULL) {
		fputs(" at ??", rd->out);
		return;
	}
	fprintf(rd->out, " at %s%s:%u", render_color(rd, COLOR_LOCATION), T(loc->file), loc->line);
	if (loc->column)
		fprintf(rd->out, ":%u", loc->column);
	fputs(render_color(rd, COLOR_RESET), rd->out);
}

/* the added lines end as the input's do: a CRLF log stays CRLF */
static const char *line_end(const struct report_line *rl)
{
	return rl->raw_len >= 2 && rl->raw[rl->raw_len - 2] == '\r' ? "\r\n" : "\n";
}

/* "trigger_write+0xe8/0xef0 [oopsmod] (kallsyms)": all a bare kallsyms can say */
static void put_kallsyms(struct render *rd, const struct frame *f)
{
	fprintf(rd->out, "%s%s%s+0x%" PRIx64, render_color(rd, COLOR_FUNCTION), T(f->symbol),
		render_color(rd, COLOR_RESET), f->offset);
	if (f->has_size)
		fprintf(rd->out, "/0x%" PRIx64, f->size);
	if (f->module[0])
		fprintf(rd->out, " [%s]", f->module);
	fputs(" (kallsyms)", rd->out);
}

/* "[    4.07] RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]" is followed by
 * "[    4.07]  => deref_victim at oopsmod.c:40:5": one line per function of the inline
 * chain, innermost first, with the line's own prefix so the log still sorts and greps */
/* the frame the bug is in: "[  4.59]  => guilty: BUG: unable to handle ... in deref_victim" */
static void put_guilty(struct render *rd, const struct report_line *rl, const struct report *r)
{
	fprintf(rd->out, "%s => %sguilty%s: %s%s", T(rl->prefix), render_color(rd, COLOR_FUNCTION),
		render_color(rd, COLOR_RESET), T(r->title), line_end(rl));
}

/* -S: the location's line under it, and a caret under its column, as gcc shows one:
 *   "    103 |		deref_victim(NULL);"
 *   "        |		^"
 * the caret line keeps the line's tabs, so that it lines up in any tab width */
static void put_source(struct render *rd, const struct report_line *rl,
		       const struct location *loc)
{
	const char *eol = line_end(rl);

	fprintf(rd->out, "%s %8u | %s%s", T(rl->prefix), loc->line, T(loc->source), eol);
	if (loc->column == 0)
		return;
	fprintf(rd->out, "%s %8s | ", T(rl->prefix), "");
	for (size_t i = 0; i + 1 < loc->column && loc->source[i]; i++)
		fputc(loc->source[i] == '\t' ? '\t' : ' ', rd->out);
	fprintf(rd->out, "%s^%s%s", render_color(rd, COLOR_LOCATION), render_color(rd, COLOR_RESET),
		eol);
}

static void put_decoding(struct render *rd, const struct report_line *rl, const struct frame *f)
{
	const char *fn = render_color(rd, COLOR_FUNCTION), *off = render_color(rd, COLOR_RESET);
	bool verbose = rd->ctx->opts.verbosity > 1;
	const char *eol = line_end(rl);

	/* a missing vmlinux or .ko was warned about once; the line already says what is
	 * known (symbol, module), so "?? (no vmlinux found)" under each frame is noise */
	if (f->error && f->lacks_debug_file && !verbose)
		return;
	if (f->error) {
		fprintf(rd->out, "%s => %s?? (%s)%s%s", T(rl->prefix), render_color(rd, COLOR_ERROR),
			T(f->error), off, eol);
		return;
	}
	if (f->is_from_kallsyms) {
		fprintf(rd->out, "%s => ", T(rl->prefix));
		put_kallsyms(rd, f);
		fputs(eol, rd->out);
		return;
	}
	for (size_t i = 0; i < f->n_locations; i++) {
		const struct location *loc = &f->locations[i];
		bool is_inlined = i + 1 < f->n_locations;
		fprintf(rd->out, "%s => %s%s%s%s", T(rl->prefix), fn, T(loc->function), off,
			is_inlined ? " (inlined)" : "");
		put_place(rd, loc);
		if (!is_inlined && verbose && f->has_section)
			fprintf(rd->out, " %s[%s+0x%" PRIx64 "]%s", render_color(rd, COLOR_DIM),
				T(f->section), f->section_offset, off);
		fputs(eol, rd->out);
		if (loc->source)
			put_source(rd, rl, loc);
	}
	if (f->n_locations == 0 && f->has_section)
		fprintf(rd->out, "%s => %s%s%s [%s+0x%" PRIx64 "] (no debug info)%s",
			T(rl->prefix), fn, T(f->symbol), off, T(f->section), f->section_offset, eol);
	if (f->suspect)
		fprintf(rd->out, "%s => %ssuspect: %s%s%s", T(rl->prefix),
			render_color(rd, COLOR_ERROR), T(f->suspect), off, eol);
}

/* a C string as C would write it, so that a "\n" in a format stays on its line */
static void put_c_string(struct render *rd, const char *s)
{
	fputc('"', rd->out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(rd->out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", rd->out);
		else if (*p == '\t')
			fputs("\\t", rd->out);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(rd->out, "\\x%02x", *p);
		else
			fputc(*p, rd->out);
	}
	fputc('"', rd->out);
}

/* "RSI: ffffffffc02060df" is followed by " => RSI: .rodata.str1.1+0x27 [oopsmod] "..."":
 * the symbol or section, the module, then what is there: code's place, a variable, a
 * string */
static void put_value(struct render *rd, const struct report_line *rl, const struct value *v)
{
	const struct frame *f = &v->f;
	const char *fn = render_color(rd, COLOR_FUNCTION), *off = render_color(rd, COLOR_RESET);

	fprintf(rd->out, "%s => %s: ", T(rl->prefix), v->name);
	if (f->is_from_kallsyms) {
		put_kallsyms(rd, f);
		fputs(line_end(rl), rd->out);
		return;
	}
	if (f->symbol[0])
		fprintf(rd->out, "%s%s+0x%" PRIx64 "%s", fn, T(f->symbol), f->offset, off);
	else if (f->has_section)
		fprintf(rd->out, "%s+0x%" PRIx64, T(f->section), f->section_offset);
	else
		fprintf(rd->out, "%s??%s", render_color(rd, COLOR_ERROR), off);
	if (f->module[0])
		fprintf(rd->out, " [%s]", f->module);
	if (f->symbol[0] && f->has_section && (v->is_data || rd->ctx->opts.verbosity > 1))
		fprintf(rd->out, " %s%s+0x%" PRIx64 "%s", render_color(rd, COLOR_DIM), T(f->section),
			f->section_offset, off);
	if (f->error) {
		fprintf(rd->out, " %s(%s)%s", render_color(rd, COLOR_ERROR), T(f->error), off);
	} else if (v->variable) {
		fprintf(rd->out, ": %s%s%s%s", v->variable_type ? T(v->variable_type) : "",
			v->variable_type ? " " : "", fn, T(v->variable));
		fputs(off, rd->out);
		if (v->variable_file)
			fprintf(rd->out, " declared at %s%s:%u%s", render_color(rd, COLOR_LOCATION),
				T(v->variable_file), v->variable_line, off);
	} else if (v->string) {
		fputc(' ', rd->out);
		put_c_string(rd, v->string);
		if (v->string_offset)
			fprintf(rd->out, "+%zu", v->string_offset);
	} else if (f->n_locations > 0) {
		put_place(rd, &f->locations[0]);
		if (f->n_locations > 1)
			fprintf(rd->out, " (inlined into %s)",
				T(f->locations[f->n_locations - 1].function));
	}
	fputs(line_end(rl), rd->out);
}

/* where an instruction is, into buf: its address, else its distance from the pc
 * ("pc-0x2a"), else its offset into the dump */
static const char *insn_place(const struct report *r, const struct arch_code *c,
			      const struct insn *in, char *buf, size_t size)
{
	const struct arch_ops *a = arch_get(r->arch != ARCH_UNKNOWN ? r->arch : c->arch);
	size_t trap = c->trap_offset;

	if (in->where.has_address)
		snprintf(buf, size, "%0*" PRIx64 ":", a ? (int)a->address_digits : 16,
			 in->where.address);
	else if (!c->has_trap)
		snprintf(buf, size, "0x%zx:", in->offset);
	else if (in->offset == trap)
		snprintf(buf, size, "pc:");
	else
		snprintf(buf, size, "pc%c0x%zx:", in->offset < trap ? '-' : '+',
			 in->offset < trap ? trap - in->offset : in->offset - trap);
	return buf;
}

/* "outer_with_inline+0xc [oopsmod], poke (inlined) at oopsmod.c:46:2" */
static void put_insn_location(struct render *rd, const struct insn *in)
{
	const struct frame *f = &in->where;
	const char *fn = render_color(rd, COLOR_FUNCTION), *off = render_color(rd, COLOR_RESET);

	if (!f->symbol[0] || f->error)
		return;
	fprintf(rd->out, "  %s%s+0x%" PRIx64 "%s", fn, T(f->symbol), f->offset, off);
	if (f->module[0])
		fprintf(rd->out, " [%s]", f->module);
	if (f->n_locations == 0)
		return;
	if (f->n_locations > 1)
		fprintf(rd->out, ", %s%s%s (inlined)", fn, T(f->locations[0].function), off);
	put_place(rd, &f->locations[0]);
}

static const char *insn_text(const struct disasm *d, const struct insn *in)
{
	if (in->text)
		return in->text;
	if (in->offset < d->start)
		return "(the end of an instruction)";
	return d->error ? "" : "(bad)";
}

/* Under the Code: dump, one line per instruction: "[  4.59]  => pc-0x2: 48 8b 47 10
 * mov 0x10(%rdi), %rax  <-- trapping instruction  f+0xa [m] at m.c:40:5" */
static void put_code(struct render *rd, const struct report_line *rl, const struct report *r,
		     const struct report_code *rc)
{
	const struct disasm *d = rc->disasm;
	size_t place_width = 0, hex_width = 0, text_width = 0;
	char place[32];

	if (d->error)
		fprintf(rd->out, "%s => code: %s%s%s%s", T(rl->prefix), render_color(rd, COLOR_ERROR),
			T(d->error), render_color(rd, COLOR_RESET), line_end(rl));
	for (size_t i = 0; i < d->n_insns; i++) {
		size_t h = strlen(d->insns[i].hex), t = strlen(insn_text(d, &d->insns[i]));
		size_t p = strlen(insn_place(r, &rc->code, &d->insns[i], place, sizeof(place)));
		place_width = p > place_width ? p : place_width;
		hex_width = h > hex_width ? h : hex_width;
		text_width = t > text_width ? t : text_width;
	}
	for (size_t i = 0; i < d->n_insns; i++) {
		const struct insn *in = &d->insns[i];
		bool has_more = in->is_trapping || (in->where.symbol[0] && !in->where.error);
		fprintf(rd->out, "%s => %-*s %-*s  %-*s", T(rl->prefix), (int)place_width,
			insn_place(r, &rc->code, in, place, sizeof(place)), (int)hex_width, in->hex,
			has_more ? (int)text_width : 0, insn_text(d, in));
		if (in->is_trapping)
			fprintf(rd->out, "  %s<-- trapping instruction%s", render_color(rd, COLOR_ERROR),
				render_color(rd, COLOR_RESET));
		put_insn_location(rd, in);
		fputs(line_end(rl), rd->out);
	}
}

/* the dump that ends at line no and has instructions or an error to show, or NULL; dumps
 * end in line order, from *next on */
static const struct report_code *code_ending(const struct report *r, unsigned long no,
					     size_t *next)
{
	while (*next < r->n_codes && r->codes[*next].last_line < no)
		++*next;
	if (*next < r->n_codes && r->codes[*next].last_line == no && r->codes[*next].disasm)
		return &r->codes[(*next)++];
	return NULL;
}

static bool is_mismatch(const struct report *r, const char *warning)
{
	for (size_t i = 0; i < r->n_mismatches; i++)
		if (streq(r->mismatches[i], warning))
			return true;
	return false;
}

/* --style=inline: a frame line with its place appended, after a line for each function
 * inlined there, as decode_stacktrace.sh and syzbot print them:
 *   " pde_write fs/proc/inode.c:340 [inline]"
 *   " proc_reg_write+0x56/0xa0 fs/proc/inode.c:352"
 * false (nothing written) when there is no place to add */
static bool put_inline(struct render *rd, const struct report_line *rl, const struct frame *f)
{
	const char *fn = render_color(rd, COLOR_FUNCTION), *loc = render_color(rd, COLOR_LOCATION);
	const char *off = render_color(rd, COLOR_RESET), *eol = line_end(rl);
	size_t len = rl->raw_len;

	if (f->error || f->n_locations == 0)
		return false;
	for (size_t i = 0; i + 1 < f->n_locations; i++) {
		const struct location *l = &f->locations[i];
		fprintf(rd->out, "%s %s%s%s %s%s:%u%s [inline]%s", T(rl->prefix), fn, T(l->function),
			off, loc, l->file ? T(l->file) : "??", l->line, off, eol);
	}
	while (len > 0 && (rl->raw[len - 1] == '\n' || rl->raw[len - 1] == '\r'))
		len--;
	render_input(rd, rl->raw, len);
	const struct location *last = &f->locations[f->n_locations - 1];
	if (last->file)
		fprintf(rd->out, " %s%s:%u%s%s", loc, T(last->file), last->line, off, eol);
	else
		fprintf(rd->out, " ??%s", eol);
	return true;
}

static void annotate_report(struct render *rd, const struct report *r)
{
	size_t next_code = 0;
	bool is_inline = rd->ctx->opts.style == STYLE_INLINE;

	for (size_t i = 0; i < r->n_lines; i++) {
		const struct report_line *rl = &r->lines[i];
		if (rd->is_frames && rl->frame < 0)
			continue;
		bool is_put = is_inline && rl->frame >= 0 && put_inline(rd, rl, &r->frames[rl->frame]);
		if (!is_put)
			render_input(rd, rl->raw, rl->raw_len);
		bool has_shown = false;
		for (size_t j = 0; j < rl->n_values; j++)
			has_shown |= r->values[rl->first_value + j].is_shown;
		const struct report_code *code = code_ending(r, rl->no, &next_code);
		bool has_code = code != NULL;
		if ((rl->frame < 0 || is_inline) && !has_shown && !has_code)
			continue;
		if (!is_put && (rl->raw_len == 0 || rl->raw[rl->raw_len - 1] != '\n'))
			fputs(line_end(rl), rd->out);
		if (rl->frame >= 0 && !is_inline)
			put_decoding(rd, rl, &r->frames[rl->frame]);
		if (rl->frame >= 0 && rl->frame == r->guilty && !rd->is_frames && !is_inline)
			put_guilty(rd, rl, r);
		for (size_t j = 0; j < rl->n_values; j++)
			if (r->values[rl->first_value + j].is_shown)
				put_value(rd, rl, &r->values[rl->first_value + j]);
		if (has_code)
			put_code(rd, rl, r, code);
	}
	/* that the debug files are not the kernel's, always; other warnings with -v -v */
	const struct report_line *last = &r->lines[r->n_lines - 1];
	for (size_t i = 0; i < r->n_mismatches; i++)
		fprintf(rd->out, "%s => %swarning: %s%s%s", T(last->prefix),
			render_color(rd, COLOR_ERROR), T(r->mismatches[i]),
			render_color(rd, COLOR_RESET), line_end(last));
	for (size_t i = 0; i < r->n_warnings && rd->ctx->opts.verbosity > 1; i++)
		if (!is_mismatch(r, r->warnings[i]))
			fprintf(rd->out, "%s => warning: %s%s", T(last->prefix),
				T(r->warnings[i]), line_end(last));
}

static void annotate_nothing(struct render *rd)
{
}

const struct render_ops render_annotate_ops = {
	.begin = annotate_nothing,
	.line = annotate_line,
	.report = annotate_report,
	.input = render_no_input,
	.end = annotate_nothing,
	.joined = render_no_join,
};
