// Lists of things with places in an edited document (its chunks, sections and divs), moved
// lazily: in blocks that each carry how far their items have moved since they were made, so an
// edit replaces the items it touched and adds its length to the blocks after it, instead of
// making a moved copy of every item after it. Each list is immutable; a new one shares the
// blocks it did not change.

import type { ChunkResult } from './chunk';

/** A chunk of the last parse: where it was, and what it held. */
export interface ParsedChunk {
  start: number;
  end: number;
  result: ChunkResult;
}

/** What the parse reads of a list; an array is one. */
export interface Seq<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export type ChunkSeq = Seq<ParsedChunk>;

const BLOCK = 256;

export class MovedList<T> implements Seq<T> {
  readonly length: number;
  /** The index of the first item of each block; `length` last. */
  private readonly firsts: number[];

  private constructor(
    /** Items as they were made or last rebuilt; never changed. */
    private readonly blocks: readonly (readonly T[])[],
    /** How far each block's items have moved since. */
    private readonly deltas: readonly number[],
    /** An item moved by `by` characters. */
    private readonly move: (item: T, by: number) => T,
  ) {
    this.firsts = new Array<number>(blocks.length + 1);
    let n = 0;
    for (let b = 0; b < blocks.length; b++) {
      this.firsts[b] = n;
      n += blocks[b]!.length;
    }
    this.firsts[blocks.length] = n;
    this.length = n;
  }

  static of<T>(items: Seq<T>, move: (item: T, by: number) => T): MovedList<T> {
    if (items instanceof MovedList) return items as MovedList<T>;
    const blocks: T[][] = [];
    for (let i = 0; i < items.length; i += BLOCK) {
      const block: T[] = [];
      for (let j = i; j < Math.min(items.length, i + BLOCK); j++) block.push(items.at(j)!);
      blocks.push(block);
    }
    return new MovedList(blocks, blocks.map(() => 0), move);
  }

  private blockOf(index: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const b = this.blockOf(index);
    const item = this.blocks[b]![index - this.firsts[b]!]!;
    const delta = this.deltas[b]!;
    return delta === 0 ? item : this.move(item, delta);
  }

  /** The item at `index` as it was made, and how far it has moved since (nothing is built). */
  unmoved(index: number): { item: T; delta: number } {
    const b = this.blockOf(index);
    return { item: this.blocks[b]![index - this.firsts[b]!]!, delta: this.deltas[b]! };
  }

  /** Every item, in place (for a model, which is built whole anyway). */
  toArray(): T[] {
    const out: T[] = [];
    for (let b = 0; b < this.blocks.length; b++) {
      const delta = this.deltas[b]!;
      for (const item of this.blocks[b]!) out.push(delta === 0 ? item : this.move(item, delta));
    }
    return out;
  }

  /** The list with items [lo, hi] replaced by `region` (in place) and every item after them moved by `delta`; hi may be lo - 1. */
  replaced(lo: number, hi: number, region: readonly T[], delta: number): MovedList<T> {
    if (this.blocks.length === 0) return MovedList.of([...region], this.move);
    const bLo = this.blockOf(lo);
    const bHi = this.blockOf(Math.max(lo, hi));
    const middle: T[] = [];
    for (let i = this.firsts[bLo]!; i < lo; i++) middle.push(this.at(i)!);
    for (const item of region) middle.push(item);
    for (let i = hi + 1; i < this.firsts[bHi + 1]!; i++) middle.push(this.move(this.at(i)!, delta));
    const blocks = this.blocks.slice(0, bLo);
    const deltas = this.deltas.slice(0, bLo);
    for (let i = 0; i < middle.length; i += BLOCK) {
      blocks.push(middle.slice(i, i + BLOCK));
      deltas.push(0);
    }
    for (let b = bHi + 1; b < this.blocks.length; b++) {
      blocks.push(this.blocks[b]!);
      deltas.push(this.deltas[b]! + delta);
    }
    return new MovedList(blocks, deltas, this.move);
  }

  /** The list with the item at `index` replaced by `item` (in place). */
  set(index: number, item: T): MovedList<T> {
    const b = this.blockOf(index);
    const block = [...this.blocks[b]!];
    block[index - this.firsts[b]!] = this.move(item, -this.deltas[b]!);
    const blocks = [...this.blocks];
    blocks[b] = block;
    return new MovedList(blocks, this.deltas, this.move);
  }
}

export const moveChunk = (c: ParsedChunk, by: number): ParsedChunk => ({ start: c.start + by, end: c.end + by, result: c.result });

export type ChunkList = MovedList<ParsedChunk>;

export const chunkListOf = (chunks: ChunkSeq): ChunkList => MovedList.of(chunks, moveChunk);
