/* SPDX-License-Identifier: GPL-2.0 */
/* Constant helpers usable from C and assembler (include/linux/const.h). */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#ifdef __ASSEMBLY__
#define _AC(X, Y) X
#define _AT(T, X) X
#else
#define __AC(X, Y) (X##Y)
#define _AC(X, Y) __AC(X, Y)
#define _AT(T, X) ((T)(X))
#endif

#define _UL(x) (_AC(x, UL))
#define UL(x) (_UL(x))

#define BIT(nr) (UL(1) << (nr))

#endif /* _LINUX_CONST_H */
