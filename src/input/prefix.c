// SPDX-License-Identifier: GPL-2.0-or-later
/* prefix.c: console, syslog and journal prefixes -> message offset, timestamp, level, caller. */
#include <ctype.h>
#include <string.h>

#include "input/prefix.h"
#include "shared/once.h"
#include "shared/util.h"

static size_t digits(const char *s)
{
	size_t n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

static size_t spaces(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ')
		n++;
	return n;
}

/* "Nov 21 12:00:00" / "Nov  1 12:00:00.123456": length, or 0 */
static size_t syslog_time(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *p = s;

	if (!isupper((unsigned char)p[0]) || !islower((unsigned char)p[1]) ||
	    !islower((unsigned char)p[2]) || p[3] != ' ')
		return 0;
	const char *m = strstr(months, (char[4]){ p[0], p[1], p[2], '\0' });
	if (m == NULL || (m - months) % 3 != 0)
		return 0;
	p += 4;
	if (*p == ' ')
		p++;
	if (digits(p) < 1 || digits(p) > 2)
		return 0;
	p += digits(p);
	if (*p++ != ' ')
		return 0;
	if (digits(p) != 2 || p[2] != ':' || digits(p + 3) != 2 || p[5] != ':' ||
	    digits(p + 6) != 2)
		return 0;
	p += 8;
	if (*p == '.')
		p += 1 + digits(p + 1);
	return (size_t)(p - s);
}

/* "2026-11-21T12:00:00,123456+0100" (dmesg iso, journal short-iso, rsyslog) */
static size_t iso_time(const char *s)
{
	const char *p = s;

	if (digits(p) != 4 || p[4] != '-' || digits(p + 5) != 2 || p[7] != '-' ||
	    digits(p + 8) != 2 || p[10] != 'T' || digits(p + 11) != 2 || p[13] != ':' ||
	    digits(p + 14) != 2 || p[16] != ':' || digits(p + 17) != 2)
		return 0;
	p += 19;
	if (*p == '.' || *p == ',')
		p += 1 + digits(p + 1);
	if (*p == 'Z')
		p++;
	else if ((*p == '+' || *p == '-') && digits(p + 1) >= 2) {
		p += 3;
		if (*p == ':')
			p++;
		p += digits(p) == 2 ? 2 : 0;
	}
	return (size_t)(p - s);
}

/* after a wall-clock time: "host kernel: ", "192.0.2.9 host kernel: ",
 * "host user.warn kernel: " (busybox syslogd); returns the length, or 0 */
static size_t host_kernel(const char *s)
{
	const char *p = s;

	for (int words = 0; words < 3; words++) {
		size_t n = strcspn(p, " ");
		if (n == 0 || p[n] != ' ')
			return 0;
		p += n + 1;
		if (startswith(p, "kernel: "))
			return (size_t)(p - s) + STRLEN("kernel: ");
		if (startswith(p, "kernel:") && p[7] == '\0')
			return (size_t)(p - s) + STRLEN("kernel:");
	}
	return 0;
}

/* "<4>" (dmesg -r, /proc/kmsg, pstore) */
static size_t match_level(const char *s, struct prefix *p)
{
	uint64_t v;

	if (s[0] != '<')
		return 0;	/* before s + 1: s may be "" */
	size_t n = digits(s + 1);
	if (n == 0 || n > 3 || s[1 + n] != '>')
		return 0;
	parse_dec(s + 1, &v);
	p->level = (int)(v & 7);
	return n + 2;
}

/* "[T123]", "[ T123]", "[  C1]": CONFIG_PRINTK_CALLER; "[      T0] " from util-linux dmesg */
static size_t caller_id(const char *s, struct prefix *p)
{
	if (s[0] != '[')
		return 0;
	size_t sp = spaces(s + 1);
	const char *id = s + 1 + sp;
	if (id[0] != 'T' && id[0] != 'C')
		return 0;
	size_t n = digits(id + 1);
	if (n == 0 || id[1 + n] != ']')
		return 0;
	if (n + 1 < sizeof(p->caller)) {
		memcpy(p->caller, id, n + 1);
		p->caller[n + 1] = '\0';
	}
	return 1 + sp + 1 + n + 1;
}

/* "[   12.345678] " with an optional caller id, then one space */
static size_t match_monotonic(const char *s, struct prefix *p)
{
	uint64_t v_sec, v_frac;

	if (s[0] != '[')
		return 0;
	const char *q = s + 1 + spaces(s + 1);
	size_t sec = digits(q), frac;
	if (sec == 0 || q[sec] != '.')
		return 0;
	frac = digits(q + sec + 1);
	if (frac == 0 || q[sec + 1 + frac] != ']')
		return 0;
	if (parse_dec(q, &v_sec) && frac <= 9) {
		parse_dec(q + sec + 1, &v_frac);
		for (size_t i = frac; i < 6; i++)
			v_frac *= 10;
		for (size_t i = 6; i < frac; i++)
			v_frac /= 10;
		p->has_time = true;
		p->time_us = v_sec * 1000000 + v_frac;
	}
	q += sec + 1 + frac + 1;
	q += caller_id(q, p);
	if (q[0] == ' ' && q[1] == '[')
		q += caller_id(q + 1, p) ? 1 + caller_id(q + 1, p) : 0;
	if (*q == ' ')
		q++;
	/* journalctl -o short-monotonic: "[   12.345678] host kernel: "; one word only, so
	 * that a message such as "Booting Linux kernel: ..." keeps its words */
	size_t host = strcspn(q, " ");
	if (host > 0 && startswith(q + host, " kernel: "))
		q += host + STRLEN(" kernel: ");
	return (size_t)(q - s);
}

/* "Nov 21 12:00:00 host kernel: " (syslog, journalctl -k) */
static size_t match_syslog(const char *s, struct prefix *p)
{
	size_t t = syslog_time(s);

	if (t == 0 || s[t] != ' ')
		return 0;
	size_t h = host_kernel(s + t + 1);
	return h ? t + 1 + h : 0;
}

/* "2026-11-21T12:00:00.123456+01:00 host kernel: ", or dmesg --time-format iso alone */
static size_t match_iso(const char *s, struct prefix *p)
{
	size_t t = iso_time(s);

	if (t == 0 || s[t] != ' ')
		return 0;
	return t + 1 + host_kernel(s + t + 1);
}

/* "[Sat Nov 21 12:00:00 2026] " (dmesg -T, English locale) */
static size_t match_ctime(const char *s, struct prefix *p)
{
	/* each byte tested in turn: a shorter line ends at a NUL that fails the test */
	if (s[0] != '[' || !isupper((unsigned char)s[1]) || !islower((unsigned char)s[2]) ||
	    !islower((unsigned char)s[3]) || s[4] != ' ')
		return 0;
	size_t t = syslog_time(s + 5);
	if (t == 0 || s[5 + t] != ' ' || digits(s + 6 + t) != 4 || s[10 + t] != ']')
		return 0;
	return 11 + t + (s[11 + t] == ' ');
}

/* "kern  :warn  : " (dmesg -x) */
static size_t match_decoded_level(const char *s, struct prefix *p)
{
	static const char *const levels[] = { "emerg", "alert", "crit", "err",
					      "warn", "notice", "info", "debug" };
	const char *q = s;

	while (islower((unsigned char)*q))
		q++;
	if (q == s || q - s > 6)
		return 0;
	q += spaces(q);
	if (*q++ != ':')
		return 0;
	const char *lv = q;
	while (islower((unsigned char)*q))
		q++;
	size_t lvlen = (size_t)(q - lv);
	q += spaces(q);
	if (lvlen == 0 || q[0] != ':' || q[1] != ' ')
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(levels); i++)
		if (strlen(levels[i]) == lvlen && strncmp(levels[i], lv, lvlen) == 0)
			p->level = (int)i;
	return (size_t)(q - s) + 2;
}

