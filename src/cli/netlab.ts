// netlab: the command-line face of the same core the browser runs.
//   replay FILE.sh   the conformance JSON Lines, nothing else on stdout
//   run FILE.sh      the transcript a person would see in a terminal
//   trace FILE.sh    every probe's path, step by step, in the kernel's words
//   record FILE.sh   run FILE.sh on the real kernel (Linux, root) and print its recording
//   bench            speed and memory figures
//
// Output is written as each command finishes (a long scenario never becomes one huge string),
// and `run` and `trace` show control characters as `cat -v` does: their text is for a terminal.

import { once } from 'node:events';
import { logicalLines } from '../cmd/lex.ts';
import { replayRecords, runTranscript } from '../cmd/replay.ts';
import { Shell } from '../cmd/shell.ts';
import type { TraceEvent } from '../core/trace.ts';
import { formatTraceEvent } from '../core/trace-format.ts';
import { diskFiles } from './files.ts';
import { escapeControls, escapeJsonControls, ScenarioTooLarge, readScenarioFile } from './io.ts';

const USAGE = 'usage: netlab replay FILE.sh | run FILE.sh | trace FILE.sh | record FILE.sh [-o OUT.jsonl] | bench [--quick]';

function readScenario(path: string | undefined): string {
  if (!path) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  try {
    return readScenarioFile(path);
  } catch (e) {
    const why = e instanceof ScenarioTooLarge ? e.message : `cannot read ${path}: ${(e as Error).message}`;
    process.stderr.write(`netlab: ${escapeControls(why)}\n`);
    process.exit(2);
  }
}

/** a shell whose tcpdump -w / -r use the disk */
function diskShell(): Shell {
  const shell = new Shell();
  shell.files = diskFiles;
  return shell;
}

/** write one piece, waiting while the reader is behind so output never piles up in memory */
async function emit(s: string): Promise<void> {
  if (!process.stdout.write(s)) await once(process.stdout, 'drain');
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'replay': {
      for (const l of replayRecords(readScenario(rest[0]), diskShell())) await emit(`${escapeJsonControls(l)}\n`);
      return 0;
    }
    case 'run':
      for (const piece of runTranscript(readScenario(rest[0]), diskShell())) await emit(escapeControls(piece));
      return 0;
    case 'trace': {
      const shell = new Shell();
      const events: TraceEvent[] = [];
      shell.world.onTrace((e) => events.push(e));
      for (const { text } of logicalLines(readScenario(rest[0]))) {
        events.length = 0;
        const r = shell.exec(text);
        if (r.kind !== 'probe') continue;
        const steps = events.map((e) => `  ${formatTraceEvent(e)}\n`).join('');
        await emit(escapeControls(`$ ${text}\n${r.stdout}${r.stderr}${steps}\n`));
      }
      return 0;
    }
    case 'record': {
      const { recordMain } = await import('./record.ts');
      return recordMain(rest);
    }
    case 'bench': {
      const { benchMain } = await import('./bench.ts');
      return benchMain(rest);
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

// a reader that stops early (`netlab replay x | head`) ends the output, not in a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`netlab: ${escapeControls(String((e as Error).stack ?? e))}\n`);
    process.exit(1);
  },
);
