/**
 * The memory a scoring run's pages pass through, reused from page to page. A page of 50,000 members is about 15 MB of
 * columns (the two results joined as read, their columns, the model's input, the lifetime-value columns, the encoded
 * ids), which were new ArrayBuffers for every page, and new ArrayBuffers are what drives V8's full collections on the
 * main thread. A run takes its buffers from a pool and gives each back once nothing reads it any more (a page's
 * columns once it is encoded, what a write sends once it is written), so after the first pages it allocates little
 * beyond the HTTP client's own chunks.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  /** Free buffers kept at most: a run holds about a dozen at a time. */
  constructor(private readonly keep = 64) {}

  /** An ArrayBuffer of at least `bytes` bytes: the smallest free one that fits, else a new one (an eighth larger). */
  take(bytes: number): ArrayBuffer {
    // An empty result's columns hold no pooled memory.
    if (bytes === 0) return new ArrayBuffer(0);
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size >= bytes && (best < 0 || size < this.free[best]!.byteLength)) best = i;
    }
    if (best < 0) return new ArrayBuffer(Math.ceil((bytes * 1.125) / 8) * 8);
    const [buffer] = this.free.splice(best, 1);
    return buffer!;
  }

  /** Buffers nothing reads any more, for later pages. */
  give(...buffers: ArrayBufferLike[]): void {
    for (const buffer of buffers) {
      if (this.free.length >= this.keep) return;
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0 && !this.free.includes(buffer)) this.free.push(buffer);
    }
  }

  /** A Buffer of exactly `bytes` bytes on a pooled ArrayBuffer (offset 0, so aligned for any typed view). */
  buffer(bytes: number): Buffer {
    return Buffer.from(this.take(bytes), 0, bytes);
  }

  float32(n: number): Float32Array {
    return new Float32Array(this.take(n * 4), 0, n);
  }

  float64(n: number): Float64Array {
    return new Float64Array(this.take(n * 8), 0, n);
  }

  int32(n: number): Int32Array {
    return new Int32Array(this.take(n * 4), 0, n);
  }

  uint8(n: number): Uint8Array {
    return new Uint8Array(this.take(n), 0, n);
  }
}

/** Without a pool: new memory each time (tests and one-off callers). */
export const NO_POOL = {
  buffer: (bytes: number) => Buffer.from(new ArrayBuffer(bytes)),
  float32: (n: number) => new Float32Array(n),
  float64: (n: number) => new Float64Array(n),
  int32: (n: number) => new Int32Array(n),
  uint8: (n: number) => new Uint8Array(n),
  give: (..._buffers: ArrayBufferLike[]) => {},
};

export type Pool = Pick<BufferPool, keyof typeof NO_POOL>;
