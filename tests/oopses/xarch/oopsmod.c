// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oopsmod - provoke kernel reports on demand for the kdecode test harness.
 *
 * Writing one word to /proc/oopsmod provokes one report:
 *
 *   null    NULL pointer dereference in a small noinline function
 *   inline  fault in an __always_inline helper inlined into outer_with_inline()
 *   cold    fault in a __cold function, which lives in .text.unlikely
 *   split   fault reached from the trigger_write.cold part gcc splits off
 *   bug     BUG_ON() in a noinline function
 *   warn    WARN_ON() in a noinline function; the kernel carries on
 *   list    list_add() on a corrupted list: "list_add corruption", then BUG()
 *           (CONFIG_DEBUG_LIST, CONFIG_BUG_ON_DATA_CORRUPTION)
 *   refcount  refcount_inc() of a zero refcount: "refcount_t: addition on 0"
 *   atomic  msleep() with preemption disabled: "BUG: scheduling while atomic"
 *   usercopy  copy_from_user() past a 16-byte kmalloc object: hardened usercopy's BUG()
 *   hung    4 s in TASK_UNINTERRUPTIBLE: "INFO: task ... blocked" with
 *           kernel.hung_task_timeout_secs=1
 *   softlockup, rcustall, slab, stackprot: stalls, the stack protector and SLUB
 *           debugging, in their own block below (vmcases_write())
 *
 * and, for the debug kernel of tests/kernel/build-debug-kernel.sh (the sanitizer
 * block below; each does nothing on a kernel without its sanitizer):
 *
 *   kasan_uaf    read of a kfree()d kmalloc object: KASAN use-after-free
 *   kasan_oob    write one byte past a kmalloc object: KASAN slab-out-of-bounds
 *   kfence_oob   read one byte past an object KFENCE sampled: KFENCE out-of-bounds
 *   ubsan_index  array index out of its bounds: UBSAN array-index-out-of-bounds
 *   ubsan_shift  1 << 40: UBSAN shift-out-of-bounds
 *   deadlock     lock A then B, then B then A: lockdep's possible circular dependency
 *   irqlock      a spinlock taken with softirqs on, then in a timer: lockdep's
 *                inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage
 *
 * Lockdep turns itself off after its first report, and so does the taint of a KASAN
 * report: one lockdep case per boot, before any KASAN case.
 *
 * Every line a decoder must report ends in a KD:name marker comment, so the
 * tests can find the expected file:line without hard-coding numbers.  Keep
 * each marked statement on a line of its own.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/processor.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/uaccess.h>

/*
 * Read through volatile so gcc cannot prove the pointer NULL or the
 * conditions true, and has to emit the real loads, stores and checks.
 */
static int *volatile victim_ptr;
static volatile int trip_value = 1;
/* written after a call that would otherwise end its function: no tail call, so the
 * function stays on the stack the report prints */
static volatile unsigned long after_calls;

static struct proc_dir_entry *oopsmod_entry;
static unsigned long oopsmod_writes;

/* Called with a constant delta only, so gcc clones it into .constprop.0. */
static noinline void deref_victim(int *p, int delta)
{
	*p += delta; /* KD:null_fault */
}

static __always_inline void poke(int *p, int v)
{
	WRITE_ONCE(*p, v); /* KD:inline_fault */
}

static noinline void outer_with_inline(int v)
{
	int *p = victim_ptr;

	poke(p + 4, v); /* KD:inline_call */
}

/* __cold puts this in .text.unlikely, away from the rest of the module. */
static noinline __cold void cold_path(int v)
{
	int *p = victim_ptr;

	WRITE_ONCE(p[8], v); /* KD:cold_fault */
}

static noinline void split_victim(int v)
{
	int *p = victim_ptr;

	WRITE_ONCE(p[12], v); /* KD:split_fault */
}

static noinline void bug_path(int v)
{
	BUG_ON(v == trip_value); /* KD:bug */
}

static noinline void warn_path(int v)
{
	WARN_ON(v == trip_value); /* KD:warn */
}

static noinline void list_path(void)
{
	static struct list_head head, a, b;

	INIT_LIST_HEAD(&head);
	list_add(&a, &head);
	a.prev = &b;	/* now head.next->prev is not head */
	list_add(&b, &head); /* KD:list */
	after_calls++;
}

