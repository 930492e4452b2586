// The worker entry: one LabHost, one message at a time.

/// <reference lib="webworker" />
import type { WorkerRequest } from '../protocol/messages.ts';
import { LabHost } from './dispatch.ts';

const host = new LabHost();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  scope.postMessage(host.handle(ev.data));
};
