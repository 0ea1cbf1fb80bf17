/**
 * Reading one input file, bounded: never more than `maxBytes` (+1 to know it is more),
 * FIFOs, sockets and devices refused by name without blocking. Shared by `convert` (the
 * batch, in the main thread and in workers) and `validate`.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

export type ReadOutcome = { bytes: Buffer } | { tooLarge: number } | { notFile: string };

/** What a non-regular file is, for the message that refuses it. */
function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  return 'not a regular file';
}

const CHUNK = 1024 * 1024;

/**
 * Reads a regular file, never more than `maxBytes` (+1 to know it is more): the limit holds
 * while reading, since the size `stat` gives can be 0 or wrong (/proc, devices, a growing
 * file). A FIFO, socket or device is refused without reading it; O_NONBLOCK keeps `open`
 * from waiting for a FIFO's writer.
 */
export async function readInput(path: string, maxBytes: number): Promise<ReadOutcome> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { notFile: kindOf(info) };
    if (info.size > maxBytes) return { tooLarge: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, maxBytes + 1 - total);
      const buffer = Buffer.allocUnsafe(Math.max(want, 1));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: total };
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } finally {
    await handle.close();
  }
}

/** `readInput` with synchronous calls (a worker thread, where blocking costs nothing). */
export function readInputSync(path: string, maxBytes: number): ReadOutcome {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { notFile: kindOf(info) };
    if (info.size > maxBytes) return { tooLarge: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The size stat gave (+1 to see the end in one call) when it is plausible, else a chunk.
      const want = Math.min(info.size > 0 && total === 0 ? info.size + 1 : CHUNK, maxBytes + 1 - total);
      const buffer = Buffer.allocUnsafe(Math.max(want, 1));
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: total };
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } finally {
    closeSync(fd);
  }
}
