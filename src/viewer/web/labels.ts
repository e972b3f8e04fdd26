// Text labels in the scene: a sprite per label, its text drawn once on a small canvas (crisp at the sizes the viewer uses, one draw call each, so only for a few dozen labels).
import { CanvasTexture, LinearFilter, Sprite, SpriteMaterial } from 'three';

/** A sprite showing `text`, `height` scene units tall, always facing the camera and drawn over the scene. */
export function textSprite(text: string, height: number, color = '#d7dee8'): Sprite {
  const px = 48; // canvas pixels per label height
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  const font = `600 ${Math.round(px * 0.72)}px system-ui, sans-serif`;
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(text).width + px * 0.5);
  canvas.width = width;
  canvas.height = px;
  ctx.font = font;
  ctx.fillStyle = 'rgba(13, 17, 23, 0.72)';
  ctx.beginPath();
  ctx.roundRect(0, 0, width, px, px * 0.25);
  ctx.fill();
  ctx.fillStyle = color;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, width / 2, px * 0.54);
  const map = new CanvasTexture(canvas);
  map.minFilter = LinearFilter;
  map.generateMipmaps = false;
  const sprite = new Sprite(new SpriteMaterial({ map, depthTest: false, transparent: true }));
  sprite.scale.set((height * width) / px, height, 1);
  sprite.renderOrder = 2;
  sprite.name = `label:${text}`;
  return sprite;
}

/** Frees a label's texture and material. */
export function disposeSprite(sprite: Sprite): void {
  sprite.material.map?.dispose();
  sprite.material.dispose();
}
