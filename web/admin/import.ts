// The site's imports (admins; docs/CONSOLE.md, "Importing comments"): an export file chosen,
// uploaded with `palabre import`'s options and analysed (a dry run: nothing is written), its
// report shown; "Importer" then imports it from the copy the server kept, with the progress
// read out as it goes and the final summary. Reloading the page finds a running import again.
import { api } from './api';
import { t, tn, reasonLabel } from './i18n';
import { lines } from './text';
import { h, errorText } from './ui';
import type { ImportJob, ImportReport } from './types';

const FORMATS = ['disqus', 'wxr', 'remark42', 'isso', 'commento', 'jsonl'];
const POLL_MS = 700;

function select(id: string, options: [string, string][]): HTMLSelectElement {
  return h('select', { id }, ...options.map(([v, label]) => h('option', { value: v }, label)));
}

function row(dl: HTMLElement, label: string, value: string | Node): void {
  dl.append(h('dt', null, label), h('dd', null, value));
}

function counts(map: Record<string, number>, label: (k: string) => string = (k) => k): string {
  return Object.keys(map)
    .map((k) => t('ad_setting', { k: label(k), v: map[k] }))
    .join(' · ');
}

// The report of an analysis (`dry`) or of an import, in the words of `palabre import`.
export function reportView(r: ImportReport): HTMLElement {
  const p = r.plan;
  const m = r.moderation;
  const w = r.written;
  const dl = h('dl', { class: 'imp-rep' });
  row(dl, t('irFormat'), r.format);
  row(dl, t('irThreads'), tn('irThreadsV', p.threads, { s: p.source_threads, m: p.merged_threads }));
  if (Object.keys(p.threads_by_rule).length) row(dl, t('irByRule'), counts(p.threads_by_rule));
  row(dl, t('irComments'), tn('irCommentsV', p.comments, { top: p.top_level, r: p.replies }));
  row(dl, t('irStates'), t('irStatesV', { p: p.published, h: p.held, s: p.spam }));
  row(dl, t('irTombstones'), t('irTombstonesV', { t: p.tombstones, d: p.deleted_skipped }));
  row(dl, t('irOrphans'), t('irOrphansV', { o: p.orphans, p: p.placeholders }));
  row(dl, t('irDuplicates'), String(p.duplicates));
  row(dl, t('irNoThread'), String(p.no_thread));
  if (Object.keys(p.omitted).length) row(dl, t('irOmitted'), counts(p.omitted));
  row(dl, t('irMalformed'), String(p.malformed));
  if (m.evaluated > 0) {
    row(dl, t('irModeration'), t('irModerationV', { e: m.evaluated, p: m.publish, r: m.review, h: m.hold, j: m.reject }));
    if (Object.keys(m.by_code).length) row(dl, t('irByReason'), counts(m.by_code, reasonLabel));
  }
  row(dl, r.dry_run ? t('irWouldWrite') : t('irWritten'),
    t('irWrittenV', { t: w.threads, c: w.comments, a: w.already_imported, x: w.refused }));
  if (r.site) row(dl, t('irSite'), t('irSiteV', { b: r.site.bans, a: r.site.bans_already_there }));
  const problems = p.problems.concat(w.refused_examples);
  const box = h('div', { class: 'imp-report' }, dl);
  if (problems.length) {
    box.append(h('h4', null, t('irProblems')), h('ul', { class: 'imp-problems' }, ...problems.map((x) => h('li', null, x))));
  }
  return box;
}

