// The scoring thread of an off-thread churn model (model.ts): one onnxruntime session of its own, scoring the rows
// it is sent in runs of `chunk` rows. Plain JavaScript, so the thread starts without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

/** @type {{ path: string, options: import('onnxruntime-node').InferenceSession.SessionOptions, input: string, output: string, width: number, chunk: number }} */
const { path, options, input, output, width, chunk } = workerData;

try {
  const session = await ort.InferenceSession.create(path, options);
  parentPort.on('message', async (/** @type {{ id: number, matrix: Float32Array, rows: number }} */ msg) => {
    const { id, matrix, rows } = msg;
    try {
      const probabilities = new Float32Array(rows);
      for (let from = 0; from < rows; from += chunk) {
        const n = Math.min(chunk, rows - from);
        const tensor = new ort.Tensor('float32', matrix.subarray(from * width, (from + n) * width), [n, width]);
        const out = await session.run({ [input]: tensor }, [output]);
        probabilities.set(out[output].data, from);
      }
      // The rows' buffer goes back too, for the caller's next rows.
      parentPort.postMessage({ id, probabilities, matrix }, [probabilities.buffer, matrix.buffer]);
    } catch (err) {
      parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
