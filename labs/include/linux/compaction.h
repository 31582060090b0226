/* SPDX-License-Identifier: GPL-2.0 */
/* Memory compaction (include/linux/compaction.h). */
#ifndef _LINUX_COMPACTION_H
#define _LINUX_COMPACTION_H

struct zone;

/* How hard to try: lower is harder (v5.10 values). */
enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

/* What compaction achieved (a subset of v5.10's enum compact_result). */
enum compact_result {
	COMPACT_SKIPPED, /* nothing to do, or no pages could be used */
	COMPACT_CONTINUE, /* keep going */
	COMPACT_COMPLETE, /* the scanners met: the zone is done */
	COMPACT_SUCCESS, /* a free block of the wanted order exists */
};

enum compact_result compact_zone_order(struct zone *zone, int order,
				       enum compact_priority prio);

#endif /* _LINUX_COMPACTION_H */
