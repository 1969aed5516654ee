// SPDX-License-Identifier: GPL-2.0-or-later
/* jobs.c: -j: decode inputs in worker processes; write their output in input order. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "debug/debuginfo.h"
#include "shared/strbuf.h"
#include "shared/util.h"
#include "jobs.h"
#include "log.h"

/*
 * Input i goes to worker owner[i], i % n_jobs (every "-" to the first one's). A worker
 * decodes its inputs in order, each into records sent down its own pipe:
 *
 *	'O' bytes			output, for stdout
 *	'E' once text			a message for stderr; once = 1: only when the 'K'
 *					just before it was new to the parent
 *	'K' key				kd_first_time(key), for the parent to answer
 *	'R' line kind\0 title\0 source\0  a report, whose text follows (render_ops.joined)
 *	'I' n_reports error? source\0 error\0  the input read (render_ops.input)
 *	'X' counts			the input done: what it added to the ctx's counts
 *
 * and after its last input, a record for each file it read from its DWARF:
 *
 *	'U' path\0			for the parent to index (debuginfo_write_indexes)
 *
 * each a type byte, a 32-bit length and that many bytes. The parent reads input i's
 * records from owner[i]'s pipe and nowhere else. So it waits only for the worker that
 * has the input it needs next, and a worker waits only for room in its own pipe, which
 * the parent empties when it gets to that worker's input: no cycle, no deadlock. A
 * worker runs ahead of the parent by what its pipe and one chunk hold, which bounds
 * the memory too.
 */

/* a chunk is written once it is this big, and at the end of each input */
#define CHUNK_SIZE (256 * 1024)
/* what a pipe is asked to hold: a whole input's output, often, and the worker goes on */
#define PIPE_SIZE (1024 * 1024)
/* 'O' records are cut to this size */
#define OUTPUT_RECORD_MAX (64 * 1024)
/* a bigger record is no worker's: a message or a title quoting a 16 KiB line, escaped,
 * is far below it */
#define RECORD_MAX (16 * 1024 * 1024)

enum {
	COUNT_REPORTS,
	COUNT_FRAMES,
	COUNT_UNRESOLVED,
	COUNT_UNREADABLE,
	COUNT_FAILING,
	COUNT_MISMATCHED,
	N_COUNTS
};

static void get_counts(const struct kdecode_ctx *ctx, uint64_t counts[N_COUNTS])
{
	counts[COUNT_REPORTS] = ctx->n_reports;
	counts[COUNT_FRAMES] = ctx->n_frames;
	counts[COUNT_UNRESOLVED] = ctx->n_unresolved;
	counts[COUNT_UNREADABLE] = ctx->n_unreadable;
	counts[COUNT_FAILING] = ctx->n_failing;
	counts[COUNT_MISMATCHED] = ctx->n_mismatched;
}

/* in a worker: the process's one worker, its render and its pipe */
struct worker {
	struct kdecode_ctx *ctx;
	const struct render_ops *format;	/* the output format's own ops */
	struct render_ops ops;			/* the worker's render's: see part_* */
	struct render rd;
	int fd;					/* the pipe's write end */
	struct strbuf chunk;			/* records not yet written */
	size_t header;				/* where the open record's header is */
};

static void send_chunk(struct worker *w)
{
	const char *p = w->chunk.buf;
	size_t left = w->chunk.used;

	while (left > 0) {
		ssize_t done = write(w->fd, p, left);
		if (done < 0 && errno == EINTR)
			continue;
		/* the parent is gone (and SIGPIPE is ignored, or we would be too) */
		if (done <= 0)
			exit(EXIT_WRITE);
		p += done;
		left -= (size_t)done;
	}
	strbuf_clear(&w->chunk);
}

static void open_record(struct worker *w, char type)
{
	char header[5] = { type };

	w->header = w->chunk.used;
	strbuf_pushmem(&w->chunk, header, sizeof(header));
}

