// The Gazebo world generator: well-formed XML (checked by a small parser written here: no XML
// library in the project), SDF 1.9, one visual-only site model per site at its map position,
// and the checked-in sim/worlds/drone-field.sdf is what the generator makes today.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageWorld } from '../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { gazeboWorld, sdfName, xmlEscape } from '../../src/nodes/graph/gazeboWorld.js';
import { sitePositions } from '../../src/nodes/graph/coverageContext.js';
import { repoRoot, runCli } from '../helpers/cli.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;

/** Parses XML 1.0 well enough to reject anything malformed: tags, attributes, entities, comments, one root. */
function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new Error(`not well-formed XML at line ${line}: ${why}`);
  };
  const unescape = (s: string, where: string): string => {
    let out = '';
    for (let k = 0; k < s.length; k++) {
      if (s[k] === '<') fail(`'<' in ${where}`);
      if (s[k] !== '&') {
        out += s[k];
        continue;
      }
      const m = ENTITY.exec(s.slice(k));
      if (!m) fail(`bare '&' in ${where}`);
      out += { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[m![1]] ?? '?';
      k += m![0].length - 1;
    }
    return out;
  };
  const skipMisc = () => {
    for (;;) {
      while (/\s/.test(text[i] ?? '')) i++;
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        if (text.slice(i + 4, end).includes('--')) fail("'--' inside a comment");
        i = end + 3;
      } else if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected an element');
    i++;
    const name = NAME.exec(text.slice(i))?.[0] ?? fail('bad element name');
    i += name.length;
    const el: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(text.slice(i))![0];
      i += ws.length;
      if (text.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (ws === '') fail(`expected whitespace before an attribute of <${name}>`);
      const attr = NAME.exec(text.slice(i))?.[0] ?? fail(`bad attribute in <${name}>`);
      i += attr.length;
      if (text[i] !== '=') fail(`attribute ${attr} of <${name}> has no value`);
      const quote = text[i + 1];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} of <${name}> is not quoted`);
      const end = text.indexOf(quote, i + 2);
      if (end < 0) fail('unterminated attribute value');
      if (attr in el.attributes) fail(`duplicate attribute ${attr} in <${name}>`);
      el.attributes[attr] = unescape(text.slice(i + 2, end), `attribute ${attr}`);
      i = end + 1;
    }
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) fail(`<${name}> is never closed`);
      el.text += unescape(text.slice(i, lt), `<${name}>`);
      i = lt;
      if (text.startsWith('</', i)) {
        const close = NAME.exec(text.slice(i + 2))?.[0];
        if (close !== name) fail(`</${close}> closes <${name}>`);
        i += 2 + name.length;
        while (/\s/.test(text[i] ?? '')) i++;
        if (text[i] !== '>') fail(`bad closing tag of <${name}>`);
        i++;
        return el;
      }
      if (text.startsWith('<!--', i) || text.startsWith('<?', i)) skipMisc();
      else el.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== text.length) fail('content after the root element');
  return root;
}

const all = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);

describe('parseXml (the checker itself)', () => {
  it.each([
    ['<a><b></a></b>', /<\/a> closes <b>/],
    ['<a x=1/>', /not quoted/],
    ['<a>&nope;</a>', /bare '&'/],
    ['<a/><b/>', /after the root/],
    ['<!-- a -- b --><a/>', /'--' inside a comment/],
    ['<a x="1" x="2"/>', /duplicate attribute/],
  ])('rejects %s', (xml, why) => {
    expect(() => parseXml(xml)).toThrow(why);
  });
});

describe('Gazebo world generator', () => {
  const file = 'sim/scenarios/drone-coverage.yaml';
  const s = loadScenario(file).scenario as CoverageScenario;
  const world = coverageWorld(s);

  it('writes well-formed SDF 1.9 with a ground plane, a light and one visual-only model per site at its map position', () => {
    const sdf = parseXml(gazeboWorld(world, { name: s.name }));
    expect(sdf.name).toBe('sdf');
    expect(sdf.attributes.version).toBe('1.9');
    const w = child(sdf, 'world')!;
    expect(w.attributes.name).toBe('drone_coverage');
    expect(all(w, 'light')).toHaveLength(1);
    const models = all(w, 'model');
    expect(models.filter((m) => m.attributes.name === 'ground_plane')).toHaveLength(1);
    const sites = models.filter((m) => m.attributes.name.startsWith('site_'));
    expect(sites.map((m) => m.attributes.name)).toEqual(world.graph.ids.map((id) => `site_${id}`));
    const xyz = sitePositions(world);
    sites.forEach((m, k) => {
      expect(all(m, 'collision')).toEqual([]);
      const [x, y] = child(m, 'pose')!.text.split(' ').map(Number);
      expect([x, y]).toEqual([xyz[3 * k], xyz[3 * k + 1]]);
      const marker = all(m, 'visual').find((v) => v.attributes.name === 'marker')!;
      expect(Number(child(marker, 'pose')!.text.split(' ')[2])).toBeCloseTo(xyz[3 * k + 2], 4);
    });
    expect(all(models.find((m) => m.attributes.name === 'graph_edges')!, 'visual')).toHaveLength(world.graph.edgeCount);
  });

  it('lays abstract graphs out like the viewer does, and names every model validly', () => {
    const quick = coverageWorld(loadScenario('sim/scenarios/coverage-quick.yaml').scenario as CoverageScenario);
    const sdf = parseXml(gazeboWorld(quick, { name: 'coverage-quick', generatedBy: 'a test -- with dashes' }));
    const sites = all(sdf, 'model').filter((m) => m.attributes.name.startsWith('site_'));
    expect(sites).toHaveLength(30);
    expect(child(sdf, 'world')!.attributes.name).toBe('coverage_quick');
    expect(sdfName('3 a-b')).toBe('_3_a_b');
    expect(xmlEscape(`<a & "b">`)).toBe('&lt;a &amp; &quot;b&quot;&gt;');
  });

  it('the checked-in sim/worlds/drone-field.sdf is the generator\'s output for drone-coverage.yaml', () => {
    const checkedIn = readFileSync(path.join(repoRoot, 'sim/worlds/drone-field.sdf'), 'utf8');
    expect(checkedIn).toBe(gazeboWorld(world, { name: s.name, generatedBy: `fleet-bandits world ${file}` }));
  });

  it('`fleet-bandits world` prints it, and refuses a scenario without a site graph', () => {
    const r = runCli(['world', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(repoRoot, 'sim/worlds/drone-field.sdf'), 'utf8'));
    const bad = runCli(['world', 'sim/scenarios/single-agent.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("is a scenario of family 'bandit'; worlds are made for coverage scenarios");
  });
});
