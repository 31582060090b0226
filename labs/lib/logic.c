// SPDX-License-Identifier: GPL-2.0
/*
 * Memory built from NAND gates, one layer at a time.
 *
 * RAM is not magic: a bit of static memory is two gates feeding each
 * other, and everything above that is wiring.  This file builds it the
 * way a digital-design course does, using nothing but gate_nand():
 *
 *   gate_not/and/or      1, 2 and 3 NANDs
 *   SR latch             two cross-coupled NANDs:  s_n -|NAND|- q
 *                                                    +-nq<-+ |
 *                                                    +-q---+ |
 *                                              r_n -|NAND|- nq
 *   gated D latch        + two NANDs that let d through while en = 1
 *   D flip-flop          two latches, master open on clk = 0, slave on
 *                        clk = 1: q changes only at the rising edge
 *   register             n flip-flops, a load line chosen by a 2:1 mux
 *   SRAM                 16 registers, a 4-to-16 address decoder that
 *                        picks the one to load, and an AND-OR tree that
 *                        picks the one to read
 *
 * Feedback is modelled by evaluating the loop until it stops changing,
 * which real gates do in a few gate delays.  nand_count counts gate
 * evaluations, so tests can tell a gate from a C operator.
 *
 * An SRAM cell on a chip uses six transistors rather than a flip-flop
 * of NAND gates, and DRAM one transistor and a capacitor; chapter 2
 * ("SRAM and DDR SDRAM") explains the difference.  Linux has no such
 * code: it starts where this hardware ends.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/logic.h>

unsigned long nand_count;

/* The primitive: 0 only when both inputs are 1. */
bool gate_nand(bool a, bool b)
{
	nand_count++;
	return !(a && b);
}

//> ch02 gates
/* NOT a: one NAND with its inputs tied together. */
bool gate_not(bool a)
{
	/* TODO(ch02): one NAND; see chapters/02-memory-hardware.md,
	   "Gates from NAND". */
	return false;
}

/* a AND b: a NAND followed by a NOT (two NANDs). */
bool gate_and(bool a, bool b)
{
	/* TODO(ch02): two NANDs; see chapters/02-memory-hardware.md,
	   "Gates from NAND". */
	return false;
}

/* a OR b = NAND(NOT a, NOT b), by De Morgan (three NANDs). */
bool gate_or(bool a, bool b)
{
	/* TODO(ch02): three NANDs, by De Morgan; see
	   chapters/02-memory-hardware.md, "Gates from NAND". */
	return false;
}
//< ch02 gates

/* A latch at rest holding 0 (q and nq must be complements). */
void d_latch_init(struct d_latch *l)
{
	l->q = false;
	l->nq = true;
}

//> ch02 sr-latch
/*
 * Let the cross-coupled NAND pair settle under inputs @s_n and @r_n
 * (active low): s_n = 0 sets q, r_n = 0 resets it, both 1 hold.  Two
 * rounds always suffice for the allowed inputs; the bound only guards
 * against both inputs 0, which a D latch never produces.
 */
void sr_latch_settle(struct d_latch *l, bool s_n, bool r_n)
{
	for (int round = 0; round < 4; round++) {
		bool q = gate_nand(s_n, l->nq);
		bool nq = gate_nand(r_n, q);

		if (q == l->q && nq == l->nq)
			return;
		l->q = q;
		l->nq = nq;
	}
}
//< ch02 sr-latch

//> ch02 d-latch
/**
 * d_latch_eval - apply @d and @en to a gated D latch
 * @l: the latch
 * @d: data input
 * @en: enable: 1 = transparent (q follows d), 0 = hold
 */
void d_latch_eval(struct d_latch *l, bool d, bool en)
{
	/* TODO(ch02): gate d and NOT d with en into the SR latch's
	   active-low inputs; see chapters/02-memory-hardware.md,
	   "The D latch". */
	(void)l;
	(void)d;
	(void)en;
}
//< ch02 d-latch

/* A flip-flop at rest holding 0. */
void dff_init(struct d_flip_flop *ff)
{
	d_latch_init(&ff->master);
	d_latch_init(&ff->slave);
}