static void close_record(struct worker *w)
{
	uint32_t len = (uint32_t)(w->chunk.used - w->header - 5);

	memcpy(w->chunk.buf + w->header + 1, &len, sizeof(len));
	if (w->chunk.used >= CHUNK_SIZE)
		send_chunk(w);
}

/* a string and its NUL */
static void push_string(struct worker *w, const char *s)
{
	strbuf_pushmem(&w->chunk, s, strlen(s) + 1);
}

/* the render's output stream: what the format writes becomes 'O' records */
static ssize_t out_write(void *cookie, const char *buf, size_t size)
{
	struct worker *w = cookie;

	for (size_t done = 0, n; done < size; done += n) {
		n = size - done < OUTPUT_RECORD_MAX ? size - done : OUTPUT_RECORD_MAX;
		open_record(w, 'O');
		strbuf_pushmem(&w->chunk, buf + done, n);
		close_record(w);
	}
	return (ssize_t)size;
}

/* what the format wrote so far goes before the record that comes next */
static void flush_output(struct worker *w)
{
	fflush(w->rd.out);
}

static void part_log(void *data, int priority, const char *fmt, va_list args)
	_printf_format_(3, 0);
static void part_log(void *data, int priority, const char *fmt, va_list args)
{
	struct worker *w = data;
	char *msg = kd_log_format(priority, fmt, args);
	char is_once = w->ctx->is_once_pending;

	w->ctx->is_once_pending = false;
	flush_output(w);
	open_record(w, 'E');
	strbuf_pushchar(&w->chunk, is_once);
	strbuf_pushstr(&w->chunk, msg);
	close_record(w);
	free(msg);
}

static void part_once(void *data, const char *key)
{
	struct worker *w = data;

	open_record(w, 'K');
	strbuf_pushstr(&w->chunk, key);
	close_record(w);
}

static void part_report(struct render *rd, const struct report *r)
{
	struct worker *w = rd->ctx->log_data;
	uint64_t line = r->first_line;

	flush_output(w);
	open_record(w, 'R');
	strbuf_pushmem(&w->chunk, (const char *)&line, sizeof(line));
	push_string(w, r->kind);
	push_string(w, r->title);
	push_string(w, r->source);
	close_record(w);
	w->format->report(rd, r);
}

static void part_input(struct render *rd, const char *source, const char *error,
		       size_t n_reports)
{
	struct worker *w = rd->ctx->log_data;
	uint64_t n = n_reports;

	flush_output(w);
	open_record(w, 'I');
	strbuf_pushmem(&w->chunk, (const char *)&n, sizeof(n));
	strbuf_pushchar(&w->chunk, error != NULL);
	push_string(w, source);
	push_string(w, error ? error : "");
	close_record(w);
}

/* a worker: decode the inputs it owns, in order, and exit */
static _Noreturn void work(struct render *parent_rd, int fd, char *const *paths, size_t n,
			   const size_t *owner, size_t me, jobs_decode_fn decode)
{
	struct kdecode_ctx *ctx = parent_rd->ctx;
	struct worker w = {
		.ctx = ctx,
		.format = parent_rd->ops,
		.fd = fd,
		.chunk = STRBUF_INIT,
	};
	cookie_io_functions_t io = { .write = out_write };

	w.ops = (struct render_ops){ .line = w.format->line, .report = part_report,
				     .input = part_input };
	w.rd = (struct render){ .ctx = ctx, .ops = &w.ops, .is_part = true,
				.escape_input = parent_rd->escape_input };
	w.rd.out = fopencookie(&w, "w", io);
	if (w.rd.out == NULL)
		exit(EXIT_WRITE);
	ctx->log_fn = part_log;
	ctx->log_data = &w;
	ctx->once_fn = part_once;
	for (size_t i = 0; i < n; i++) {
		uint64_t before[N_COUNTS], after[N_COUNTS];
		if (owner[i] != me)
			continue;
		get_counts(ctx, before);
		decode(&w.rd, paths[i]);
		flush_output(&w);
		get_counts(ctx, after);
		for (size_t k = 0; k < N_COUNTS; k++)
			after[k] -= before[k];
		open_record(&w, 'X');
		strbuf_pushmem(&w.chunk, (const char *)after, sizeof(after));
		close_record(&w);
		send_chunk(&w);
	}
	/* the files it read from their DWARF: the parent indexes them, as one process
	 * would have, at the end */
	char **unindexed;
	size_t n_unindexed = debuginfo_unindexed(ctx, &unindexed);
	for (size_t i = 0; i < n_unindexed; i++) {
		open_record(&w, 'U');
		push_string(&w, unindexed[i]);
		close_record(&w);
		free(unindexed[i]);
	}
	free(unindexed);
	fclose(w.rd.out);
	send_chunk(&w);
	close(fd);
	strbuf_release(&w.chunk);
	render_release(&w.rd);
	exit(EXIT_SUCCESS);
}

