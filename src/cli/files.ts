// The lab's files in Node: `tcpdump -w PATH` writes PATH on disk and `-r PATH` reads it, with
// the system's words for what goes wrong.

import { readFileSync, writeFileSync } from 'node:fs';
import type { CaptureFiles } from '../cmd/tcpdump/tcpdump.ts';

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
};

function why(e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return new Error(STRERROR[code] ?? (e as Error).message);
}

export const diskFiles: CaptureFiles = {
  read(path) {
    try {
      return new Uint8Array(readFileSync(path));
    } catch (e) {
      throw why(e);
    }
  },
  write(path, data) {
    try {
      writeFileSync(path, data);
    } catch (e) {
      throw why(e);
    }
  },
};
