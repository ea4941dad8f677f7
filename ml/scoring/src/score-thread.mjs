// The scoring thread of an off-thread churn model (model.ts): one onnxruntime session of its own, scoring the rows
// it is given in memory shared with the caller, in runs of `chunk` rows, and writing their probabilities back there.
// Plain JavaScript, so the thread starts without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

/** @type {{ path: string, options: import('onnxruntime-node').InferenceSession.SessionOptions, input: string, output: string, width: number, chunk: number }} */
const { path, options, input, output, width, chunk } = workerData;

try {
  const session = await ort.InferenceSession.create(path, options);
  // One chunk's input at a time, in memory of this thread's own, reused from chunk to chunk: so pages are scored one
  // after another, in the order they came.
  const rowsIn = new Float32Array(chunk * width);
  /** @param {{ id: number, input: SharedArrayBuffer, output: SharedArrayBuffer, rows: number }} msg */
  const score = async ({ id, input: shared, output: results, rows }) => {
    try {
      const matrix = new Float32Array(shared, 0, rows * width);
      const probabilities = new Float32Array(results, 0, rows);
      for (let from = 0; from < rows; from += chunk) {
        const n = Math.min(chunk, rows - from);
        const view = rowsIn.subarray(0, n * width);
        view.set(matrix.subarray(from * width, (from + n) * width));
        const tensor = new ort.Tensor('float32', view, [n, width]);
        const out = await session.run({ [input]: tensor }, [output]);
        probabilities.set(out[output].data, from);
      }
      parentPort.postMessage({ id, done: true });
    } catch (err) {
      parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  };
  let scoring = Promise.resolve();
  parentPort.on('message', (msg) => {
    scoring = scoring.then(() => score(msg));
  });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