/* in the parent: a worker, and the record last read from it */
struct job {
	pid_t pid;
	int fd;			/* the pipe's read end, -1 once the worker is gone */
	FILE *in;
	char type;
	char *buf;		/* the record's bytes, NUL-terminated */
	uint32_t len;
	size_t size;
};

static bool read_record(struct job *j)
{
	unsigned char header[5];

	if (fread(header, 1, sizeof(header), j->in) != sizeof(header))
		return false;
	j->type = (char)header[0];
	memcpy(&j->len, header + 1, sizeof(j->len));
	if (j->len > RECORD_MAX)
		return false;
	if (j->size < (size_t)j->len + 1) {
		j->size = (size_t)j->len + 1;
		j->buf = xrealloc(j->buf, j->size);
	}
	j->buf[j->len] = '\0';
	return fread(j->buf, 1, j->len, j->in) == j->len;
}

/* the NUL-terminated strings of a record, from *p: NULL when one is cut short */
static const char *next_string(const struct job *j, size_t *p)
{
	const char *s = j->buf + *p;
	const char *nul = *p < j->len ? memchr(s, '\0', j->len - *p) : NULL;

	if (nul == NULL)
		return NULL;
	*p += (size_t)(nul - s) + 1;
	return s;
}

static bool join_report(struct render *rd, const struct job *j)
{
	struct render_mark m;
	uint64_t line;
	size_t p = sizeof(line);

	if (j->len < sizeof(line))
		return false;
	memcpy(&line, j->buf, sizeof(line));
	m.first_line = (unsigned long)line;
	m.kind = next_string(j, &p);
	m.title = m.kind ? next_string(j, &p) : NULL;
	m.source = m.title ? next_string(j, &p) : NULL;
	if (m.source == NULL)
		return false;
	rd->ops->joined(rd, &m);
	rd->n_reports++;
	return true;
}

static bool join_input(struct render *rd, const struct job *j)
{
	uint64_t n;
	size_t p = sizeof(n) + 1;

	if (j->len < p)
		return false;
	memcpy(&n, j->buf, sizeof(n));
	const char *source = next_string(j, &p);
	const char *error = source ? next_string(j, &p) : NULL;
	if (error == NULL)
		return false;
	rd->ops->input(rd, source, j->buf[sizeof(n)] ? error : NULL, (size_t)n);
	return true;
}

static bool join_counts(struct kdecode_ctx *ctx, const struct job *j)
{
	uint64_t counts[N_COUNTS];

	if (j->len != sizeof(counts))
		return false;
	memcpy(counts, j->buf, sizeof(counts));
	ctx->n_reports += counts[COUNT_REPORTS];
	ctx->n_frames += counts[COUNT_FRAMES];
	ctx->n_unresolved += counts[COUNT_UNRESOLVED];
	ctx->n_unreadable += counts[COUNT_UNREADABLE];
	ctx->n_failing += counts[COUNT_FAILING];
	ctx->n_mismatched += counts[COUNT_MISMATCHED];
	return true;
}

/* one input's records, up to its 'X'; false when the worker died before (or sent what
 * no worker sends); *has_input: its 'I' came */