export function importSection(site: string): HTMLElement {
  const file = h('input', { id: 'imp-file', type: 'file', required: true, 'aria-describedby': 'imp-hint' });
  const format = select('imp-format', [['', t('importDetected')], ...FORMATS.map((f): [string, string] => [f, f])]);
  const key = select('imp-key', [['id', t('importKeyId')], ['url', t('importKeyUrl')], ['path', t('importKeyPath')]]);
  const maps = h('textarea', { id: 'imp-maps', rows: 2, spellcheck: 'false', placeholder: 'http://ancien.example=https://www.example' });
  const moderate = select('imp-mod', [['report', t('importModReport')], ['apply', t('importModApply')]]);
  const analyse = h('button', { type: 'submit', class: 'btn' }, t('importAnalyse'));
  const go = h('button', { type: 'button', class: 'btn ok', id: 'imp-go', hidden: true }, t('importGo'));
  const progress = h('progress', { id: 'imp-progress', hidden: true, 'aria-labelledby': 'imp-h' });
  const status = h('p', { class: 'status', id: 'imp-status', role: 'status', 'aria-live': 'polite' });
  const report = h('div', { id: 'imp-result', 'aria-live': 'off' });
  let upload = '';
  let timer = 0;

  const setStatus = (text: string, error = false) => {
    status.className = error ? 'status er' : 'status ok';
    status.textContent = text;
  };
  const busy = (on: boolean) => {
    for (const el of [file, format, key, maps, moderate, analyse, go]) (el as HTMLInputElement).disabled = on;
  };
  function showReport(job: ImportJob) {
    report.textContent = '';
    if (!job.report) return;
    report.append(h('h3', null, job.dry_run ? t('importReportTitle') : t('importSummaryTitle')), reportView(job.report));
  }
  // A job's state on screen; polls again while it runs.
  function show(job: ImportJob | null) {
    window.clearTimeout(timer);
    if (!job) {
      busy(false);
      progress.hidden = true;
      return;
    }
    if (job.state === 'running') {
      busy(true);
      go.hidden = true;
      progress.hidden = false;
      if (job.total > 0) {
        progress.max = job.total;
        progress.value = job.done;
        setStatus(job.dry_run ? t('importAnalysingN', { d: job.done, n: job.total }) : t('importRunning', { d: job.done, n: job.total }));
      } else {
        progress.removeAttribute('value'); // indeterminate
        setStatus(job.dry_run ? t('importAnalysing') : t('importStarting'));
      }
      timer = window.setTimeout(poll, POLL_MS);
      return;
    }
    busy(false);
    progress.hidden = true;
    showReport(job);
    if (job.state === 'failed') {
      const e = job.error;
      setStatus(t('importFailed', { m: e ? e.message + (e.detail ? ' (' + e.detail + ')' : '') : '' }), true);
      // An import that stopped goes on from where it was when confirmed again.
      upload = job.dry_run ? '' : job.upload;
      go.hidden = job.dry_run;
      return;
    }
    if (job.dry_run) {
      upload = job.upload;
      go.hidden = false;
      setStatus(t('importAnalysed'));
    } else {
      upload = '';
      go.hidden = true;
      const w = job.report ? job.report.written : { comments: 0, threads: 0 };
      setStatus(t('importDone', { c: w.comments, t: w.threads }));
    }
  }
  async function poll() {
    try {
      show((await api.importState(site)).job);
    } catch (e) {
      busy(false);
      setStatus(errorText(e), true);
    }
  }

  const form = h(
    'form',
    {
      class: 'impform',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const chosen = file.files && file.files[0];
        if (!chosen) {
          file.setAttribute('aria-invalid', 'true');
          setStatus(t('importNoFile'), true);
          return file.focus();
        }
        file.removeAttribute('aria-invalid');
        report.textContent = '';
        go.hidden = true;
        upload = '';
        busy(true);
        progress.hidden = false;
        progress.removeAttribute('value');
        setStatus(t('importUploading'));
        try {
          const up = await api.uploadImport(site, chosen, {
            format: format.value, thread_key: key.value, moderate: moderate.value, map: lines(maps.value),
          });
          upload = up.upload.id;
          show(up.job);
        } catch (x) {
          busy(false);
          progress.hidden = true;
          setStatus(errorText(x), true);
        }
      },
    },
    h('div', { class: 'fld' }, h('label', { for: 'imp-file' }, t('importFile')), file),
    h('div', { class: 'fld' }, h('label', { for: 'imp-format' }, t('importFormat')), format),
    h('div', { class: 'fld' }, h('label', { for: 'imp-key' }, t('importThreadKey')), key),
    h('div', { class: 'fld' }, h('label', { for: 'imp-maps' }, t('importMaps')), maps),
    h('div', { class: 'fld' }, h('label', { for: 'imp-mod' }, t('importModerate')), moderate),
    h('div', { class: 'acts' }, analyse, go),
  );
  go.addEventListener('click', async () => {
    if (!upload) return;
    busy(true);
    go.hidden = true;
    try {
      show((await api.confirmImport(site, upload)).job);
    } catch (e) {
      busy(false);
      setStatus(errorText(e), true);
    }
  });
  poll(); // an analysis or import already running (the page was reloaded)
  return h('section', { class: 'imports card', 'aria-labelledby': 'imp-h' },
    h('h2', { id: 'imp-h' }, t('importTitle')), h('p', { class: 'hint', id: 'imp-hint' }, t('importHint')),
    form, progress, status, report);
}
