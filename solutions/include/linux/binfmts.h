/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loading a program (include/linux/binfmts.h): ours is the user image.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

struct mm_struct;

/* fs/exec.c: the user image as a new program in @mm; its first sp */
int exec_user_image(struct mm_struct *mm, unsigned long *sp);

#endif /* _LINUX_BINFMTS_H */