static bool join(struct render *rd, struct job *j, bool *has_input)
{
	struct kdecode_ctx *ctx = rd->ctx;
	bool is_new = true;	/* the answer to the last 'K' */

	while (read_record(j)) {
		switch (j->type) {
		case 'O':
			fwrite(j->buf, 1, j->len, rd->out);
			break;
		case 'E':
			if (j->len >= 1 && (!j->buf[0] || is_new))
				fwrite(j->buf + 1, 1, j->len - 1, stderr);
			break;
		case 'K':
			is_new = kd_first_time(ctx, j->buf);
			break;
		case 'R':
			if (!join_report(rd, j))
				return false;
			break;
		case 'I':
			if (!join_input(rd, j))
				return false;
			*has_input = true;
			break;
		case 'X':
			return join_counts(ctx, j);
		default:
			return false;
		}
	}
	return false;
}

/* "killed by signal 9 (Killed)", "exited with status 3": how a worker ended */
static char *how_it_ended(pid_t pid)
{
	int status;
	pid_t got;

	while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (got < 0)
		return xasprintf("is lost (%s)", strerror(errno));
	if (WIFSIGNALED(status))
		return xasprintf("was killed by signal %d (%s)", WTERMSIG(status),
				 strsignal(WTERMSIG(status)));
	if (WEXITSTATUS(status) == 0)
		return NULL;
	return xasprintf("exited with status %d", WEXITSTATUS(status));
}

static void close_job(struct job *j)
{
	if (j->in)
		fclose(j->in);
	else if (j->fd >= 0)
		close(j->fd);
	j->in = NULL;
	j->fd = -1;
	free(j->buf);
	j->buf = NULL;
	j->size = 0;
}

/* the worker that had path died: an error for path; its other inputs are ours now */
static void worker_died(struct render *rd, struct job *j, const char *path,
			bool has_input, size_t reports_before)
{
	struct kdecode_ctx *ctx = rd->ctx;

	close_job(j);
	char *how = how_it_ended(j->pid);
	char *msg = xasprintf("cannot decode '%s': its worker process (-j) %s", path,
			      how ? how : "ended before it was done");
	ERR(ctx, "%s\n", msg);
	ctx->n_unreadable++;
	if (!has_input)
		rd->ops->input(rd, path, msg, rd->n_reports - reports_before);
	free(msg);
	free(how);
}

/* a worker whose inputs were all read: its end should be a clean one */
static void reap(struct kdecode_ctx *ctx, struct job *j, size_t w)
{
	bool is_past_end = false;

	while (j->in && !is_past_end && read_record(j)) {
		size_t p = 0;
		const char *path = j->type == 'U' ? next_string(j, &p) : NULL;
		is_past_end = path == NULL || p != j->len;
		if (is_past_end)
			break;
		ctx->unindexed = xreallocarray(ctx->unindexed, ctx->n_unindexed + 1,
					       sizeof(*ctx->unindexed));
		ctx->unindexed[ctx->n_unindexed++] = xstrdup(path);
	}
	if (j->in && !is_past_end && !feof(j->in))
		is_past_end = true;	/* a record cut short */

	close_job(j);
	char *how = how_it_ended(j->pid);
	if (how || is_past_end) {
		ERR(ctx, "worker process %zu (-j) %s\n", w,
		    how ? how : "sent more than its inputs");
		ctx->n_unreadable++;
	}
	free(how);
}

