/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory from gates: a gate-level model of the storage under the kernel.
 *
 * Everything is built from one primitive, the two-input NAND gate:
 *
 *   NAND -> NOT, AND, OR -> gated D latch -> master-slave D flip-flop
 *        -> n-bit register -> RAM (registers + address decoder)
 *
 * A signal is a bool.  Circuits with memory are structs holding the
 * outputs of their feedback loops; an *_eval() call applies the inputs
 * and lets the gates settle, like one moment of time in a real circuit.
 * A clock edge is two calls, one with clk low, one with clk high.
 * Linux has no such file: this is the hardware of chapter 2 (lib/ holds
 * helpers that are not memory management proper).
 */
#ifndef _LINUX_LOGIC_H
#define _LINUX_LOGIC_H

#include <linux/types.h>

/* NAND gates evaluated so far: tests use it to see that gates are used. */
extern unsigned long nand_count;

bool gate_nand(bool a, bool b);
bool gate_not(bool a);
bool gate_and(bool a, bool b);
bool gate_or(bool a, bool b);

/*
 * Gated D latch: four NANDs and an inverter.  While en is 1 the latch
 * is transparent (q follows d); while en is 0 it holds.  q and nq are
 * the outputs of the cross-coupled NAND pair, always complements.
 */
struct d_latch {
	bool q; /* stored bit */
	bool nq; /* its complement */
};

/*
 * Edge-triggered D flip-flop from two latches.  The master is open
 * while clk is 0, the slave while clk is 1, so q takes d only at the
 * rising edge of clk.
 */
struct d_flip_flop {
	struct d_latch master; /* samples d while clk is low */
	struct d_latch slave; /* shows the master while clk is high */
};

#define REG_MAX_BITS 32

/* An n-bit register: n flip-flops on one clock and one load line. */
struct logic_reg {
	unsigned int width; /* bits used, 1..32 */
	struct d_flip_flop bit[REG_MAX_BITS]; /* bit[0] is the LSB */
};

/* A small static RAM: 16 words of 8 bits, one read/write port. */
#define SRAM_ADDR_BITS 4
#define SRAM_WORDS (1 << SRAM_ADDR_BITS)
#define SRAM_WORD_BITS 8

struct sram {
	struct logic_reg word[SRAM_WORDS]; /* one register per address */
};

void d_latch_init(struct d_latch *l);
void sr_latch_settle(struct d_latch *l, bool s_n, bool r_n);
void d_latch_eval(struct d_latch *l, bool d, bool en);

void dff_init(struct d_flip_flop *ff);
void dff_eval(struct d_flip_flop *ff, bool d, bool clk);

/* The flip-flop's output: the slave's q. */
static inline bool dff_q(const struct d_flip_flop *ff)
{
	return ff->slave.q;
}

void reg_init(struct logic_reg *r, unsigned int width);
void reg_eval(struct logic_reg *r, u32 in, bool load, bool clk);
u32 reg_value(const struct logic_reg *r);

void decoder_eval(unsigned int nbits, u32 addr, bool *lines);

void sram_init(struct sram *m);
u32 sram_eval(struct sram *m, u32 addr, u32 data, bool we, bool clk);
void sram_write(struct sram *m, u32 addr, u32 data);
u32 sram_read(struct sram *m, u32 addr);

#endif /* _LINUX_LOGIC_H */