/* "6,1093,4096000,-,caller=T1;" (/dev/kmsg, extended netconsole) */
static size_t match_kmsg(const char *s, struct prefix *p)
{
	uint64_t prio, seq, usec;
	const char *q = s;
	size_t n;

	if (!(n = parse_dec(q, &prio)) || q[n] != ',')
		return 0;
	q += n + 1;
	if (!(n = parse_dec(q, &seq)) || q[n] != ',')
		return 0;
	q += n + 1;
	if (!(n = parse_dec(q, &usec)) || q[n] != ',')
		return 0;
	q += n + 1;
	const char *semi = strchr(q, ';');
	if (semi == NULL || semi - q > 64)
		return 0;
	const char *caller = strstr(q, "caller=");
	if (caller && caller < semi) {
		caller += STRLEN("caller=");
		size_t len = strcspn(caller, ",;");
		if (len < sizeof(p->caller)) {
			memcpy(p->caller, caller, len);
			p->caller[len] = '\0';
		}
	}
	p->level = (int)(prio & 7);
	p->has_time = true;
	p->time_us = usec;
	return (size_t)(semi + 1 - s);
}

/* "2018/01/09 14:28:48 " (syz-manager) */
static size_t match_syz(const char *s, struct prefix *p)
{
	if (digits(s) != 4 || s[4] != '/' || digits(s + 5) != 2 || s[7] != '/' ||
	    digits(s + 8) != 2 || s[10] != ' ' || digits(s + 11) != 2 || s[13] != ':' ||
	    digits(s + 14) != 2 || s[16] != ':' || digits(s + 17) != 2 || s[19] != ' ')
		return 0;
	return 20;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

/* tried in order, again and again, until none matches: prefixes stack
 * ("Nov 21 12:00:00 host kernel: [   12.345678] ", "<4>[   12.345678] "); each only on
 * a text that starts with one of its first bytes */
static const struct {
	size_t (*match)(const char *s, struct prefix *p);
	const char *first;
} matchers[] = {
	{ match_monotonic, "[" },
	{ match_level, "<" },
	{ match_syslog, UPPER },	/* "Nov 21 12:00:00" */
	{ match_iso, DIGITS },
	{ match_ctime, "[" },
	{ match_decoded_level, LOWER },
	{ match_kmsg, DIGITS },
	{ match_syz, DIGITS },
};

/* bit i: matchers[i] may match a text starting with this byte */
static uint8_t may_start[256];
static atomic_bool is_may_start_built;

_Static_assert(ARRAY_SIZE(matchers) <= 8, "a byte of bits");

static void build_may_start(void *arg)
{
	for (size_t i = 0; i < ARRAY_SIZE(matchers); i++)
		for (const char *c = matchers[i].first; *c; c++)
			may_start[(unsigned char)*c] |= (uint8_t)(1u << i);
}

/* Text glued before a console timestamp: "syzkaller login: [   35.184476] BUG: ...",
 * "** 4491 printk messages dropped ** [   50.750742] INFO: ...": a prompt's ": " or a
 * "** ... **" note, then a well-formed timestamp, within the first 128 bytes. */
static size_t match_glued(const char *s, struct prefix *p)
{
	for (const char *b = strchr(s, '['); b && b - s < 128; b = strchr(b + 1, '[')) {
		if (b - s < 3 || b[-1] != ' ' || (b[-2] != ':' && b[-2] != '*'))
			continue;
		struct prefix tmp = *p;
		if (match_monotonic(b, &tmp)) {
			*p = tmp;
			return (size_t)(b - s);
		}
	}
	return 0;
}

/* getty's prompt, then kernel output that came in before the user typed:
 * "syzkaller login: Unable to handle kernel paging request at virtual address ..." */
static size_t match_login_prompt(const char *s, struct prefix *p)
{
	static const char prompt[] = " login: ";
	size_t host = 0;

	/* most lines that get here have no ':' near their start at all */
	if (memchr(s, ':', strnlen(s, 64 + sizeof(prompt))) == NULL)
		return 0;
	while (host <= 64 && (is_ident_char(s[host]) || s[host] == '.' || s[host] == '-'))
		host++;

	(void)p;
	if (host == 0 || host > 64 || strncmp(s + host, prompt, sizeof(prompt) - 1) != 0)
		return 0;
	size_t n = host + sizeof(prompt) - 1;
	return s[n] != '\0' && s[n] != ' ' ? n : 0;
}

/* "> [  215.672008] ..." in a quoted mail, at any depth: "> > ", ">> " */
static size_t match_quote(const char *s, struct prefix *p)
{
	size_t n = 0;

	while (s[n] == '>' && (s[n + 1] == ' ' || s[n + 1] == '>'))
		n += 1 + (s[n + 1] == ' ');
	return n;
}

void prefix_parse(const char *text, struct prefix *p)
{
	*p = (struct prefix){ .level = -1 };

	/* a mail's quoting, and a paste's indentation before a timestamp */
	p->len = match_quote(text, p);
	size_t indent = blank_span(text + p->len);
	if (indent && text[p->len + indent] == '[')
		p->len += indent;

	once(&is_may_start_built, build_may_start, NULL);
	for (int round = 0; round < 8; round++) {
		size_t n = 0;
		/* the matchers of its first byte, in table order */
		for (unsigned int may = may_start[(unsigned char)text[p->len]]; may && n == 0;
		     may &= may - 1)
			n = matchers[__builtin_ctz(may)].match(text + p->len, p);
		/* both want a ':' or "**" before the kernel's text: most lines that get here
		 * (a timestamp's text, other output) are told apart by one scan */
		if (n == 0 && round == 0 && strpbrk(text + p->len, ":*")) {
			n = match_glued(text + p->len, p);
			if (n == 0)
				n = match_login_prompt(text + p->len, p);
		}
		if (n == 0)
			break;
		p->len += n;
	}
}
