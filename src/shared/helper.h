/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* helper.h: a share of some work done by a fork()ed second process, its answer sent back
 * through a memfd. */
#pragma once

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "macro.h"

/*
 * libdw's state may not be shared between threads, but a process fork()ed from this one
 * has all of it as it was, for free: the way kdecode puts a second CPU to a walk over the
 * compile units of a large vmlinux (src/debug/index-write.c, src/debug/debuginfo.c).
 *
 *	struct helper h;
 *	helper_start(&h, "kdecode-variables", their_share, NULL, &job);
 *	...this process's share...
 *	if (!helper_wait(&h) || !read_answer(h.fd))
 *		...their share, done here...
 *	helper_reap(&h);
 */
struct helper {
	pid_t pid;		/* -1: none (any more) */
	int fd;			/* a memfd: its answer, from offset 0 once it is whole */
	int done;		/* a pipe: a byte when its answer is whole, EOF when it failed */
	struct sigaction old_chld;
};

/* A second process that runs work(fd, arg), which writes its answer to fd and is true
 * when it is whole; then, once that is said, done(arg) (or nothing: NULL), and _exit().
 * It dies with this process. h->pid is -1 when none could be started. */
void helper_start(struct helper *h, const char *name, bool (*work)(int fd, void *arg),
		  void (*done)(void *arg), void *arg) _nonnull_(1, 2, 3);
/* Waits until the helper says its answer is whole: true, h->fd to read it; false when it
 * failed or there is none */
bool helper_wait(struct helper *h) _nonnull_(1);
/* the helper waited for and its fds closed, once; nothing when there is none */
void helper_reap(struct helper *h) _nonnull_(1);
/* the same, its work not wanted after all: it is killed first */
void helper_stop(struct helper *h) _nonnull_(1);
