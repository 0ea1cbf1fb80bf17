/**
 * `--shard i/n`: a file belongs to shard 1 + (hash of its relative path mod n). Depending
 * on nothing but the path, shards are disjoint, cover every file, and a file stays in its
 * shard when other files are added or removed.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

export function checkShard(shard: Shard | undefined): Shard | undefined {
  if (shard === undefined) return undefined;
  const { index, count } = shard;
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
    throw new RangeError(`--shard ${index}/${count}: expected i/n with 1 ≤ i ≤ n`);
  }
  return shard;
}

/** The 1-based shard of a relative path among `count`. */
export function shardOf(relativePath: string, count: number): number {
  const digest = createHash('sha256').update(relativePath).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(relativePath: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(relativePath, shard.count) === shard.index;
}
