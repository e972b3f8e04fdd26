/**
 * SVG plot to PNG (resvg, a Rust SVG renderer shipped as npm binaries) and to vector PDF
 * (pdfkit + svg-to-pdfkit, plain JavaScript): no browser, no download at run time. Both are
 * imported on first use, so commands that write no plot do not load them.
 */

/** Output formats of `sim` and `plot`. */
export const PLOT_FORMATS = ['svg', 'png', 'pdf'] as const;
export type PlotFormat = (typeof PLOT_FORMATS)[number];

/** PNG at `scale` times the SVG's pixel size (2 = about 150 dpi at the SVG's size in points), white background. */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  // System fonts: vega asks for sans-serif; resvg finds e.g. DejaVu Sans or Liberation Sans.
  const resvg = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return resvg.render().asPng();
}

/** A one-page vector PDF the size of the SVG (1 SVG pixel = 1 pt). */
export async function svgToPdf(svg: string, title: string): Promise<Buffer> {
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([import('pdfkit'), import('svg-to-pdfkit')]);
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const [width, height] = size ? [Number(size[1]), Number(size[2])] : [640, 400];
  // A fixed creation date keeps the file the same for the same plot.
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: title, Creator: 'fleet-bandits', CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  SVGtoPDF(doc, svg, 0, 0, { width, height, assumePt: true });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
