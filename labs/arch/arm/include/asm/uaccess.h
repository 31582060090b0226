/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reaching user memory from the kernel (arch/arm/include/asm/uaccess.h,
 * v5.10, ARMv7 without LPAE).
 *
 * CONFIG_CPU_SW_DOMAIN_PAN: user pages lie in DOMAIN_USER, and while the
 * kernel runs, the DACR makes that domain no access.  A kernel access to
 * user memory is then a domain fault, an oops, unless it is made between
 * uaccess_enable() and uaccess_disable(), as the functions below make
 * it.  Entering user mode sets the domain to client (so the process
 * reaches its pages); every exception from user mode sets it back.
 *
 * An access to a user address may fault (nothing mapped, or read-only):
 * the instructions that may fault are listed in the exception table
 * (__ex_table, asm/extable.h) with where to go instead, and the fault
 * handler, finding the faulting pc there, resumes at the fixup, which
 * makes the copy return what it could not copy.
 */
#ifndef _ASM_ARM_UACCESS_H
#define _ASM_ARM_UACCESS_H

#include <linux/compiler.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <asm/cp15.h>
#include <asm/memory.h>

/* arch/arm/include/asm/domain.h */
#define __DACR_DEFAULT                              \
	(domain_val(DOMAIN_KERNEL, DOMAIN_CLIENT) | \
	 domain_val(DOMAIN_IO, DOMAIN_CLIENT) |     \
	 domain_val(DOMAIN_VECTORS, DOMAIN_CLIENT))
#define DACR_UACCESS_DISABLE \
	(__DACR_DEFAULT | domain_val(DOMAIN_USER, DOMAIN_NOACCESS))
#define DACR_UACCESS_ENABLE \
	(__DACR_DEFAULT | domain_val(DOMAIN_USER, DOMAIN_CLIENT))

/* The DACR before, to restore: 5.10's uaccess_save_and_enable(). */
static __always_inline unsigned int uaccess_save_and_enable(void)
{
	unsigned int old = get_domain();

	set_domain((old & ~(3U << (2 * DOMAIN_USER))) |
		   domain_val(DOMAIN_USER, DOMAIN_CLIENT));
	return old;
}

static __always_inline void uaccess_restore(unsigned int flags)
{
	set_domain(flags);
}

/* __range_ok() against TASK_SIZE, the limit of a user task. */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return a < TASK_SIZE && size <= TASK_SIZE - a;
}

/*
 * The copy loops (the board's mach-vexpress/uaccess.S, the host's
 * arch/host/user.c): each returns the number of bytes it did not copy.
 */
unsigned long arm_copy_from_user(void *to, const void __user *from,
				 unsigned long n);
unsigned long arm_copy_to_user(void __user *to, const void *from,
			       unsigned long n);

static inline unsigned long
raw_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned int ua_flags = uaccess_save_and_enable();

	n = arm_copy_from_user(to, from, n);
	uaccess_restore(ua_flags);
	return n;
}

static inline unsigned long raw_copy_to_user(void __user *to, const void *from,
					     unsigned long n)
{
	unsigned int ua_flags = uaccess_save_and_enable();

	n = arm_copy_to_user(to, from, n);
	uaccess_restore(ua_flags);
	return n;
}

/*
 * copy_from_user - @n bytes from user @from to kernel @to
 * Return: the number of bytes not copied; those of @to are zeroed, so
 * that no stale kernel data is ever handed on (lib/usercopy.c).
 */
static inline unsigned long copy_from_user(void *to, const void __user *from,
					   unsigned long n)
{
	unsigned long res = n;

	if (access_ok(from, n))
		res = raw_copy_from_user(to, from, n);
	if (res)
		memset((char *)to + (n - res), 0, res);
	return res;
}

static inline unsigned long copy_to_user(void __user *to, const void *from,
					 unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_copy_to_user(to, from, n);
}

/*
 * get_user(x, ptr) and put_user(x, ptr): one value, 0 or -EFAULT; on a
 * fault get_user() sets @x to 0.  SIMPLIFIED(v5.10): 5.10's are single
 * loads and stores with their own exception-table entries; ours copy.
 */
#define get_user(x, ptr)                                                   \
	({                                                                 \
		__typeof__(*(ptr)) __gu_val;                               \
		int __gu_err =                                             \
			copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) \
				? -EFAULT                                  \
				: 0;                                       \
		(x) = __gu_val;                                            \
		__gu_err;                                                  \
	})
#define put_user(x, ptr)                                                   \
	({                                                                 \
		__typeof__(*(ptr)) __pu_val = (x);                         \
		copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT \
								 : 0;      \
	})

#endif /* _ASM_ARM_UACCESS_H */
