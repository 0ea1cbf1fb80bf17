/**
 * `-` as an input: the standard input, read once, never more than `--max-size` bytes (+1 to
 * know it is more), so `cat /dev/zero | teiwright convert -` stops at the limit instead of
 * filling the memory. A pipe has no size to trust: the limit holds while reading.
 */
import { writeAtomic } from '../batch/atomic.js';
import { asyncIo, sidecarPath, type FileIo } from '../batch/process-file.js';
import type { Diagnostic } from '../diagnostics.js';
import { validateTei, type ValidateOptions } from '../validate/index.js';
import { decodeInput } from './decode.js';

export { isStdio, STDIN_NAME, STDIO, STDIO_ARG } from './stdio-names.js';
import { STDIN_NAME, STDIO } from './stdio-names.js';

export type StreamRead = { bytes: Buffer } | { tooLarge: number };

/**
 * Reads `stream` to its end, or until it has given more than `maxBytes`: then it stops
 * reading (the rest is never buffered) and says how much it had read.
 */
export async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<StreamRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += b.length;
    if (total > maxBytes) {
      // Stop the flow: for a pipe from /dev/zero the writer gets EPIPE and ends.
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      // How much more there was is unknown (never read): "more than maxBytes".
      return { tooLarge: maxBytes + 1 };
    }
    chunks.push(b);
  }
  return { bytes: Buffer.concat(chunks, total) };
}

/**
 * File access for a conversion of stdin: `-` is read from `input` and written to `output`
 * (the TEI, whole, once the conversion is done); other paths (an `-o FILE`, a
 * `--corrections` file) are files as usual. There is no sidecar corrections file for stdin.
 */
export function stdioFileIo(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): FileIo {
  return {
    read: (path, maxBytes) => (path === STDIO ? readStream(input, maxBytes) : asyncIo.read(path, maxBytes)),
    isFile: (path) => (path === sidecarPath(STDIO) ? false : asyncIo.isFile(path)),
    write: (target, data) =>
      target === STDIO
        ? new Promise<void>((resolve, reject) => {
            output.write(data, (e) => (e ? reject(e) : resolve()));
          })
        : writeAtomic(target, data),
    remove: (path) => (path === STDIO ? undefined : asyncIo.remove(path)),
  };
}

/**
 * `validate -`: the TEI on stdin, read up to `maxBytes`, decoded with the rules for XML
 * files and checked as a file would be (a relative `<?xml-model?>` from the working folder).
 */
export async function validateStdin(
  input: NodeJS.ReadableStream,
  maxBytes: number,
  options: ValidateOptions,
  /** How the decoded text is checked: here by default; `validate --timeout` checks it in a thread it can stop (validate/budget.ts). */
  check: (text: string, options: ValidateOptions) => Diagnostic[] | Promise<Diagnostic[]> = validateTei,
): Promise<Diagnostic[]> {
  const file = STDIN_NAME;
  const error = (code: Diagnostic['code'], message: string, pos?: { line: number; column: number }): Diagnostic[] => [
    { code, severity: 'error', message, file, ...(pos && { line: pos.line, column: pos.column }) },
  ];
  let read: StreamRead;
  try {
    read = await readStream(input, maxBytes);
  } catch (e) {
    return error('input-unreadable', `cannot read stdin: ${e instanceof Error ? e.message : String(e)}`);
  }
  if ('tooLarge' in read) return error('input-too-large', `stdin has more than ${maxBytes} bytes, the limit (--max-size)`);
  const decoded = decodeInput(read.bytes, maxBytes, { rules: 'xml' });
  if (!decoded.ok) return error(decoded.code, decoded.message, decoded.pos);
  try {
    return await check(decoded.text, { ...options, file });
  } catch (e) {
    return error('internal-error', `validation failed: ${e instanceof Error ? e.message : String(e)} (please report it)`);
  }
}