static refcount_t victim_ref;

static noinline void refcount_path(void)
{
	refcount_set(&victim_ref, 0);
	refcount_inc(&victim_ref); /* KD:refcount */
	after_calls++;
}

/* no preempt_enable() after: __schedule_bug() already reset the count, and one more
 * decrement would be a second "scheduling while atomic" */
static noinline void atomic_path(void)
{
	preempt_disable();
	msleep(1); /* KD:atomic */
	after_calls++;
}

static volatile size_t usercopy_len = 64;

/* out of line, so that fortify cannot see the object's size: hardened usercopy must */
static noinline void *alloc_small(void)
{
	return kmalloc(16, GFP_KERNEL);
}

static noinline void usercopy_path(const char __user *ubuf)
{
	char *p = alloc_small();

	if (p && copy_from_user(p, ubuf, usercopy_len)) /* KD:usercopy */
		pr_info("usercopy case: copy failed\n");
	kfree(p);
}

static noinline void hung_path(void)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(4 * HZ); /* KD:hung */
	after_calls++;
}

/* ---- sanitizer cases, for the debug kernel (build-debug-kernel.sh) ---------------------
 * KASAN, KFENCE, UBSAN and lockdep reports. Each case is a no-op where its sanitizer is
 * not built in, so the module still builds and loads on the Debian kernel. No function
 * here starts with kasan_, kfence_ or ubsan_: kdecode passes over those as the
 * sanitizers' own when it picks the guilty frame. */

/* 32: a kmalloc-32 object that KFENCE places flush with the end of its page;
 * 20: one whose byte 20 is in KASAN's 8-byte granule of bytes 16 to 23, half valid */
static volatile size_t san_size = 32;
static volatile size_t kasan_size = 20;
static volatile int san_index = 4;
static volatile int san_shift = 40;
static volatile int san_sink;

/* a kmalloc object that KFENCE did not sample: KASAN does not check KFENCE's objects */
static noinline char *unsampled_alloc(void)
{
	char *p;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		p = kmalloc(kasan_size, GFP_KERNEL);
		if (!p || !is_kfence_address(p))
			return p;
		kfree(p);
	}
	return NULL;
}

static noinline void uaf_read_path(void)
{
	char *p = unsampled_alloc();

	if (!IS_ENABLED(CONFIG_KASAN) || !p)
		return;
	kfree(p);
	san_sink = p[san_index]; /* KD:kasan_uaf */
	after_calls++;
}

static noinline void oob_write_path(void)
{
	char *p = unsampled_alloc();

	if (!IS_ENABLED(CONFIG_KASAN) || !p)
		return;
	p[kasan_size] = 'x'; /* KD:kasan_oob */
	kfree(p);
}

/*
 * An object KFENCE sampled and placed at the end of its page, so the byte past it is the
 * guard page (as mm/kfence/kfence_test.c's test_alloc() does): retry for up to 5 s, the
 * sampling interval (kfence.sample_interval) being short on the harness's command line.
 */
static noinline char *sampled_alloc_right(void)
{
	unsigned long end = jiffies + 5 * HZ;
	char *p;

	while (time_before(jiffies, end)) {
		p = kmalloc(san_size, GFP_KERNEL);
		if (p && is_kfence_address(p) &&
		    offset_in_page(p + san_size) == 0)
			return p;
		kfree(p);
		msleep(1);
	}
	pr_info("kfence_oob case: KFENCE sampled no allocation in 5 s\n");
	return NULL;
}

static noinline void sampled_oob_path(void)
{
	char *p;

	if (!IS_ENABLED(CONFIG_KFENCE))
		return;
	p = sampled_alloc_right();
	if (!p)
		return;
	san_sink = p[san_size]; /* KD:kfence_oob */
	kfree(p);
}

/* the index lands in .after: past the array, inside the object, so only UBSAN sees it */
static struct {
	int array[4];
	int after;
} san_struct;

static noinline void index_path(void)
{
	san_sink = san_struct.array[san_index]; /* KD:ubsan_index */
	after_calls++;
}

static noinline void shift_path(void)
{
	san_sink = 1 << san_shift; /* KD:ubsan_shift */
	after_calls++;
}

static DEFINE_MUTEX(san_lock_a);
static DEFINE_MUTEX(san_lock_b);

