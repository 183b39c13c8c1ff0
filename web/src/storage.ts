// What the widget remembers in the host page's localStorage: the reader's name, a random
// per-browser token (sent with votes and reports: the server counts one vote and one report per
// browser as well as per address; and with posts: the server derives the reader's replies feed
// from it; kept under its former name, "voter"), the reader's votes, and for each of the
// reader's own comments its edit token and source text (the API returns only HTML), its thread
// and whether it waits for a moderator; and per site, the sort the reader chose ("sort.SITE")
// and the path of the reader's replies feed ("feed.SITE", once they posted there from this
// browser). Every access tolerates a storage that throws (private modes, blocked cookies): the
// widget then works, forgetting between visits.

const P = 'palabre.';
const WEEK = 7 * 24 * 3600 * 1000;

function get<T>(k: string, d: T): T {
  try {
    const v = localStorage.getItem(P + k);
    return v == null ? d : (JSON.parse(v) as T);
  } catch (e) {
    return d;
  }
}

function set(k: string, v: unknown): void {
  try {
    localStorage.setItem(P + k, JSON.stringify(v));
  } catch (e) {
    /* storage full or disabled: nothing to remember */
  }
}

export interface Mine {
  t: string; // edit token
  x: string; // text as written
  at: number; // when posted (ms, client clock)
  k?: string; // its thread: site and key
  h?: 1; // held for review when last seen
}

export const store = {
  name: () => get<string>('name', ''),
  setName: (n: string) => set('name', n),
  token(): string {
    let v = get<string>('voter', '');
    if (!v) {
      const b = new Uint8Array(16);
      crypto.getRandomValues(b);
      v = [].map.call(b, (x: number) => (x + 256).toString(16).slice(1)).join('');
      set('voter', v);
    }
    return v;
  },
  sort: (site: string) => get<string>('sort.' + site, ''),
  setSort: (site: string, s: string) => set('sort.' + site, s),
  feed: (site: string) => get<string>('feed.' + site, ''),
  setFeed: (site: string, f: string) => set('feed.' + site, f),
  votes: () => get<Record<string, 'up' | 'down'>>('votes', {}),
  setVote(id: number, v: 'up' | 'down' | null) {
    const all = store.votes();
    delete all[id];
    if (v) all[id] = v;
    const keys = Object.keys(all);
    for (let i = 0; i < keys.length - 500; i++) delete all[keys[i]];
    set('votes', all);
  },
  mine(): Record<string, Mine> {
    const all = get<Record<string, Mine>>('mine', {});
    const now = Date.now();
    let pruned = false;
    for (const k in all) {
      if (!all[k] || now - all[k].at > WEEK) {
        delete all[k];
        pruned = true;
      }
    }
    if (pruned) set('mine', all);
    return all;
  },
  setMine(id: number, m: Mine | null) {
    const all = store.mine();
    if (m) all[id] = m;
    else delete all[id];
    set('mine', all);
  },
};
