// SPDX-License-Identifier: LGPL-2.1-or-later
/* helper.c: a share of some work done by a fork()ed second process, its answer sent back
 * through a memfd. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

void helper_start(struct helper *h, const char *name, bool (*work)(int fd, void *arg),
		  void (*done)(void *arg), void *arg)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	int fds[2];

	h->pid = -1;
	h->fd = memfd_create(name, MFD_CLOEXEC);
	if (h->fd < 0)
		return;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		close(h->fd);
		return;
	}
	/* inherited as ignored, SIGCHLD would reap it unasked, and waitpid() could not
	 * tell how it ended */
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGCHLD, &dfl, &h->old_chld);
	pid_t parent = getpid();
	h->pid = fork();
	if (h->pid == 0) {
		/* it outlives no parent */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			_exit(1);
		close(fds[0]);
		/* the parent's output not yet written is the parent's to write: were anything
		 * to flush this copy of it (valgrind's __libc_freeres() at _exit() does), it
		 * would come out twice */
		__fpurge(stdout);
		/* said as soon as it is whole: the parent goes on while this one ends */
		bool ok = work(h->fd, arg) && write(fds[1], "", 1) == 1;
		if (done)
			done(arg);
		/* no exit(): the parent's stdio buffers and atexit handlers are the parent's */
		_exit(ok ? 0 : 1);
	}
	close(fds[1]);
	h->done = fds[0];
	if (h->pid < 0) {
		sigaction(SIGCHLD, &h->old_chld, NULL);
		close(h->fd);
		close(h->done);
	}
}

bool helper_wait(struct helper *h)
{
	char byte;
	ssize_t got;

	if (h->pid < 0)
		return false;
	while ((got = read(h->done, &byte, 1)) < 0 && errno == EINTR)
		;
	return got == 1;
}

void helper_stop(struct helper *h)
{
	if (h->pid > 0)
		kill(h->pid, SIGKILL);
	helper_reap(h);
}

void helper_reap(struct helper *h)
{
	if (h->pid < 0)
		return;
	while (waitpid(h->pid, NULL, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGCHLD, &h->old_chld, NULL);
	close(h->fd);
	close(h->done);
	h->pid = -1;
}
