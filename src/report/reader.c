// SPDX-License-Identifier: GPL-2.0-or-later
/* reader.c: a log's lines -> its reports and the lines outside them, in their order, parsed
 * ahead in threads of their own when asked to.
 *
 * A thread parses the log from its start. A large file is also cut in two at a line's
 * start, and a second thread parses the second half at once, with a parser of its own,
 * as though the log began there. When the first thread reaches the cut with no report open
 * (a log is mostly lines outside reports), the second half's reports are what one parser
 * would have made, and they are handed over after the first half's; else they are thrown
 * away, and the first thread reads on. Each parser and linebuf is its thread's alone;
 * what a thread hands over goes in batches through a short queue of its own. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/reader.h"
#include "shared/util.h"

/* a batch is handed over when it has this many lines, or bytes of them, or a report */
#define BATCH_ITEMS 512
#define BATCH_BYTES (128 * 1024)
/* batches parsed ahead of the decoding at most: a log of large reports is held in memory
 * a few reports at a time, however fast they are parsed; the second half waits for the
 * first with more, so that it gets ahead (its lines go to annotate's output too) */
#define QUEUE_MAX 4
#define QUEUE_MAX_AHEAD 32
/* a file is cut in two from this size: below it, a thread more costs more than it gains */
#define CUT_MIN (256 * 1024)

struct item {
	enum reader_item kind;
	struct report *report;
	bool at_eof;
	/* READER_LINE: its raw bytes, then its text and a NUL, at off in the batch's bytes */
	size_t off, raw_len, len;
	unsigned long no;
	bool is_continuation, continues;
};

struct batch {
	struct item *items;
	size_t n, alloc, taken;
	bool has_report;
	char *bytes;
	size_t n_bytes, bytes_alloc;
	struct batch *next;
};

/* one half of the log (or all of it), its parser, and its queue */
struct part {
	struct report_reader *rr;
	struct linebuf *lb;
	struct report_parser *rp;
	int err;			/* linebuf_next()'s, at its end */
	uint64_t offset;		/* the bytes of lines read */
	struct batch *filling;		/* the parser's */
	pthread_t thread;
	bool has_thread;
	/* under rr->lock */
	struct batch *head, *tail;	/* handed over, not yet read */
	size_t n_queued, queue_max;
	bool is_done;			/* its last batch is handed over */
	bool goes_on;			/* and the second half's items come next */
};

struct report_reader {
	const char *source;
	bool want_lines;
	const struct reader_hooks *hooks;	/* the caller's, or NULL */
	struct part parts[2];		/* the first half (or all), the second half */
	uint64_t cut;			/* where the second half starts; 0: not cut */
	unsigned int reading_part;	/* the caller's */
	struct batch *reading;

	bool is_threaded;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	/* set under the lock, read without it too: a parser stops at its next line */
	atomic_bool is_stopping;	/* the caller gives up */
	atomic_bool is_second_dropped;	/* the first half ended inside a report, or the
					 * second could not be read */
	bool is_second_open;		/* the second half's linebuf is open (under lock) */
};

static void push_item(struct batch *b, const struct item *it)
{
	ARRAY_GROW(b->items, b->n, b->alloc);
	b->items[b->n++] = *it;
}

static void push_line(struct part *pt, const struct line *l)
{
	struct batch *b = pt->filling;
	size_t need = l->raw_len + l->len + 1;

	if (b->n_bytes + need > b->bytes_alloc) {
		while (b->n_bytes + need > b->bytes_alloc)
			b->bytes_alloc = b->bytes_alloc ? b->bytes_alloc * 2 : BATCH_BYTES;
		b->bytes = xrealloc(b->bytes, b->bytes_alloc);
	}
	char *at = b->bytes + b->n_bytes;
	memcpy(at, l->raw, l->raw_len);
	memcpy(at + l->raw_len, l->text, l->len);
	at[l->raw_len + l->len] = '\0';
	push_item(b, &(struct item){
		.kind = READER_LINE, .off = b->n_bytes, .raw_len = l->raw_len, .len = l->len,
		.no = l->no, .is_continuation = l->is_continuation, .continues = l->continues,
	});
	b->n_bytes += need;
}

