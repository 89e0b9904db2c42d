/**
 * Multinomial logistic regression with L2 regularisation (bias not regularised), fitted by L-BFGS with a
 * backtracking (Armijo) line search. Deterministic: no randomness at all. Inputs are expected standardised.
 */

export interface LogRegOptions {
  /** L2 strength λ on the weights; the loss is mean cross-entropy + λ/2·‖W‖². */
  lambda: number;
  /** Iterations at most. Default 300. */
  maxIterations?: number;
  /** Stop when the gradient's max-norm falls below this. Default 1e-5. */
  tolerance?: number;
  /** Per-sample weights (e.g. class balancing). Default all 1. */
  sampleWeights?: readonly number[];
}

export interface LogRegModel {
  /** classes × features. */
  weights: number[][];
  bias: number[];
}

/** Fits `classes` classes on rows `x` (n × d) with labels `y` (0 … classes−1). */
export function fitLogReg(
  x: readonly Float64Array[],
  y: readonly number[],
  classes: number,
  o: LogRegOptions,
): LogRegModel {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const size = classes * (d + 1); // per class: d weights then the bias
  const sw = o.sampleWeights ?? new Array<number>(n).fill(1);
  const totalWeight = sw.reduce((a, b) => a + b, 0);
  const p = new Float64Array(classes);

  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] ?? new Float64Array(d);
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        const base = c * (d + 1);
        let z = theta[base + d] ?? 0;
        for (let j = 0; j < d; j++) z += (theta[base + j] ?? 0) * (xi[j] ?? 0);
        p[c] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += p[c] = Math.exp((p[c] ?? 0) - max);
      const wi = (sw[i] ?? 1) / totalWeight;
      const yi = y[i] ?? 0;
      loss -= wi * Math.log(Math.max(1e-300, (p[yi] ?? 0) / sum));
      for (let c = 0; c < classes; c++) {
        const g = wi * ((p[c] ?? 0) / sum - (c === yi ? 1 : 0));
        const base = c * (d + 1);
        for (let j = 0; j < d; j++) grad[base + j] = (grad[base + j] ?? 0) + g * (xi[j] ?? 0);
        grad[base + d] = (grad[base + d] ?? 0) + g;
      }
    }
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < d; j++) {
        const k = c * (d + 1) + j;
        const w = theta[k] ?? 0;
        loss += 0.5 * o.lambda * w * w;
        grad[k] = (grad[k] ?? 0) + o.lambda * w;
      }
    }
    return loss;
  };

  const theta = lbfgs(evaluate, new Float64Array(size), o.maxIterations ?? 300, o.tolerance ?? 1e-5);
  const weights: number[][] = [];
  const bias: number[] = [];
  for (let c = 0; c < classes; c++) {
    weights.push(Array.from(theta.subarray(c * (d + 1), c * (d + 1) + d)));
    bias.push(theta[c * (d + 1) + d] ?? 0);
  }
  return { weights, bias };
}

/** Minimises f (which writes its gradient into its second argument) from x0 by L-BFGS with 10 pairs. */
export function lbfgs(
  f: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  maxIterations: number,
  tolerance: number,
): Float64Array {
  const m = 10;
  const size = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(size);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const yv: Float64Array[] = [];
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((acc, v, i) => acc + v * (b[i] ?? 0), 0);
  for (let iter = 0; iter < maxIterations; iter++) {
    if (g.reduce((mx, v) => Math.max(mx, Math.abs(v)), 0) < tolerance) break;
    // Two-loop recursion for the search direction −H·g.
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      const sk = s[k] ?? q;
      const yk = yv[k] ?? q;
      const a = dot(sk, q) / dot(yk, sk);
      alpha[k] = a;
      for (let i = 0; i < size; i++) q[i] = (q[i] ?? 0) - a * (yk[i] ?? 0);
    }
    const last = s.length - 1;
    const gamma = last >= 0 ? dot(s[last] ?? q, yv[last] ?? q) / dot(yv[last] ?? q, yv[last] ?? q) : 1;
    for (let i = 0; i < size; i++) q[i] = (q[i] ?? 0) * gamma;
    for (let k = 0; k < s.length; k++) {
      const sk = s[k] ?? q;
      const yk = yv[k] ?? q;
      const b = dot(yk, q) / dot(yk, sk);
      for (let i = 0; i < size; i++) q[i] = (q[i] ?? 0) + ((alpha[k] ?? 0) - b) * (sk[i] ?? 0);
    }
    let slopeAlong = -dot(g, q);
    if (!(slopeAlong < 0)) {
      // Not a descent direction (curvature trouble): restart from steepest descent.
      s.length = 0;
      yv.length = 0;
      q.set(g);
      slopeAlong = -dot(g, g);
    }
    let step = iter === 0 && s.length === 0 ? 1 / Math.max(1, Math.sqrt(dot(g, g))) : 1;
    const xNew = new Float64Array(size);
    const gNew = new Float64Array(size);
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) xNew[i] = (x[i] ?? 0) - step * (q[i] ?? 0);
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slopeAlong) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;
    const sk = xNew.map((v, i) => v - (x[i] ?? 0));
    const yk = gNew.map((v, i) => v - (g[i] ?? 0));
    if (dot(sk, yk) > 1e-12) {
      s.push(sk);
      yv.push(yk);
      if (s.length > m) {
        s.shift();
        yv.shift();
      }
    }
    const converged = Math.abs(fx - fNew) < 1e-12 * Math.max(1, Math.abs(fx));
    x = xNew;
    g = gNew;
    fx = fNew;
    if (converged) break;
  }
  return x;
}
