/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* dlib.h: a shared library opened with dlopen() when first needed, instead of linked. */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "macro.h"

/*
 * A linked library costs every run its loading and relocation, used or not (capstone's
 * ~99,000 relocations, libkmod's libcrypto: 2.5 ms of a 4 ms --version). One needed only
 * sometimes is opened by dlib_load() instead, its functions called through pointers
 * declared with its header's own prototypes, so that the calls stay type checked:
 *
 *	static __typeof__(&kmod_new) sym_kmod_new;
 *	static const struct dlib_sym kmod_syms[] = { DLIB_SYM(kmod_new), ... };
 *	static struct dlib libkmod = DLIB_INIT("libkmod.so.2", "libkmod2", kmod_syms);
 *
 * The header stays included and the library is not linked, so a direct call left
 * behind fails at link time.
 */
struct dlib_sym {
	const char *name;
	void **fn;		/* where its address goes: a sym_NAME pointer */
};

/* name's entry, into sym_name */
#define DLIB_SYM(name) { #name, (void **)&sym_##name }

struct dlib {
	const char *soname;		/* "libkmod.so.2" */
	const char *package;		/* the Debian package that installs it: "libkmod2" */
	const struct dlib_sym *syms;
	size_t n_syms;
	/* dlib_load()'s outcome, kept for the process */
	atomic_bool is_tried;
	char *why;			/* why it cannot be loaded, or NULL: it is */
};

#define DLIB_INIT(soname, package, syms) { (soname), (package), (syms), ARRAY_SIZE(syms) }

/* lib loaded with every one of its symbols: true on the first call that succeeds and every
 * one after it; else false and *why, one line naming the library and the package to
 * install, "cannot load libcapstone.so.4 (install the Debian package libcapstone4):
 * <dlerror>" (lib's, valid for the process). It is tried once a process: a failure is
 * remembered, not tried again each time. Two threads may ask at once: one loads it, the
 * other waits for the outcome. */
bool dlib_load(struct dlib *lib, const char **why) _must_check_ _nonnull_(1, 2);
