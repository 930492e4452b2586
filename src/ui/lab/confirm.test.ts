import { describe, expect, it } from 'vitest';
import { answer, ask, questionShown } from './confirm.ts';
import { pushEdit, replaceAll } from './history.ts';
import { createLabStore, hasUnsavedWork } from './store.ts';

const q = { title: 'Replace this lab?', text: 'The link replaces it.', confirm: 'Open it', cancel: 'Keep my lab' };

describe('questions in the page', () => {
  it('a question is data in the store until it is answered', async () => {
    const store = createLabStore();
    const shown = questionShown(store);
    const reply = ask(store, q);
    await shown;
    const open = store.getState().question!;
    expect(open.title).toBe('Replace this lab?');
    answer(store, open.id, true);
    expect(await reply).toBe(true);
    expect(store.getState().question).toBeNull();
  });

  it('a newer question cancels the one still open', async () => {
    const store = createLabStore();
    const first = ask(store, q);
    const second = ask(store, { ...q, title: 'Another?' });
    expect(await first).toBe(false);
    answer(store, store.getState().question!.id, false);
    expect(await second).toBe(false);
  });
});

describe('unsaved work', () => {
  const none = { positions: {}, meta: { roles: {}, parents: {} } };
  it('is what was done since the lab was last opened, exported or linked', () => {
    const store = createLabStore();
    expect(hasUnsavedWork(store.getState())).toBe(false);
    const typed = pushEdit(store.getState().history, { label: '$ ip netns add a', lines: ['ip netns add a'] });
    store.setState({ history: typed });
    expect(hasUnsavedWork(store.getState())).toBe(true);
    // exported: clean until the next edit
    store.setState({ cleanDone: typed.done });
    expect(hasUnsavedWork(store.getState())).toBe(false);
    // a lab just opened from a link is no one's unsaved work
    const opened = replaceAll(typed, 'Open shared link', ['ip netns add z'], none, none);
    store.setState({ history: opened, cleanDone: opened.done });
    expect(hasUnsavedWork(store.getState())).toBe(false);
    store.setState({ history: pushEdit(opened, { label: 'x', lines: ['ip netns add b'] }) });
    expect(hasUnsavedWork(store.getState())).toBe(true);
  });
});