static void push_reports(struct part *pt, struct report *r, bool at_eof)
{
	for (; r; r = at_eof ? report_parser_finish(pt->rp) : report_parser_next(pt->rp)) {
		if (pt->rr->hooks && pt->rr->hooks->prepare)
			pt->rr->hooks->prepare(r);
		push_item(pt->filling, &(struct item){
			.kind = READER_REPORT, .report = r, .at_eof = at_eof });
		pt->filling->has_report = true;
	}
}

/* parse one more line into pt->filling: false at the end of the input */
static bool parse_line(struct part *pt)
{
	struct line l;
	int err = linebuf_next(pt->lb, &l);

	/* the first read decides whether this is text at all: binary data is refused
	 * whole, never echoed as "annotated" garbage */
	if (err <= 0 || linebuf_is_binary(pt->lb)) {
		pt->err = err < 0 ? err : 0;
		push_reports(pt, report_parser_finish(pt->rp), true);
		return false;
	}
	struct report *done;
	bool is_outside;
	pt->offset += l.raw_len;
	report_parser_feed(pt->rp, &l, &done, &is_outside);
	push_reports(pt, done, false);
	if (is_outside && pt->rr->want_lines)
		push_line(pt, &l);
	return true;
}

static void batch_free(struct batch *b)
{
	if (b == NULL)
		return;
	for (size_t i = b->taken; i < b->n; i++)
		report_free(b->items[i].report);
	free(b->items);
	free(b->bytes);
	free(b);
}

static void drop_queue(struct part *pt)
{
	while (pt->head) {
		struct batch *b = pt->head;
		pt->head = b->next;
		batch_free(b);
	}
	pt->tail = NULL;
	pt->n_queued = 0;
}

/* hand pt->filling over; false when the caller gives up, or the part is not wanted */
static bool hand_over(struct part *pt, bool is_last, bool goes_on)
{
	struct report_reader *rr = pt->rr;
	bool is_second = pt == &rr->parts[1], go_on;

	pthread_mutex_lock(&rr->lock);
	while (pt->n_queued >= pt->queue_max && !rr->is_stopping &&
	       !(is_second && rr->is_second_dropped))
		pthread_cond_wait(&rr->changed, &rr->lock);
	go_on = !rr->is_stopping && !(is_second && rr->is_second_dropped);
	if (go_on && pt->filling && pt->filling->n > 0) {
		if (pt->tail)
			pt->tail->next = pt->filling;
		else
			pt->head = pt->filling;
		pt->tail = pt->filling;
		pt->n_queued++;
		pt->filling = NULL;
	}
	pt->is_done = is_last || !go_on;
	pt->goes_on = goes_on && go_on;
	pthread_cond_broadcast(&rr->changed);
	pthread_mutex_unlock(&rr->lock);
	return go_on;
}

/* the first half reached the cut: true when the second half's parse stands, else it is
 * dropped (and the first reads on) */
static bool second_stands(struct part *pt)
{
	struct report_reader *rr = pt->rr;
	bool stands;

	pthread_mutex_lock(&rr->lock);
	/* whether the second half could be opened at all */
	while (!rr->is_second_open && !rr->is_second_dropped)
		pthread_cond_wait(&rr->changed, &rr->lock);
	stands = !rr->is_second_dropped && pt->offset == rr->cut &&
		 report_parser_is_idle(pt->rp);
	if (!stands)
		rr->is_second_dropped = true;
	pthread_cond_broadcast(&rr->changed);
	pthread_mutex_unlock(&rr->lock);
	return stands;
}

/* the caller gave up, or (for the second half) the first half does not want it */
static bool is_cancelled(const struct part *pt)
{
	const struct report_reader *rr = pt->rr;

	return atomic_load_explicit(&rr->is_stopping, memory_order_relaxed) ||
	       (pt == &rr->parts[1] &&
		atomic_load_explicit(&rr->is_second_dropped, memory_order_relaxed));
}

