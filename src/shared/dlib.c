// SPDX-License-Identifier: LGPL-2.1-or-later
/* dlib.c: a shared library opened with dlopen() when first needed, instead of linked. */
#include <dlfcn.h>

#include "dlib.h"
#include "once.h"
#include "util.h"

static char *cannot_load(const struct dlib *lib)
{
	const char *err = dlerror();	/* NULL only for a symbol whose value is NULL */

	return xasprintf("cannot load %s (install the Debian package %s): %s", lib->soname,
			 lib->package, err ? err : "a symbol of it is NULL");
}

/* NULL when lib and every symbol of it are there, else why not */
static char *load(struct dlib *lib)
{
	/* RTLD_LAZY: the library's own calls are bound on first use, not all now.
	 * RTLD_NODELETE: never unmapped, even once dlclose()d (below on a missing symbol,
	 * or by another user of it in the process: libdwfl opens libdebuginfod too), as
	 * the sym_ pointers into it are kept for the process */
	void *handle = dlopen(lib->soname, RTLD_LAZY | RTLD_NODELETE);

	if (handle == NULL)
		return cannot_load(lib);
	for (size_t i = 0; i < lib->n_syms; i++) {
		/* dlsym(3)'s own way to set a function pointer: as a void * */
		*lib->syms[i].fn = dlsym(handle, lib->syms[i].name);
		if (*lib->syms[i].fn == NULL) {
			char *why = cannot_load(lib);	/* before dlclose(), which may clear it */
			for (size_t j = 0; j < i; j++)
				*lib->syms[j].fn = NULL;
			dlclose(handle);
			return why;
		}
	}
	return NULL;
}

static void load_once(void *arg)
{
	struct dlib *lib = arg;

	lib->why = load(lib);
}

bool dlib_load(struct dlib *lib, const char **why)
{
	/* a thread may load it ahead of the one that uses it (disasm_preload()) */
	once(&lib->is_tried, load_once, lib);
	*why = lib->why;
	return lib->why == NULL;
}
