// SPDX-License-Identifier: GPL-2.0-or-later
/* frame.c: one stack-frame line (" ? foo+0x1a/0x40 [mod]", "RIP: 0010:...") -> struct frame. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report/frame.h"
#include "shared/util.h"

static const struct {
	const char *text;
	const char *context;	/* NULL for an end marker */
} markers[] = {
	/* " <TASK>" ... " </TASK>" (5.16+), " <IRQ>" ... " </IRQ>" */
	{ "<TASK>", "task" },	    { "</TASK>", NULL }, { "<IRQ>", "irq" },
	{ "</IRQ>", NULL },	    { "<SOFTIRQ>", "softirq" }, { "</SOFTIRQ>", NULL },
	{ "<NMI>", "nmi" },	    { "</NMI>", NULL },	{ "<#DF>", "double-fault" },
	{ "</#DF>", NULL },	    { "<#MC>", "machine-check" }, { "</#MC>", NULL },
	{ "<#DB>", "debug" },	    { "</#DB>", NULL },
	/* old kernels: " <EOI> " ends an IRQ stack, " <<EOE>> " an exception stack */
	{ "<EOI>", NULL },	    { "<<EOE>>", NULL }, { "<EOE>", NULL },
};

/* "RIP: 0010:" and friends: the line names the faulting instruction */
static const struct {
	const char *label;
	bool has_selector;	/* a "0010:" code segment selector follows */
} ip_labels[] = {
	{ "RIP: ", true },	/* "RIP: 0010:deref_victim.constprop.0+0x5/0x13 [oopsmod]" */
	{ "RIP  ", false },	/* "RIP  [<ffffffffa0525326>] wdev_priv.part.8+0x4/0x6 [wl]" (<= 4.9) */
	{ "IP: ", false },	/* "IP: [<ffffffff82d4e304>] __memset+0x24/0x30" (<= 4.8) */
	{ "EIP: ", true },	/* i386 */
	{ "EIP is at ", false },
	{ "pc : ", false },	/* arm64: "pc : __hwasan_check_x0_67043363+0x4/0x30" */
	{ "PC is at ", false },	/* arm, arm64 <= 4.14 */
	{ "NIP ", false },	/* powerpc: "NIP [c000000008068dfc] .eeh_dev_check_failure+0x27c/0x390",
				 * hand-trimmed: "NIP memcpy_power7+0x400/0x7d0" */
	{ "epc : ", false },	/* riscv: "epc : schedule_tail+0x72/0xb2" */
	{ "epc   : ", false },	/* mips: "epc   : 8ed80668 mt76x02_add_interface+0x6c/0x88" */
	{ "Krnl PSW : ", false }, /* s390: "Krnl PSW : 0704f00180000000 000003ff8086d03a (f+0x3a/0x1000)" */
};

/* the link register: the return address into the faulting function's caller, which a
 * leaf's call never pushed on the stack ("PC is at 0x0" after a NULL call) */
static const char *const lr_labels[] = {
	"LR is at ",	/* arm, arm64 <= 4.14: "LR is at gsmld_receive_buf+0xc0/0x15c" */
	"lr : ",	/* arm64: "lr : vgic_get_irq+0x7c/0x3d4" */
	"LR [",		/* powerpc: "LR [c000000008068df8] .eeh_dev_check_failure+0x278/0x390" */
	"ra : ",	/* riscv: " ra : schedule_tail+0x70/0xb2" */
	"ra    : ",	/* mips: "ra    : 8ed03454 drv_add_interface+0x7c/0x94 [mac80211]" */
};

static size_t skip_spaces(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}

static size_t parse_marker(const char *s, struct frame_marker *m)
{
	for (size_t i = 0; i < ARRAY_SIZE(markers); i++) {
		size_t n = strlen(markers[i].text);
		if (strncmp(s, markers[i].text, n) != 0)
			continue;
		m->present = true;
		m->is_end = markers[i].context == NULL;
		m->context = markers[i].context;
		return n;
	}
	return 0;
}

bool frame_is_valid_module_name(const char *name, size_t len)
{
	if (len == 0 || len >= MODULE_NAME_LEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_ident_char(name[i]) && name[i] != '-')
			return false;
	return true;
}

static bool is_symbol_char(char c)
{
	return is_ident_char(c) || c == '.' || c == '$';
}

/* "[<ffffffffc0355005>]", powerpc's "[c000000049a87530]": the length, 0 when absent */
static size_t parse_bracket_address(const char *s, uint64_t *addr)
{
	size_t n;

	if (s[0] != '[')
		return 0;	/* before s[1]: s may be "" */
	bool has_angle = s[1] == '<';
	n = parse_hex(s + 1 + has_angle, addr);
	/* powerpc prints 8 or 16 digits, never fewer: "[1]" is no address */
	if (n == 0 || (!has_angle && n != 8 && n != 16))
		return 0;
	if (has_angle && s[2 + n] != '>')
		return 0;
	if (s[1 + 2 * has_angle + n] != ']')
		return 0;
	return n + 2 + 2 * has_angle;
}

