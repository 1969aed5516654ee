// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-registers.c: one line through the register and frame parsers, whole and after its
 * log prefix. */
#include "report/frame.h"
#include "fuzz.h"
#include "input/linebuf.h"
#include "input/prefix.h"
#include "report/registers.h"

static void parse(const char *msg)
{
	struct value values[VALUES_PER_LINE_MAX];
	struct frame f = { 0 };
	struct frame_marker m = { 0 };
	char base[KSYM_NAME_LEN];

	size_t n = registers_parse(msg, &(struct registers_state){ 0 }, values);
	FUZZ_ASSERT(n <= VALUES_PER_LINE_MAX);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(memchr(values[i].name, '\0', sizeof(values[i].name)) != NULL);
	enum frame_line kind = frame_parse(msg, &f, &m);
	FUZZ_ASSERT(kind == FRAME_LINE_NONE || kind == FRAME_LINE_FRAME ||
		    kind == FRAME_LINE_MARKER);
	if (kind != FRAME_LINE_FRAME)
		return;
	FUZZ_ASSERT(memchr(f.symbol, '\0', sizeof(f.symbol)) != NULL);
	FUZZ_ASSERT(memchr(f.module, '\0', sizeof(f.module)) != NULL);
	FUZZ_ASSERT(memchr(f.bad_module, '\0', sizeof(f.bad_module)) != NULL);
	FUZZ_ASSERT(memchr(f.module_build_id, '\0', sizeof(f.module_build_id)) != NULL);
	FUZZ_ASSERT(f.module[0] == '\0' ||
		    frame_is_valid_module_name(f.module, strlen(f.module)));
	frame_base_name(f.symbol, base, sizeof(base));
	frame_release(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prefix p;

	/* one line, as linebuf hands it on: no newline, NUL-terminated, NULs as spaces;
	 * an exact-size copy, so that reading past the NUL is caught */
	if (size > LINE_PIECE_MAX)
		return 0;
	char *line = xmalloc(size + 1);
	for (size_t i = 0; i < size; i++)
		line[i] = data[i] == '\0' || data[i] == '\n' ? ' ' : (char)data[i];
	line[size] = '\0';
	parse(line);
	prefix_parse(line, &p);
	FUZZ_ASSERT(p.len <= size);
	parse(line + p.len);
	free(line);
	return 0;
}
