/**
 * Runs a bounded delete (one that deletes at most `batch` rows) until it deletes less than a full batch, so a
 * cleanup never holds many locks or one long transaction. Returns the total deleted.
 */
export async function deleteInBatches(batch: number, deleteOne: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteOne();
    total += deleted;
    if (deleted < batch) return total;
  }
}
