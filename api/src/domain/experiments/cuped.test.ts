import { describe, expect, it } from 'vitest';
import { cupedAdjust, cupedInterval } from './cuped.ts';
import { metricFromValues } from './moments.ts';
import { welchInterval } from './welch.ts';

const treatmentX = [100, 250, 80, 400, 330, 120, 90, 510];
const controlX = [150, 60, 300, 220, 410, 95];

describe('CUPED', () => {
  it('removes all variance when the outcome is a straight line in the covariate', () => {
    const line = (x: number) => 3 + 2 * x;
    const treatment = metricFromValues(
      treatmentX.map((x) => line(x) + 50),
      treatmentX,
    );
    const control = metricFromValues(controlX.map(line), controlX);
    const adjusted = cupedAdjust(treatment, control)!;
    expect(adjusted.theta).toBeCloseTo(2, 12);
    expect(adjusted.correlation).toBeCloseTo(1, 12);
    expect(adjusted.varianceReduction).toBeCloseTo(1, 12);
    const interval = cupedInterval(treatment, control)!;
    expect(interval.estimate).toBeCloseTo(50, 9);
    expect(interval.upper - interval.lower).toBeLessThan(1e-6);
  });

  it('pools θ within arms: the slope of the outcome on the covariate with an arm indicator', () => {
    const treatmentY = [220, 410, 150, 700, 640, 260, 150, 880];
    const controlY = [200, 90, 520, 330, 690, 180];
    const centred = (v: number[]) => v.map((x) => x - v.reduce((a, b) => a + b) / v.length);
    const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    const [tx, cx, ty, cy] = [treatmentX, controlX, treatmentY, controlY].map(centred) as number[][];
    const theta = (dot(tx!, ty!) + dot(cx!, cy!)) / (dot(tx!, tx!) + dot(cx!, cx!));
    const treatment = metricFromValues(treatmentY, treatmentX);
    const control = metricFromValues(controlY, controlX);
    const interval = cupedInterval(treatment, control)!;
    expect(interval.theta).toBeCloseTo(theta, 12);
    // The adjusted difference is the regression's arm coefficient: Δȳ − θ·Δx̄.
    expect(interval.estimate).toBeCloseTo(
      treatment.meanY - control.meanY - theta * (treatment.meanX - control.meanX),
      9,
    );
    // Each arm's adjusted variance is the variance of y − θx.
    const adjusted = cupedAdjust(treatment, control)!;
    const residual = metricFromValues(
      treatmentY.map((y, i) => y - theta * treatmentX[i]!),
      treatmentX,
    );
    expect(adjusted.treatment.variance).toBeCloseTo(residual.varY, 6);
  });

  it('changes nothing when the covariate does not vary (no pre-period history)', () => {
    const treatment = metricFromValues([5, 9, 2, 7], [0, 0, 0, 0]);
    const control = metricFromValues([4, 1, 3], [0, 0, 0]);
    const cuped = cupedInterval(treatment, control)!;
    const welch = welchInterval(
      { n: 4, mean: treatment.meanY, variance: treatment.varY },
      { n: 3, mean: control.meanY, variance: control.varY },
    )!;
    expect(cuped).toMatchObject({ ...welch, theta: 0, correlation: 0, varianceReduction: 0 });
  });

  it('is null when an arm has fewer than two members', () => {
    expect(cupedInterval(metricFromValues([5], [1]), metricFromValues([4, 1], [2, 3]))).toBeNull();
  });
});
