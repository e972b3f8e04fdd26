// Colours of the viewer: robot and arm palettes, and the ramp that colours sites by value.
import { Color } from 'three';

/** Distinct hue for item i (golden-ratio spacing keeps neighbours apart for any count). */
export function distinctColor(i: number, out: Color, saturation = 0.75, lightness = 0.58): Color {
  const hue = (0.07 + i * 0.618033988749895) % 1;
  return out.setHSL(hue, saturation, lightness);
}

/** Colour of arm `arm` (-1 = none: grey). */
export function armColor(arm: number, out: Color): Color {
  if (arm < 0) return out.setRGB(0.35, 0.37, 0.42);
  return distinctColor(arm, out, 0.8, 0.55);
}

// A viridis-like ramp: dark blue (low) -> teal -> green -> yellow (high).
const RAMP: readonly [number, number, number][] = [
  [0.267, 0.005, 0.329],
  [0.229, 0.322, 0.545],
  [0.128, 0.567, 0.551],
  [0.369, 0.789, 0.383],
  [0.993, 0.906, 0.144],
];

/** Ramp colour of t in [0, 1] (clamped). */
export function rampColor(t: number, out: Color): Color {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 1)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i];
  const b = RAMP[i + 1];
  return out.setRGB(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
}

/** CSS colour of a ramp value (for the legend). */
export function rampCss(t: number): string {
  return `#${rampColor(t, new Color()).getHexString()}`;
}

export const UNSAMPLED_SITE = new Color(0.42, 0.45, 0.5);
export const EDGE_COLOR = new Color(0.45, 0.52, 0.62);
export const TARGET_RING = new Color(1.0, 0.78, 0.25);
export const LINK_IDLE = new Color(0.33, 0.42, 0.55);
export const LINK_ERASED = new Color(1.0, 0.22, 0.2);
