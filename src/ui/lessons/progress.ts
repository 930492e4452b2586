// Where a learner is: the lesson link in the URL fragment (`#lesson=ID&step=N`, beside the
// `#v1.` share links) and the progress kept in localStorage.

export const LESSON_PREFIX = '#lesson=';

export interface LessonPlace {
  readonly id: string;
  /** 0-based */
  readonly step: number;
}

/** `#lesson=macvlan&step=3` (step is 1-based in the link); null for any other fragment */
export function parseLessonHash(hash: string): LessonPlace | null {
  if (!hash.startsWith(LESSON_PREFIX)) return null;
  const params = new URLSearchParams(hash.slice(1));
  const id = params.get('lesson') ?? '';
  if (!/^[a-z0-9-]{1,40}$/.test(id)) return null;
  const n = Number(params.get('step') ?? '1');
  return { id, step: Number.isInteger(n) && n >= 1 ? n - 1 : 0 };
}

export function lessonHash(p: LessonPlace): string {
  return `${LESSON_PREFIX}${p.id}&step=${p.step + 1}`;
}

export interface Progress {
  /** the step the learner was on */
  readonly step: number;
  /** steps whose task was checked done (0-based) */
  readonly done: readonly number[];
}

const KEY = 'netlab.lessons';

export type ProgressMap = Readonly<Record<string, Progress>>;

export function loadProgress(storage: Pick<Storage, 'getItem'>): ProgressMap {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? '{}') as unknown;
    if (!v || typeof v !== 'object') return {};
    const out: Record<string, Progress> = {};
    for (const [id, p] of Object.entries(v as Record<string, unknown>)) {
      const q = p as { step?: unknown; done?: unknown };
      if (typeof q.step !== 'number' || !Array.isArray(q.done)) continue;
      out[id] = { step: q.step, done: q.done.filter((d): d is number => typeof d === 'number') };
    }
    return out;
  } catch {
    return {};
  }
}

export function saveProgress(storage: Pick<Storage, 'setItem'>, p: ProgressMap): void {
  try {
    storage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* private mode, full */
  }
}

export function markDone(p: ProgressMap, id: string, step: number): ProgressMap {
  const cur = p[id] ?? { step, done: [] };
  return { ...p, [id]: { step: cur.step, done: cur.done.includes(step) ? cur.done : [...cur.done, step].sort((a, b) => a - b) } };
}

export function moveTo(p: ProgressMap, id: string, step: number): ProgressMap {
  const cur = p[id] ?? { step, done: [] };
  return { ...p, [id]: { ...cur, step } };
}
