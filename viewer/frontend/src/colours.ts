// Palettes: a 20-colour categorical set and a viridis-like ramp for numbers.
export type RGBA = [number, number, number, number];

const CATEGORICAL: RGBA[] = [
  [31, 119, 180, 255], [255, 127, 14, 255], [44, 160, 44, 255], [214, 39, 40, 255],
  [148, 103, 189, 255], [140, 86, 75, 255], [227, 119, 194, 255], [188, 189, 34, 255],
  [23, 190, 207, 255], [174, 199, 232, 255], [255, 187, 120, 255], [152, 223, 138, 255],
  [255, 152, 150, 255], [197, 176, 213, 255], [196, 156, 148, 255], [247, 182, 210, 255],
  [219, 219, 141, 255], [158, 218, 229, 255], [57, 59, 121, 255], [99, 121, 57, 255],
];
export const MISSING: RGBA = [190, 190, 190, 255];
export const DEFAULT: RGBA = [45, 108, 223, 255];

export function categorical(code: number): RGBA {
  return CATEGORICAL[code % CATEGORICAL.length];
}

const RAMP: RGBA[] = [
  [68, 1, 84, 255], [59, 82, 139, 255], [33, 145, 140, 255], [94, 201, 98, 255], [253, 231, 37, 255],
];

export function ramp(t: number): RGBA {
  if (!Number.isFinite(t)) return MISSING;
  const u = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(u));
  const f = u - i;
  const a = RAMP[i], b = RAMP[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f, 255];
}

export function css(c: RGBA): string {
  return `rgb(${Math.round(c[0])},${Math.round(c[1])},${Math.round(c[2])})`;
}
