// Every lesson, in the order a learner meets them.

import { bridgeNatLesson, twoHostsLesson, vethLesson } from './basics.ts';
import { dockerModesLesson, ipvlanLesson, macvlanLesson, overlayLesson, publishedPortLesson } from './docker.ts';
import type { Lesson } from './types.ts';

export const LESSONS: readonly Lesson[] = [
  vethLesson,
  bridgeNatLesson,
  twoHostsLesson,
  dockerModesLesson,
  macvlanLesson,
  ipvlanLesson,
  overlayLesson,
  publishedPortLesson,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
