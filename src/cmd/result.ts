// What running one command gives back, and the error a refused command raises.

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  /** exit status: 0 accepted */
  readonly status: number;
  /** refused in part: the tool went on after a failure and what it did before stays done */
  readonly partial?: boolean;
}

/** a command the kernel (or the tool) refuses: the message is printed, nothing changes */
export class CmdError extends Error {
  readonly status: number;
  constructor(message: string, status = 2) {
    super(message);
    this.status = status;
  }
}

export function ok(stdout = '', stderr = ''): ExecResult {
  return { stdout, stderr, status: 0 };
}
