// SPDX-License-Identifier: GPL-2.0-or-later
/* reader.c: a log's lines -> its reports and the lines outside them, in their order, parsed
 * ahead in a thread of their own when asked to. The parser and the linebuf are the thread's
 * alone; what it hands over goes in batches through a short queue. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "report/reader.h"
#include "shared/util.h"

/* a batch is handed over when it has this many lines, or bytes of them, or a report */
#define BATCH_ITEMS 512
#define BATCH_BYTES (128 * 1024)
/* batches parsed ahead of the decoding at most: a log of large reports is held in memory
 * a few reports at a time, however fast they are parsed */
#define QUEUE_MAX 4

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

struct report_reader {
	struct linebuf *lb;
	struct report_parser *rp;
	bool want_lines;
	int err;			/* linebuf_next()'s, at the end */
	struct batch *filling;		/* the parser's */
	struct batch *reading;		/* the caller's */

	bool is_threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct batch *head, *tail;	/* handed over, not yet read */
	size_t n_queued;
	bool is_done;			/* the parser has handed over its last batch */
	bool is_stopping;		/* the caller gives up: the parser stops */
};

static void push_item(struct batch *b, const struct item *it)
{
	ARRAY_GROW(b->items, b->n, b->alloc);
	b->items[b->n++] = *it;
}

static void push_line(struct report_reader *rr, const struct line *l)
{
	struct batch *b = rr->filling;
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

static void push_reports(struct report_reader *rr, struct report *r, bool at_eof)
{
	for (; r; r = at_eof ? report_parser_finish(rr->rp) : report_parser_next(rr->rp)) {
		push_item(rr->filling, &(struct item){
			.kind = READER_REPORT, .report = r, .at_eof = at_eof });
		rr->filling->has_report = true;
	}
}

/* parse one more line into rr->filling: false at the end of the input */
static bool parse_line(struct report_reader *rr)
{
	struct line l;
	int err = linebuf_next(rr->lb, &l);

	/* the first read decides whether this is text at all: binary data is refused
	 * whole, never echoed as "annotated" garbage */
	if (err <= 0 || linebuf_is_binary(rr->lb)) {
		rr->err = err < 0 ? err : 0;
		push_reports(rr, report_parser_finish(rr->rp), true);
		return false;
	}
	struct report *done;
	bool is_outside;
	report_parser_feed(rr->rp, &l, &done, &is_outside);
	push_reports(rr, done, false);
	if (is_outside && rr->want_lines)
		push_line(rr, &l);
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

/* hand rr->filling over; false when the caller gives up */
static bool hand_over(struct report_reader *rr, bool is_last)
{
	bool go_on;

	pthread_mutex_lock(&rr->lock);
	while (rr->n_queued >= QUEUE_MAX && !rr->is_stopping)
		pthread_cond_wait(&rr->changed, &rr->lock);
	go_on = !rr->is_stopping;
	if (go_on && rr->filling->n > 0) {
		if (rr->tail)
			rr->tail->next = rr->filling;
		else
			rr->head = rr->filling;
		rr->tail = rr->filling;
		rr->n_queued++;
		rr->filling = NULL;
	}
	rr->is_done = is_last || !go_on;
	pthread_cond_broadcast(&rr->changed);
	pthread_mutex_unlock(&rr->lock);
	return go_on;
}

static void *parse_thread(void *arg)
{
	struct report_reader *rr = arg;
	bool more = true;

	while (more) {
		if (rr->filling == NULL)
			rr->filling = xcalloc(1, sizeof(*rr->filling));
		while ((more = parse_line(rr)) && !rr->filling->has_report &&
		       rr->filling->n < BATCH_ITEMS && rr->filling->n_bytes < BATCH_BYTES)
			;
		if (!hand_over(rr, !more))
			break;
	}
	return NULL;
}

struct report_reader *report_reader_start(struct linebuf *lb, const char *source,
					  bool want_lines, bool threaded)
{
	struct report_reader *rr = xcalloc(1, sizeof(*rr));

	rr->lb = lb;
	rr->rp = report_parser_new(source);
	rr->want_lines = want_lines;
	if (threaded) {
		pthread_mutex_init(&rr->lock, NULL);
		pthread_cond_init(&rr->changed, NULL);
		rr->is_threaded = pthread_create(&rr->thread, NULL, parse_thread, rr) == 0;
		if (!rr->is_threaded) {
			pthread_cond_destroy(&rr->changed);
			pthread_mutex_destroy(&rr->lock);
		}
	}
	return rr;
}

/* the next batch to read: NULL at the end */
static struct batch *next_batch(struct report_reader *rr)
{
	struct batch *b;

	if (!rr->is_threaded) {
		if (rr->is_done)
			return NULL;
		b = xcalloc(1, sizeof(*b));
		rr->filling = b;
		/* a line at a time: a log read from a pipe is decoded as it comes */
		while (b->n == 0 && !rr->is_done)
			rr->is_done = !parse_line(rr);
		rr->filling = NULL;
		return b;
	}
	pthread_mutex_lock(&rr->lock);
	while (rr->head == NULL && !rr->is_done)
		pthread_cond_wait(&rr->changed, &rr->lock);
	b = rr->head;
	if (b) {
		rr->head = b->next;
		if (rr->head == NULL)
			rr->tail = NULL;
		rr->n_queued--;
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
	int err;

	if (rr->is_threaded) {
		pthread_mutex_lock(&rr->lock);
		rr->is_stopping = true;
		pthread_cond_broadcast(&rr->changed);
		pthread_mutex_unlock(&rr->lock);
		pthread_join(rr->thread, NULL);
		while (rr->head) {
			struct batch *b = rr->head;
			rr->head = b->next;
			batch_free(b);
		}
		pthread_cond_destroy(&rr->changed);
		pthread_mutex_destroy(&rr->lock);
	}
	batch_free(rr->reading);
	batch_free(rr->filling);
	err = rr->err;
	report_parser_free(rr->rp);
	free(rr);
	return err;
}
