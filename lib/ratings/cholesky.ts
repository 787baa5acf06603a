/**
 * Cholesky factor of a symmetric positive-definite A (row-major, k×k), in place (lower triangle).
 * Method: the Cholesky–Banachiewicz order (Golub & Van Loan, "Matrix Computations", §4.2).
 */
export function factorSpd(a: Float64Array, k: number): void {
  for (let j = 0; j < k; j += 1) {
    let d = a[j * k + j] as number;
    for (let m = 0; m < j; m += 1) d -= (a[j * k + m] as number) ** 2;
    const root = Math.sqrt(d);
    a[j * k + j] = root;
    for (let i = j + 1; i < k; i += 1) {
      let s = a[i * k + j] as number;
      for (let m = 0; m < j; m += 1) s -= (a[i * k + m] as number) * (a[j * k + m] as number);
      a[i * k + j] = s / root;
    }
  }
}

/** Solves A x = b (length k) given A's Cholesky factor from factorSpd; returns x, b untouched. */
export function solveFactored(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i += 1) {
    let s = x[i] as number;
    for (let m = 0; m < i; m += 1) s -= (a[i * k + m] as number) * (x[m] as number);
    x[i] = s / (a[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i -= 1) {
    let s = x[i] as number;
    for (let m = i + 1; m < k; m += 1) s -= (a[m * k + i] as number) * (x[m] as number);
    x[i] = s / (a[i * k + i] as number);
  }
  return x;
}

/** Solves A x = b for a symmetric positive-definite A (k×k), overwriting A with its factor. */
export function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  factorSpd(a, k);
  return solveFactored(a, b, k);
}
