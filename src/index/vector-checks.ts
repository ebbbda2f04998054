import { HelpdeskError } from '../errors.js';

/** Throws `index_incompatible` unless `vector` has `dimensions` finite numbers. */
export function checkVector(vector: ArrayLike<number>, dimensions: number): void {
  if (vector.length !== dimensions) {
    throw new HelpdeskError(
      'index_incompatible',
      `Vektoren har ${vector.length} dimensioner, men vektorlageret forventer ${dimensions} — brug samme embedder som indekset blev bygget med, eller byg indekset igen.`,
    );
  }
  for (let i = 0; i < vector.length; i++) {
    if (!Number.isFinite(vector[i])) {
      throw new HelpdeskError(
        'bad_request',
        `Vektoren har en ugyldig værdi på plads ${i} (${vector[i]}); kun endelige tal er tilladt.`,
      );
    }
  }
}

/** Throws `bad_request` when a batch is larger than a store accepts at once. */
export function checkBatch(size: number, maxBatch: number): void {
  if (size > maxBatch) {
    throw new HelpdeskError(
      'bad_request',
      `Vektorlageret fik ${size} vektorer i ét kald, men tager højst ${maxBatch} ad gangen — del dem op i portioner.`,
    );
  }
}

/** Throws `bad_request` when `k` is not a non-negative integer. */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new HelpdeskError('bad_request', `Antal naboer (k) skal være et heltal ≥ 0, ikke ${k}.`);
  }
}

/** Euclidean length of a vector. */
export function l2Norm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  return Math.sqrt(sum);
}

/** Throws `config_invalid` unless `dimensions` is a positive integer. */
export function checkDimensions(dimensions: number): void {
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new HelpdeskError(
      'config_invalid',
      `Et vektorlager skal have et positivt helt antal dimensioner, ikke ${dimensions}.`,
    );
  }
}