//> ch02 dff
/**
 * dff_eval - apply @d and @clk to a master-slave D flip-flop
 * @ff: the flip-flop
 * @d: data input; it must be steady before clk rises (setup time)
 * @clk: clock level
 *
 * The output dff_q() changes only when @clk goes from 0 to 1.
 */
void dff_eval(struct d_flip_flop *ff, bool d, bool clk)
{
	/* TODO(ch02): master enabled by NOT clk, slave by clk
	   and fed by the master; see
	   chapters/02-memory-hardware.md, "Edge triggering". */
	(void)ff;
	(void)d;
	(void)clk;
}
//< ch02 dff

/* A register of @width bits (1..REG_MAX_BITS), all 0. */
void reg_init(struct logic_reg *r, unsigned int width)
{
	r->width = min_t(unsigned int, width, REG_MAX_BITS);
	for (unsigned int i = 0; i < REG_MAX_BITS; i++)
		dff_init(&r->bit[i]);
}

//> ch02 reg
/**
 * reg_eval - one moment of an n-bit register
 * @r: the register
 * @in: the value offered on its inputs (bits above width ignored)
 * @load: 1: take @in at the next rising edge; 0: keep the value
 * @clk: clock level
 *
 * Each bit's flip-flop is fed by a 2:1 multiplexer made of gates:
 * d = (load AND in) OR (NOT load AND q).
 */
void reg_eval(struct logic_reg *r, u32 in, bool load, bool clk)
{
	/* TODO(ch02): per bit, a load multiplexer in front of a
	   flip-flop; see chapters/02-memory-hardware.md,
	   "A register". */
	(void)r;
	(void)in;
	(void)load;
	(void)clk;
}
//< ch02 reg

/* The value the register's outputs show now. */
u32 reg_value(const struct logic_reg *r)
{
	u32 v = 0;

	for (unsigned int i = 0; i < r->width; i++)
		v |= (u32)dff_q(&r->bit[i]) << i;
	return v;
}

//> ch02 decoder
/**
 * decoder_eval - an @nbits-to-2^@nbits line decoder
 * @nbits: address width, 1..8
 * @addr: the address (bits above @nbits ignored)
 * @lines: 2^@nbits outputs; exactly lines[addr] becomes 1
 *
 * Output i is the AND of every address bit, inverted where bit k of i
 * is 0: for nbits = 2, line 2 = a1 AND NOT a0.
 */
void decoder_eval(unsigned int nbits, u32 addr, bool *lines)
{
	/* TODO(ch02): each output ANDs the address bits, some
	   inverted; see chapters/02-memory-hardware.md,
	   "The address decoder". */
	memset(lines, 0, (1U << nbits) * sizeof(*lines));
	(void)addr;
}
//< ch02 decoder

/* A RAM whose every word is 0. */
void sram_init(struct sram *m)
{
	for (int w = 0; w < SRAM_WORDS; w++)
		reg_init(&m->word[w], SRAM_WORD_BITS);
}

//> ch02 sram
/**
 * sram_eval - one moment of the RAM's single port
 * @m: the RAM
 * @addr: word address, 0..SRAM_WORDS-1
 * @data: the value to write
 * @we: write enable: store @data at @addr on the rising edge of @clk
 * @clk: clock level
 *
 * Return: the word at @addr as the read multiplexer shows it now.
 */
u32 sram_eval(struct sram *m, u32 addr, u32 data, bool we, bool clk)
{
	/* TODO(ch02): decode addr, load the selected register
	   when we, read through an AND-OR tree; see
	   chapters/02-memory-hardware.md,
	   "Memory from registers". */
	(void)m;
	(void)addr;
	(void)data;
	(void)we;
	(void)clk;
	return 0;
}
//< ch02 sram

/* A full write cycle: clock low, rising edge, clock low again. */
void sram_write(struct sram *m, u32 addr, u32 data)
{
	sram_eval(m, addr, data, true, false);
	sram_eval(m, addr, data, true, true);
	sram_eval(m, addr, data, false, false);
}

/* A read: the clock stays low, nothing is written. */
u32 sram_read(struct sram *m, u32 addr)
{
	return sram_eval(m, addr, 0, false, false);
}