/* " [oopsmod]" or " [lkdtm 6c2215028606bda50de823490723dc4bc5bf46f9]" */
static size_t parse_module(const char *s, struct frame *f)
{
	const char *p = s + skip_spaces(s);

	if (*p != '[')
		return 0;
	const char *close = strchr(p, ']');
	if (close == NULL)
		return 0;
	const char *name = p + 1;
	size_t len = strcspn(name, " ]");
	if (!frame_is_valid_module_name(name, len)) {
		size_t keep = (size_t)(close - name) < sizeof(f->bad_module) - 1
				      ? (size_t)(close - name)
				      : sizeof(f->bad_module) - 1;
		memcpy(f->bad_module, name, keep);
		f->bad_module[keep] = '\0';
		return (size_t)(close + 1 - s);
	}
	memcpy(f->module, name, len);
	f->module[len] = '\0';
	const char *id = name + len;
	if (*id == ' ') {
		id++;
		size_t idlen = (size_t)(close - id);
		if (idlen > 0 && idlen % 2 == 0 && idlen <= BUILD_ID_HEX_MAX &&
		    is_hex_string(id, idlen)) {
			memcpy(f->module_build_id, id, idlen);
			f->module_build_id[idlen] = '\0';
		}
	}
	return (size_t)(close + 1 - s);
}

/* "func+0x1c/0x30": returns the length, 0 when it is not one */
static size_t parse_symbol(const char *s, struct frame *f)
{
	size_t n = 0, h;

	while (is_symbol_char(s[n]))
		n++;
	if (n == 0 || n >= sizeof(f->symbol) || s[n] != '+')
		return 0;
	uint64_t offset, size = 0;
	size_t len = n;
	if (s[n + 1] != '0' || s[n + 2] != 'x' || !(h = parse_hex(s + n + 1, &offset)))
		return 0;
	n += 1 + h;
	bool has_size = s[n] == '/' && (h = parse_hex(s + n + 1, &size));
	if (has_size)
		n += 1 + h;
	/* the frame ends here, or goes on after a space or with "()": a base64 line
	 * "...XyoXo0B+0xFB6ZGLseTV..." is no frame */
	if (s[n] != '\0' && s[n] != ' ' && s[n] != '\t' && s[n] != '(' && s[n] != ')' &&
	    s[n] != '\n')
		return 0;
	memcpy(f->symbol, s, len);
	f->symbol[len] = '\0';
	f->offset = offset;
	f->has_offset = true;
	f->size = size;
	f->has_size = has_size;
	return n;
}

/* mips "epc   : 8ed80668 f+0x6c/0x88", s390 "Krnl PSW : 0704f00180000000 000003ff8086d03a
 * (f+0x3a/0x1000)": bare address words of 8 or 16 digits before the symbol */
static size_t parse_bare_words(const char *s, uint64_t *addr)
{
	size_t total = 0;

	for (;;) {
		uint64_t v;
		size_t n = parse_hex(s + total, &v);
		if ((n != 8 && n != 16) || s[total + n] != ' ')
			return total;
		*addr = v;
		total += n + skip_spaces(s + total + n);
	}
}

/* arm: "(io_serial_out) from [<8078fba0>] (serial8250_do_set_ldisc+0x10c/0x114)", since
 * 4.x also "unwind_backtrace from show_stack+0x18/0x1c": the callee, then its caller at
 * the return address. The line is the caller's frame; returns where it starts, or s */
static const char *skip_arm_callee(const char *s)
{
	const char *p = s + (*s == '(');
	size_t n = 0;

	while (is_symbol_char(p[n]))
		n++;
	if (n == 0)
		return s;
	p += n;
	if (*s == '(') {
		/* 2.6-3.x print the callee's offsets too: "(_raw_spin_lock_irqsave+0x48/0x5c)" */
		p += strspn(p, "+/x0123456789abcdef");
		if (*p != ')')
			return s;
		p++;
	}
	return startswith(p, " from ") ? p + STRLEN(" from ") : s;
}

static void parse_addresses(const char **p, struct frame *f)
{
	uint64_t addr;
	size_t n;

	while ((n = parse_bracket_address(*p, &addr))) {
		f->address = addr;
		f->has_address = true;
		*p += n;
		*p += skip_spaces(*p);
	}
}

