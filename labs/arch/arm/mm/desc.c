// SPDX-License-Identifier: GPL-2.0
/*
 * Short descriptors, field by field (chapter 17).
 *
 * Linux never decodes a descriptor: it builds them by or-ing the
 * PMD_SECT_* and PTE_EXT_* constants of asm/pgtable-2level-hwdef.h
 * (mem_types[] in arch/arm/mm/mmu.c, cpu_v7_set_pte_ext in
 * arch/arm/mm/proc-v7-2level.S).  hw_desc_encode() and hw_desc_decode()
 * are the same knowledge, both ways, so that a test can prove it for
 * every format:
 *
 *   first level   fault (00), coarse table (01), section (10, bit 18 = 0),
 *                 supersection (10, bit 18 = 1); 11 is reserved: a fault
 *   second level  fault (00), large page (01), small page (1x, bit 0 XN)
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/page.h>
#include <asm/pgwalk.h>

const char *hw_desc_type_name(enum hw_desc_type type)
{
	static const char *const names[] = { "fault",	     "table", "section",
					     "supersection", "large", "small" };

	return type <= HW_DESC_SMALL ? names[type] : "?";
}

/* A first-level descriptor: fault, coarse table, section, supersection. */
//> ch17 decode l1
static void decode_l1(u32 val, struct hw_desc *d)
{
	/* TODO(ch17): the type bits first, then each field where this
	   format keeps it; see chapters/17-descriptors.md,
	   "Six formats". */
	(void)val; (void)d;
}
//< ch17 decode l1

/* A second-level descriptor: fault, large page, small page. */
//> ch17 decode l2
static void decode_l2(u32 val, struct hw_desc *d)
{
	/* TODO(ch17): as decode_l1(), with the second level's bits; see
	   chapters/17-descriptors.md, "Six formats". */
	(void)val; (void)d;
}
//< ch17 decode l2

/**
 * hw_desc_decode - split a descriptor into its fields
 * @val: the descriptor
 * @level: 1 for a first-level entry, 2 for a second-level one
 * @d: the fields; for a fault only d->type is set
 *
 * Return: 0, or -EINVAL for a level other than 1 or 2.
 */
int hw_desc_decode(u32 val, int level, struct hw_desc *d)
{
	*d = (struct hw_desc){ .type = HW_DESC_FAULT };
	if (level != 1 && level != 2) {
		pr_err("hw_desc_decode: level %d, not 1 or 2\n", level);
		return -EINVAL;
	}
	if (level == 1)
		decode_l1(val, d);
	else
		decode_l2(val, d);
	return 0;
}

/* The alignment the base of each type needs. */
static u32 base_align(enum hw_desc_type type)
{
	static const u32 align[] = { 1,
				     1U << 10,
				     SECTION_SIZE,
				     SUPERSECTION_SIZE,
				     LARGE_PAGE_SIZE,
				     PAGE_SIZE };

	return align[type];
}

/* Fields the format has no room for must be 0 (a supersection has no
 * domain). */
static bool desc_ok(const struct hw_desc *d)
{
	bool l1 = d->type <= HW_DESC_SUPERSECTION;

	if (d->type > HW_DESC_SMALL) {
		pr_err("hw_desc_encode: unknown type %d\n", d->type);
		return false;
	}
	if (d->type == HW_DESC_FAULT)
		return true;
	if (d->base & (base_align(d->type) - 1) || d->ap > 7 || d->tex > 7 ||
	    d->domain > 15 || (d->domain && !l1) ||
	    (d->domain && d->type == HW_DESC_SUPERSECTION) || (d->ns && !l1)) {
		pr_err("hw_desc_encode: bad %s: base %#x ap %u tex %u domain "
		       "%u%s\n",
		       hw_desc_type_name(d->type), d->base, d->ap, d->tex,
		       d->domain, d->ns && !l1 ? " ns" : "");
		return false;
	}
	return true;
}

/* Sections and supersections (a table needs only base, domain, NS). */
//> ch17 encode l1
static u32 encode_l1(const struct hw_desc *d)
{
	u32 v = 0;

	/* TODO(ch17): the type bits, the base, then each field in the
	   bits its format gives it; see chapters/17-descriptors.md,
	   "Six formats". */
	(void)d;
	return v;
}
//< ch17 encode l1

/* Large and small pages. */
//> ch17 encode l2
static u32 encode_l2(const struct hw_desc *d)
{
	u32 v = 0;

	/* TODO(ch17): as encode_l1(), with the second level's bits; see
	   chapters/17-descriptors.md, "Six formats". */
	(void)d;
	return v;
}
//< ch17 encode l2

/**
 * hw_desc_encode - build the descriptor that hw_desc_decode() reads
 * @d: the fields (a table uses base, domain and ns only)
 *
 * Return: the descriptor, or 0 (a fault: nothing mapped) after a report
 * when a field does not fit its format.
 */
u32 hw_desc_encode(const struct hw_desc *d)
{
	if (!desc_ok(d) || d->type == HW_DESC_FAULT)
		return 0;
	if (d->type <= HW_DESC_SUPERSECTION)
		return encode_l1(d);
	return encode_l2(d);
}
