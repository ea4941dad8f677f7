// Points arithmetic on integers only: a × b / d rounded as the program says, exact for any safe-integer inputs.
export type Rounding = 'floor' | 'round' | 'ceil';

/**
 * `a × b / d` rounded by `rounding` ('round' takes halves up), for non-negative integers a, b and positive d.
 * Uses numbers while the product is a safe integer and BigInt beyond, so the result is always exact.
 */
export function mulDivRounded(a: number, b: number, d: number, rounding: Rounding): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    const remainder = product % d;
    const quotient = (product - remainder) / d;
    return remainder === 0 ? quotient : quotient + roundUp(remainder, d, rounding);
  }
  const bigProduct = BigInt(a) * BigInt(b);
  const bigD = BigInt(d);
  const remainder = bigProduct % bigD;
  const quotient = Number(bigProduct / bigD);
  return remainder === 0n ? quotient : quotient + roundUp(Number(remainder), d, rounding);
}

/** 1 if a non-zero remainder rounds the quotient up. */
function roundUp(remainder: number, d: number, rounding: Rounding): number {
  if (rounding === 'ceil') return 1;
  if (rounding === 'floor') return 0;
  return remainder >= d - remainder ? 1 : 0;
}