static void start_job(struct render *rd, struct job *jobs, size_t w, char *const *paths,
		      size_t n, const size_t *owner, jobs_decode_fn decode)
{
	struct kdecode_ctx *ctx = rd->ctx;
	int fds[2];

	jobs[w] = (struct job){ .pid = -1, .fd = -1 };
	if (pipe2(fds, O_CLOEXEC) < 0) {
		WARN(ctx, "cannot start worker process %zu (-j): %s; decoding its inputs "
			  "in this one\n", w, strerror(errno));
		return;
	}
	/* a bigger pipe lets a worker finish an input and go on while the parent
	 * writes the inputs before it; not fatal when refused */
#ifdef F_SETPIPE_SZ
	(void)fcntl(fds[1], F_SETPIPE_SZ, PIPE_SIZE);
#endif
	/* nothing the parent buffered must come out twice */
	fflush(rd->out);
	fflush(stderr);
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		/* a worker outlives no parent, even one waiting for a stream */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			exit(EXIT_WRITE);
		close(fds[0]);
		/* the read ends of the earlier workers' pipes: a dead parent must
		 * leave them with no reader, so that they see EPIPE and end */
		for (size_t k = 0; k < w; k++)
			if (jobs[k].fd >= 0)
				close(jobs[k].fd);
		work(rd, fds[1], paths, n, owner, w, decode);
	}
	close(fds[1]);
	if (pid < 0) {
		WARN(ctx, "cannot start worker process %zu (-j): %s; decoding its inputs "
			  "in this one\n", w, strerror(errno));
		close(fds[0]);
		return;
	}
	jobs[w].pid = pid;
	jobs[w].fd = fds[0];
}

/* the stream an input is read from, when two inputs can share one: standard input,
 * whose offset every process shares, and FIFOs and devices, where what one process
 * reads the other does not see; a regular file is opened afresh for each input */
static bool stream_of(const char *path, struct stat *st)
{
	if (streq(path, "-")) {
		if (fstat(STDIN_FILENO, st) < 0)
			*st = (struct stat){ 0 };
		return true;
	}
	return stat(path, st) == 0 && !S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode);
}

/* input i to worker i % n_workers, but the inputs of one stream all to the worker of
 * its first, which reads them in order, as one process would */
static void assign(char *const *paths, size_t n, size_t n_workers, size_t *owner)
{
	struct stream {
		dev_t dev;
		ino_t ino;
		size_t owner;
	} *streams = NULL;
	size_t n_streams = 0, alloc = 0;

	for (size_t i = 0; i < n; i++) {
		struct stat st;
		size_t k = 0;
		owner[i] = i % n_workers;
		if (!stream_of(paths[i], &st))
			continue;
		while (k < n_streams &&
		       (streams[k].dev != st.st_dev || streams[k].ino != st.st_ino))
			k++;
		if (k < n_streams) {
			owner[i] = streams[k].owner;
			continue;
		}
		ARRAY_GROW(streams, n_streams, alloc);
		streams[n_streams++] = (struct stream){ st.st_dev, st.st_ino, owner[i] };
	}
	free(streams);
}

void jobs_run(struct render *rd, char *const *paths, size_t n, unsigned int n_jobs,
	      jobs_decode_fn decode)
{
	size_t n_workers = n_jobs < n ? n_jobs : n;
	size_t *owner = xcalloc(n, sizeof(*owner));
	struct job *jobs = xcalloc(n_workers, sizeof(*jobs));

	assign(paths, n, n_workers, owner);
	/* inherited as ignored, SIGCHLD would reap the workers unasked, and waitpid()
	 * could not tell how they ended */
	signal(SIGCHLD, SIG_DFL);
	for (size_t w = 0; w < n_workers; w++)
		start_job(rd, jobs, w, paths, n, owner, decode);
	for (size_t w = 0; w < n_workers; w++) {
		if (jobs[w].fd < 0 || (jobs[w].in = fdopen(jobs[w].fd, "r")))
			continue;
		/* no stream: the worker sees EPIPE and ends, and its inputs are ours */
		close_job(&jobs[w]);
		free(how_it_ended(jobs[w].pid));
	}
	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[owner[i]];
		size_t reports_before = rd->n_reports;
		bool has_input = false;
		if (j->in == NULL) {
			decode(rd, paths[i]);
			continue;
		}
		if (!join(rd, j, &has_input))
			worker_died(rd, j, paths[i], has_input, reports_before);
	}
	for (size_t w = 0; w < n_workers; w++)
		if (jobs[w].in)
			reap(rd->ctx, &jobs[w], w);
	free(jobs);
	free(owner);
}