static void *parse_thread(void *arg)
{
	struct part *pt = arg;
	struct report_reader *rr = pt->rr;
	/* the first half stops at the cut, unless the second is dropped there */
	uint64_t cut = pt == &rr->parts[0] ? rr->cut : 0;
	bool more = true;

	while (more) {
		if (pt->filling == NULL)
			pt->filling = xcalloc(1, sizeof(*pt->filling));
		bool at_cut = false;
		while (!is_cancelled(pt) && (more = parse_line(pt))) {
			if (cut && pt->offset >= cut) {
				at_cut = true;
				break;
			}
			if (pt->filling->has_report || pt->filling->n >= BATCH_ITEMS ||
			    pt->filling->n_bytes >= BATCH_BYTES)
				break;
		}
		if (at_cut) {
			if (second_stands(pt)) {
				hand_over(pt, true, true);
				if (rr->hooks && rr->hooks->ahead)
					rr->hooks->ahead();	/* a CPU spare while the second half is read */
				return NULL;
			}
			cut = 0;	/* read on, as one part */
		}
		if (!hand_over(pt, !more, false))
			break;
	}
	return NULL;
}

/* the second half: its first line's number, then its lines */
static void *second_thread(void *arg)
{
	struct part *pt = arg;
	struct report_reader *rr = pt->rr;
	unsigned long lines = 0;
	char buf[65536];
	int fd = open(rr->source, O_RDONLY | O_CLOEXEC);

	/* the lines before the cut, counted as the first half will read them */
	for (uint64_t at = 0; fd >= 0 && at < rr->cut;) {
		size_t want = rr->cut - at < sizeof(buf) ? (size_t)(rr->cut - at) : sizeof(buf);
		ssize_t n = pread(fd, buf, want, (off_t)at);
		if (n <= 0)
			break;
		for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))); p++)
			lines++;
		at += (uint64_t)n;
	}
	if (fd >= 0)
		close(fd);
	bool is_open = fd >= 0 &&
		       linebuf_open_at(rr->parts[0].lb, rr->source, rr->cut, lines, &pt->lb) == 0;
	pthread_mutex_lock(&rr->lock);
	if (is_open)
		rr->is_second_open = true;
	else
		rr->is_second_dropped = true;	/* no second half after all: the first reads on */
	pthread_cond_broadcast(&rr->changed);
	pthread_mutex_unlock(&rr->lock);
	if (!is_open) {
		hand_over(pt, true, false);
		return NULL;
	}
	return parse_thread(pt);
}

/* where to cut lb's file: the start of the line after its middle, or 0 */
static uint64_t find_cut(const char *source)
{
	struct stat st;
	char buf[4096];
	int fd = open(source, O_RDONLY | O_CLOEXEC);
	uint64_t cut = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= CUT_MIN) {
		uint64_t mid = (uint64_t)st.st_size / 2;
		ssize_t n = pread(fd, buf, sizeof(buf), (off_t)mid);
		const char *nl = n > 0 ? memchr(buf, '\n', (size_t)n) : NULL;
		if (nl && mid + (uint64_t)(nl - buf) + 1 < (uint64_t)st.st_size)
			cut = mid + (uint64_t)(nl - buf) + 1;
	}
	close(fd);
	return cut;
}

struct report_reader *report_reader_start(struct linebuf *lb, const char *source,
					  bool want_lines, bool threaded,
					  const struct reader_hooks *hooks)
{
	struct report_reader *rr = xcalloc(1, sizeof(*rr));

	rr->source = source;
	rr->want_lines = want_lines;
	rr->hooks = hooks;
	for (size_t i = 0; i < ARRAY_SIZE(rr->parts); i++) {
		rr->parts[i].rr = rr;
		rr->parts[i].rp = report_parser_new(source);
		rr->parts[i].queue_max = i == 0 ? QUEUE_MAX : QUEUE_MAX_AHEAD;
	}
	rr->parts[0].lb = lb;
	rr->parts[1].is_done = true;	/* none, unless it starts */
	if (!threaded)
		return rr;
	pthread_mutex_init(&rr->lock, NULL);
	pthread_cond_init(&rr->changed, NULL);
	rr->cut = find_cut(source);
	if (rr->cut) {
		rr->parts[1].is_done = false;
		rr->parts[1].has_thread =
			pthread_create(&rr->parts[1].thread, NULL, second_thread, &rr->parts[1]) == 0;
		if (!rr->parts[1].has_thread) {
			rr->cut = 0;
			rr->parts[1].is_done = true;
		}
	}
	rr->parts[0].has_thread =
		pthread_create(&rr->parts[0].thread, NULL, parse_thread, &rr->parts[0]) == 0;
	rr->is_threaded = rr->parts[0].has_thread;
	if (!rr->is_threaded && rr->parts[1].has_thread) {
		/* the second half alone is of no use */
		pthread_mutex_lock(&rr->lock);
		rr->is_stopping = true;
		pthread_cond_broadcast(&rr->changed);
		pthread_mutex_unlock(&rr->lock);
		pthread_join(rr->parts[1].thread, NULL);
		rr->parts[1].has_thread = false;
		rr->cut = 0;
		rr->is_stopping = false;
	}
	return rr;
}

