// /proc/net/ipt_hashlimit/NAME: the entries of a namespace's hashlimit table, as `cat` reads them
// (core/netfilter/hashlimit.ts keeps the tables; a table exists while some rule names it).

import { hashlimitProc } from '../core/netfilter/hashlimit.ts';
import { addFileProvider } from './files.ts';

const DIR = '/proc/net/ipt_hashlimit/';

addFileProvider((_w, ns, path) =>
  path.startsWith(DIR) && !path.slice(DIR.length).includes('/') ? hashlimitProc(ns, path.slice(DIR.length)) : null,
);
