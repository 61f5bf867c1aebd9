// Progress on stderr for the batch commands (import, analyze): a bar with rate and ETA on a
// terminal, plain lines at most every 2 s otherwise.
const formatSeconds = (s: number) =>
  !Number.isFinite(s) ? '?' : s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`;

export function progressReporter(tty: boolean, verb = 'importing') {
  const started = Date.now();
  let total = 0;
  let lastDraw = 0;
  const status = (done: number) => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    return { pct, text: `${done}/${total} (${pct}%) ${rate.toFixed(0)} docs/s ETA ${formatSeconds(eta)}` };
  };
  const draw = (done: number) => {
    const { pct, text } = status(done);
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
  };
  return {
    start(n: number) {
      total = n;
      if (tty) draw(0);
      else console.error(`${verb} ${n} document(s)`);
    },
    /** After each item; `error` is printed on a line of its own. */
    step(done: number, error?: string) {
      if (error) {
        if (tty) process.stderr.write('\r\x1b[K');
        console.error(`error ${error}`);
      }
      const now = Date.now();
      if (tty && (now - lastDraw > 100 || done === total)) {
        draw(done);
        lastDraw = now;
      } else if (!tty && (now - lastDraw > 2000 || done === total)) {
        console.error(`progress ${status(done).text}`);
        lastDraw = now;
      }
    },
    finish() {
      if (tty) process.stderr.write('\n');
    },
  };
}