static noinline void deadlock_ab(void)
{
	mutex_lock(&san_lock_a);
	mutex_lock(&san_lock_b);
	mutex_unlock(&san_lock_b);
	mutex_unlock(&san_lock_a);
}

/* the reverse order, one task, one after the other: lockdep needs no real deadlock */
static noinline void deadlock_ba(void)
{
	mutex_lock(&san_lock_b);
	mutex_lock(&san_lock_a); /* KD:deadlock */
	mutex_unlock(&san_lock_a);
	mutex_unlock(&san_lock_b);
}

static noinline void deadlock_path(void)
{
	deadlock_ab();
	deadlock_ba();
}

static DEFINE_SPINLOCK(san_irq_lock);
static struct timer_list san_timer;

/* in softirq: the lock was taken with softirqs enabled before */
static void irqlock_timer_fn(struct timer_list *t)
{
	spin_lock(&san_irq_lock); /* KD:irqlock */
	san_sink++;
	spin_unlock(&san_irq_lock);
}

static noinline void irqlock_path(void)
{
	spin_lock(&san_irq_lock); /* KD:irqlock_softirq_on */
	san_sink++;
	spin_unlock(&san_irq_lock);
	timer_setup(&san_timer, irqlock_timer_fn, 0);
	mod_timer(&san_timer, jiffies + 1);
	msleep(100);
	del_timer_sync(&san_timer);
}

/* the word's case, or false when the word names none of them */
static noinline bool sanitizer_case(const char *word)
{
	static const struct {
		const char *word;
		void (*fn)(void);
	} cases[] = {
		{ "kasan_uaf", uaf_read_path },
		{ "kasan_oob", oob_write_path },
		{ "kfence_oob", sampled_oob_path },
		{ "ubsan_index", index_path },
		{ "ubsan_shift", shift_path },
		{ "deadlock", deadlock_path },
		{ "irqlock", irqlock_path },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (sysfs_streq(word, cases[i].word)) {
			cases[i].fn();
			return true;
		}
	}
	return false;
}

/* ---- end of the sanitizer cases ------------------------------------------------------- */

/*
 * Stalls, the stack protector and SLUB debugging: what the "stall" boot variant of
 * tests/kernel/run.sh provokes, in this order (a stall taints L, a slab report B, and
 * the stack protector panics). The spins wait on jiffies, so they last as long on a
 * slow emulated CPU.
 *
 *   softlockup  a spin with preemption disabled: "watchdog: BUG: soft lockup - CPU#0
 *               stuck for 3s!" with kernel.watchdog_thresh=1
 *   rcustall    5 s in rcu_read_lock() with preemption disabled: "rcu: INFO: rcu_preempt
 *               detected stalls" (or "self-detected stall") with
 *               rcupdate.rcu_cpu_stall_timeout=3, on a VM of 2 CPUs
 *   slab        a byte past a kmalloc-32 object, then kfree(): "BUG kmalloc-32 (...):
 *               Right Redzone overwritten" with slub_debug=FZPU,kmalloc-32
 *   stackprot   a local array overrun onto the canary: "Kernel panic - not syncing:
 *               stack-protector: Kernel stack is corrupted in: stackprot_path"
 */
/* The watchdog counts whole seconds: a spin is reported 3 to 4 s after it began. It
 * ends once reported (the report taints the kernel L): one soft lockup per boot. */
static noinline void softlockup_path(void)
{
	unsigned long end = jiffies + 10 * HZ;

	preempt_disable();
	spin_until_cond(test_taint(TAINT_SOFTLOCKUP) || time_after(jiffies, end)); /* KD:softlockup */
	preempt_enable();
}

static struct rcu_head rcustall_head;

static void rcustall_done(struct rcu_head *head)
{
	after_calls++;
}

static noinline void rcustall_path(void)
{
	unsigned long end = jiffies + msecs_to_jiffies(5000);

	/* a grace period for the spin to hold up: this CPU's RCU softirq asks for it, the
	 * grace-period kthread starts it on the other CPU */
	call_rcu(&rcustall_head, rcustall_done);
	rcu_read_lock();
	preempt_disable();
	spin_until_cond(time_after(jiffies, end)); /* KD:rcustall */
	preempt_enable();
	rcu_read_unlock();
}

/* the write index is read at run time: no compiler sees it past the object */
static volatile size_t slab_overrun = 32;