/* everything after the label and markers: addresses, '?', ":mod:", symbol, [module] */
static bool parse_body(const char *s, struct frame *f)
{
	const char *p = s;
	size_t n;
	uint64_t addr;

	/* s390: "([<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops])" is unsure */
	if (p[0] == '(' && p[1] == '[') {
		f->is_reliable = false;
		p++;
	}
	parse_addresses(&p, f);
	const char *caller = skip_arm_callee(p);
	if (caller != p) {
		p = caller;
		parse_addresses(&p, f);
	}
	if (p[0] == '?' && p[1] == ' ') {
		f->is_reliable = false;
		p += 2;
	}
	/* " [<ffffffff8802c8e9>] :jbd:log_wait_commit+0xa3/0xf5" (2.6.18) */
	if (p[0] == ':') {
		size_t len = strcspn(p + 1, ":");
		if (p[1 + len] == ':' && frame_is_valid_module_name(p + 1, len)) {
			memcpy(f->module, p + 1, len);
			f->module[len] = '\0';
			p += len + 2;
		}
	}
	const char *words = p;
	if ((n = parse_bare_words(p, &addr)))
		p += n;
	/* arm and s390 put the symbol in parentheses: "(serial8250_do_set_ldisc+0x10c/0x114)" */
	bool is_paren = p[0] == '(' && p[1] != ')';
	if ((n = parse_symbol(p + is_paren, f))) {
		if (words != p) {
			f->address = addr;
			f->has_address = true;
		}
		p += is_paren + n;
		if (*p == '(' && p[1] == ')') /* "foo+0x11e/0x140()" (2.6 WARNING) */
			p += 2;
		p += parse_module(p, f);
		/* powerpc: "[c00000003ae5b800] [c00000000135c19c] dump_stack+0x128/0x1cc (unreliable)" */
		if (strstr(p, " (unreliable)"))
			f->is_reliable = false;
		return true;
	}
	p = words;
	/* a bare " 0xffffffffc0355005" (%pB of an address kallsyms does not know) */
	if (p[0] == '0' && p[1] == 'x' && (n = parse_hex(p, &addr)) &&
	    (p[n] == '\0' || p[n] == ' ')) {
		f->address = addr;
		f->has_address = true;
		return true;
	}
	return f->has_address && (*p == '\0' || f->role == FRAME_ROLE_IP);
}

static bool parse_ip_label(const char *s, struct frame *f, size_t *len)
{
	for (size_t i = 0; i < ARRAY_SIZE(ip_labels); i++) {
		size_t n = strlen(ip_labels[i].label);
		if (strncmp(s, ip_labels[i].label, n) != 0)
			continue;
		n += skip_spaces(s + n);
		/* "0010:" kernel, "0033:" / "0023:" / "002b:" user space */
		if (ip_labels[i].has_selector && is_hex_string(s + n, 4) && s[n + 4] == ':') {
			uint64_t cs;
			parse_hex(s + n, &cs);
			f->is_user = (cs & 3) == 3;
			n += 5;
		}
		*len = n;
		return true;
	}
	return false;
}

enum frame_line frame_parse(const char *msg, struct frame *f, struct frame_marker *m)
{
	const char *p = msg;
	size_t n;

	*m = (struct frame_marker){ 0 };
	memset(f, 0, sizeof(*f));
	f->role = FRAME_ROLE_CALL;
	f->is_reliable = true;

	p += skip_spaces(p);
	if (parse_ip_label(p, f, &n)) {
		f->role = FRAME_ROLE_IP;
		return parse_body(p + n, f) ? FRAME_LINE_FRAME : FRAME_LINE_NONE;
	}
	for (size_t i = 0; i < ARRAY_SIZE(lr_labels); i++) {
		if (!startswith(p, lr_labels[i]))
			continue;
		/* "LR [": the bracket is the address's own */
		n = strlen(lr_labels[i]) - (lr_labels[i][strlen(lr_labels[i]) - 1] == '[');
		n += skip_spaces(p + n);
		/* "lr : [<8078e144>]    psr: ..." names no function: a register line */
		f->is_link_register = true;
		return parse_body(p + n, f) && f->symbol[0] ? FRAME_LINE_FRAME : FRAME_LINE_NONE;
	}
	/* " <IRQ>  [<ffffffff81584ca7>] ip_local_deliver+0x47/0x80" (old, marker + frame) */
	while ((n = parse_marker(p, m))) {
		p += n;
		p += skip_spaces(p);
	}
	if (*p == '\0')
		return m->present ? FRAME_LINE_MARKER : FRAME_LINE_NONE;
	return parse_body(p, f) ? FRAME_LINE_FRAME : FRAME_LINE_NONE;
}

/* compiler-made names: "foo.constprop.0", "foo.isra.7.part.3", "foo.cold", "foo.llvm.123" */
const char *frame_base_name(const char *symbol, char *buf, size_t size)
{
	/* powerpc ELFv1 names its function entry points ".eeh_dev_check_failure" */
	if (symbol[0] == '.')
		symbol++;
	size_t n = strcspn(symbol, ".");

	if (n >= size)
		n = size - 1;
	memcpy(buf, symbol, n);
	buf[n] = '\0';
	return buf;
}

void frame_release(struct frame *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n_locations; i++) {
		free(f->locations[i].function);
		free(f->locations[i].file);
	}
	free(f->locations);
	free(f->section);
	free(f->object);
	free(f->error);
	f->locations = NULL;
	f->n_locations = 0;
	f->section = f->object = f->error = NULL;
}

void frame_normalize_module_name(const char *name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] == '-' ? '_' : name[i];
	buf[i] = '\0';
}