/* the next batch to read: NULL at the end */
static struct batch *next_batch(struct report_reader *rr)
{
	struct part *pt = &rr->parts[0];
	struct batch *b;

	if (!rr->is_threaded) {
		if (pt->is_done)
			return NULL;
		b = xcalloc(1, sizeof(*b));
		pt->filling = b;
		/* a line at a time: a log read from a pipe is decoded as it comes */
		while (b->n == 0 && !pt->is_done)
			pt->is_done = !parse_line(pt);
		pt->filling = NULL;
		return b;
	}
	pthread_mutex_lock(&rr->lock);
	for (;;) {
		pt = &rr->parts[rr->reading_part];
		while (pt->head == NULL && !pt->is_done)
			pthread_cond_wait(&rr->changed, &rr->lock);
		if (pt->head || !pt->goes_on || rr->reading_part == 1)
			break;
		rr->reading_part = 1;	/* the first half is read: on to the second */
	}
	b = pt->head;
	if (b) {
		pt->head = b->next;
		if (pt->head == NULL)
			pt->tail = NULL;
		pt->n_queued--;
		pthread_cond_broadcast(&rr->changed);
	}
	pthread_mutex_unlock(&rr->lock);
	return b;
}

enum reader_item report_reader_next(struct report_reader *rr, struct reader_out *out)
{
	while (rr->reading == NULL || rr->reading->taken == rr->reading->n) {
		batch_free(rr->reading);
		if ((rr->reading = next_batch(rr)) == NULL)
			return READER_END;
	}
	struct batch *b = rr->reading;
	const struct item *it = &b->items[b->taken++];
	*out = (struct reader_out){ .report = it->report, .at_eof = it->at_eof };
	if (it->kind == READER_LINE)
		out->line = (struct line){
			.raw = b->bytes + it->off, .raw_len = it->raw_len,
			.text = b->bytes + it->off + it->raw_len, .len = it->len, .no = it->no,
			.is_continuation = it->is_continuation, .continues = it->continues,
		};
	return it->kind;
}

int report_reader_end(struct report_reader *rr)
{
	int err = rr->parts[0].err;

	if (rr->is_threaded || rr->parts[1].has_thread) {
		pthread_mutex_lock(&rr->lock);
		rr->is_stopping = true;
		pthread_cond_broadcast(&rr->changed);
		pthread_mutex_unlock(&rr->lock);
	}
	for (size_t i = 0; i < ARRAY_SIZE(rr->parts); i++) {
		struct part *pt = &rr->parts[i];
		if (pt->has_thread)
			pthread_join(pt->thread, NULL);
		drop_queue(pt);
		batch_free(pt->filling);
		report_parser_free(pt->rp);
	}
	/* the second half's read error, where its lines were the ones read */
	if (err == 0 && rr->parts[0].goes_on)
		err = rr->parts[1].err;
	if (rr->parts[1].lb)
		linebuf_free(rr->parts[1].lb);
	if (rr->is_threaded) {
		pthread_cond_destroy(&rr->changed);
		pthread_mutex_destroy(&rr->lock);
	}
	batch_free(rr->reading);
	free(rr);
	return err;
}
