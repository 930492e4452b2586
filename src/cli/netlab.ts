// netlab: the command-line face of the same core the browser runs.
//   replay FILE.sh   the conformance JSON Lines, nothing else on stdout
//   run FILE.sh      the transcript a person would see in a terminal
//   trace FILE.sh    every probe's path, step by step, in the kernel's words
//   record FILE.sh   run FILE.sh on the real kernel (Linux, root) and print its recording
//   bench            speed and memory figures

import { readFileSync } from 'node:fs';
import { logicalLines } from '../cmd/lex.ts';
import { replayScenario, runScenario } from '../cmd/replay.ts';
import { Shell } from '../cmd/shell.ts';
import type { TraceEvent } from '../core/trace.ts';
import { formatTraceEvent } from '../core/trace-format.ts';

const USAGE = 'usage: netlab replay FILE.sh | run FILE.sh | trace FILE.sh | record FILE.sh [-o OUT.jsonl] | bench [--quick]';

function readScenario(path: string | undefined): string {
  if (!path) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    process.stderr.write(`netlab: cannot read ${path}: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'replay': {
      const lines = replayScenario(readScenario(rest[0]));
      process.stdout.write(lines.map((l) => l + '\n').join(''));
      return 0;
    }
    case 'run':
      process.stdout.write(runScenario(readScenario(rest[0])));
      return 0;
    case 'trace': {
      const shell = new Shell();
      const events: TraceEvent[] = [];
      shell.world.onTrace((e) => events.push(e));
      for (const { text } of logicalLines(readScenario(rest[0]))) {
        events.length = 0;
        const r = shell.exec(text);
        if (r.kind !== 'probe') continue;
        process.stdout.write(`$ ${text}\n${r.stdout}${r.stderr}${events.map((e) => `  ${formatTraceEvent(e)}\n`).join('')}\n`);
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`netlab: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
