/** A `.monet` data directory that cannot be used as it is; nothing is deleted without `monet up --reset`. */
export class DamagedDataError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}. Inspect it, or start over with \`monet up --reset\` (this deletes .monet).`);
    this.name = 'DamagedDataError';
  }
}
