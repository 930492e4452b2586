// The files of /etc that the lab's programs read: /etc/resolv.conf, which the stub resolver
// reads for every name (`ip netns exec` keeps the host's unless /etc/netns/NS/ has its own,
// and the lab makes none). `cat FILE`, `cat > FILE` and `tee FILE` with a here-document write it.

import type { World } from '../core/world.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

/** the files the lab keeps, and what a real host would say for any other */
const MODELLED = new Set(['/etc/resolv.conf']);

function checkPath(cmd: string, path: string): void {
  if (!MODELLED.has(path)) throw new CmdError(`netlab: ${cmd}: only ${[...MODELLED].join(', ')} is modelled, not ${path}`, 1);
}

/** `cat FILE…`, `cat > FILE` / `cat >FILE` (here-document in), `cat >> FILE` */
export function catCommand(w: World, args: string[], stdin: string | null): ExecResult {
  const redirect = args.findIndex((a) => a.startsWith('>'));
  if (redirect >= 0) {
    const op = args[redirect]!;
    const append = op.startsWith('>>');
    const inline = op.slice(append ? 2 : 1);
    const path = inline || args[redirect + 1];
    if (path === undefined) throw new CmdError("bash: syntax error near unexpected token `newline'", 2);
    const rest = args.filter((_, i) => i !== redirect && (inline !== '' || i !== redirect + 1));
    checkPath('cat', path);
    if (rest.length) throw new CmdError('netlab: cat > FILE takes its text from a here-document only', 1);
    if (stdin === null) throw new CmdError(`netlab: cat > ${path} reads its text from a here-document: cat > ${path} <<'EOF'`, 1);
    w.etc.set(path, (append ? (w.etc.get(path) ?? '') : '') + stdin);
    return ok();
  }
  if (!args.length) {
    if (stdin === null) throw new CmdError('netlab: cat without a file reads a here-document', 1);
    return ok(stdin);
  }
  let out = '';
  let err = '';
  for (const path of args) {
    const text = MODELLED.has(path) ? w.etc.get(path) : undefined;
    if (text === undefined) err += `cat: ${path}: No such file or directory\n`;
    else out += text;
  }
  if (err) return { stdout: out, stderr: err, status: 1 };
  return ok(out);
}

/** `tee [-a] FILE` with a here-document: writes it and prints it */
export function teeCommand(w: World, args: string[], stdin: string | null): ExecResult {
  const append = args[0] === '-a' || args[0] === '--append';
  const files = append ? args.slice(1) : args;
  const bad = files.find((f) => f.startsWith('-'));
  if (bad) throw new CmdError(`tee: unrecognized option '${bad}'\nTry 'tee --help' for more information.`, 1);
  for (const f of files) checkPath('tee', f);
  if (stdin === null) throw new CmdError(`netlab: tee reads its text from a here-document: tee ${files.join(' ')} <<'EOF'`, 1);
  for (const f of files) w.etc.set(f, (append ? (w.etc.get(f) ?? '') : '') + stdin);
  return ok(stdin);
}
