// Live updates: Server-Sent Events on the thread's events URL (event "comment", data = one
// comment object, new or changed; event "count", data = {"count": N}; event "removed", data =
// {"id": N}, a comment a moderator or readers' reports took out of the thread; event "reset":
// the server may have missed changes, reload what is shown), and when EventSource is missing or
// keeps failing (3 errors within two minutes, or the server refuses the stream), polling
// instead: `poll` every 30 s while the page is visible. A stream that opens again after an
// error calls `onReset` too: events sent while it was down are lost. Returns a function that
// stops everything.
import type { Comment } from './types';

const POLL_MS = 30000;

export function live(
  url: string,
  onComment: (c: Comment) => void,
  onCount: (n: number) => void,
  onRemoved: (id: number) => void,
  onReset: () => void,
  poll: () => Promise<unknown>,
): () => void {
  let es: EventSource | null = null;
  let timer = 0;
  let stopped = false;
  const errors: number[] = [];

  function polling() {
    if (stopped) return;
    if (es) {
      es.close();
      es = null;
    }
    const tick = () => {
      if (stopped) return;
      const p = document.visibilityState === 'hidden' ? Promise.resolve() : poll();
      p.then(
        () => void (timer = window.setTimeout(tick, POLL_MS)),
        () => void (timer = window.setTimeout(tick, POLL_MS)),
      );
    };
    tick();
  }

  if (typeof EventSource !== 'function') {
    polling();
  } else {
    es = new EventSource(url);
    const data = (e: Event): any => {
      try {
        return JSON.parse((e as MessageEvent).data);
      } catch (x) {
        return null;
      }
    };
    es.addEventListener('comment', (e) => {
      let c = data(e);
      c = c && c.comment ? c.comment : c;
      if (c && typeof c.id === 'number') onComment(c as Comment);
    });
    es.addEventListener('removed', (e) => {
      const d = data(e);
      if (d && typeof d.id === 'number') onRemoved(d.id);
    });
    es.addEventListener('count', (e) => {
      const d = data(e);
      if (d && typeof d.count === 'number') onCount(d.count);
    });
    es.addEventListener('reset', () => onReset());
    let opened = false;
    es.onopen = () => {
      if (opened) onReset();
      opened = true;
    };
    es.onerror = () => {
      const now = Date.now();
      errors.push(now);
      while (errors.length && now - errors[0] > 120000) errors.shift();
      if (!es || es.readyState === 2 || errors.length >= 3) polling();
    };
  }

  return () => {
    stopped = true;
    if (es) es.close();
    clearTimeout(timer);
  };
}