static noinline void slab_path(void)
{
	char *p = kmalloc(32, GFP_KERNEL); /* KD:slab_alloc */

	if (!p)
		return;
	p[slab_overrun] = 0x42;
	kfree(p); /* KD:slab */
	after_calls++;
}

/* 16 bytes of buffer and 8 of canary above it: the canary gets 'A's */
static volatile size_t stackprot_len = 24;

static noinline void stackprot_path(void)
{
	char buf[16];
	size_t i;

	for (i = 0; i < stackprot_len; i++)
		buf[i] = 'A';
	after_calls += buf[0];
} /* KD:stackprot */

/* the words of this block; false for any other */
static noinline bool vmcases_write(const char *word)
{
	if (sysfs_streq(word, "softlockup"))
		softlockup_path(); /* KD:softlockup_call */
	else if (sysfs_streq(word, "rcustall"))
		rcustall_path(); /* KD:rcustall_call */
	else if (sysfs_streq(word, "slab"))
		slab_path(); /* KD:slab_call */
	else if (sysfs_streq(word, "stackprot"))
		stackprot_path(); /* KD:stackprot_call */
	else
		return false;
	return true;
}

/*
 * The pr_*() calls make the "split" branch cold (printk is __cold), so gcc
 * moves it into the separate trigger_write.cold part.
 */
static ssize_t trigger_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char word[16];
	size_t len = min(count, sizeof(word) - 1);

	if (copy_from_user(word, ubuf, len))
		return -EFAULT;
	word[len] = '\0';
	oopsmod_writes++;

	if (unlikely(sysfs_streq(word, "split"))) {
		pr_info("split case: write #%lu\n", oopsmod_writes);
		pr_info("split case: calling split_victim from the cold part\n");
		split_victim(trip_value); /* KD:split_call */
	} else if (sysfs_streq(word, "null")) {
		deref_victim(victim_ptr, 1); /* KD:null_call */
	} else if (sysfs_streq(word, "inline")) {
		outer_with_inline(trip_value); /* KD:inline_outer_call */
	} else if (sysfs_streq(word, "cold")) {
		cold_path(trip_value); /* KD:cold_call */
	} else if (sysfs_streq(word, "bug")) {
		bug_path(trip_value); /* KD:bug_call */
	} else if (sysfs_streq(word, "warn")) {
		warn_path(trip_value); /* KD:warn_call */
	} else if (sysfs_streq(word, "list")) {
		list_path(); /* KD:list_call */
	} else if (sysfs_streq(word, "refcount")) {
		refcount_path(); /* KD:refcount_call */
	} else if (sysfs_streq(word, "atomic")) {
		atomic_path(); /* KD:atomic_call */
	} else if (sysfs_streq(word, "usercopy")) {
		usercopy_path(ubuf); /* KD:usercopy_call */
	} else if (sysfs_streq(word, "hung")) {
		hung_path(); /* KD:hung_call */
	} else if (vmcases_write(word)) { /* KD:vmcases_call */
		after_calls++;
	} else if (sanitizer_case(word)) {
		/* done: the sanitizer cases above */
	} else {
		return -EINVAL;
	}
	return count;
}

static const struct proc_ops oopsmod_ops = {
	.proc_write	= trigger_write,
	.proc_lseek	= noop_llseek,
};

/* Out of line on purpose: more functions to interleave with -ffunction-sections. */
static noinline void setup_module_state(void)
{
	oopsmod_writes = 0;
	victim_ptr = NULL;
}

static noinline void cleanup_module_state(void)
{
	if (oopsmod_entry)
		proc_remove(oopsmod_entry);
	oopsmod_entry = NULL;
}

static int __init oopsmod_init(void)
{
	setup_module_state();
	oopsmod_entry = proc_create(KBUILD_MODNAME, 0200, NULL, &oopsmod_ops);
	if (!oopsmod_entry)
		return -ENOMEM;
	pr_info("ready: write null|inline|cold|split|bug|warn|list|refcount|atomic|usercopy|hung to /proc/%s\n",
		KBUILD_MODNAME);
	return 0;
}

static void __exit oopsmod_exit(void)
{
	cleanup_module_state();
}

module_init(oopsmod_init);
module_exit(oopsmod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Provoke kernel oops reports for the kdecode test harness");
