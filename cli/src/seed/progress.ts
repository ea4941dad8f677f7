/** A one-line progress bar redrawn on a TTY (done/total, rate, ETA); silent when the stream is not a terminal. */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let done = 0;
  let drawnAt = 0;
  const draw = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 1e-3);
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const width = 24;
    const filled = Math.round((width * done) / Math.max(total, 1));
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ` +
        `${Math.round(rate)}/s ETA ${eta}s\u001b[K`,
    );
  };
  return {
    advance(n = 1) {
      done += n;
      if (!stream.isTTY) return;
      const now = performance.now();
      if (now - drawnAt > 100 || done >= total) {
        drawnAt = now;
        draw();
      }
    },
    finish() {
      if (stream.isTTY) {
        draw();
        stream.write('\n');
      }
    },
  };
}
