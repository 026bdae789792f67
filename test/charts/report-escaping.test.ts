import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/charts/report.js';
import { escapeHtml, scriptJson } from '../../src/charts/page.js';
import { buildChartSpecs } from '../../src/charts/specs.js';
import { NASTY, nastySummary } from './fixture-summary.js';

describe('report escaping', () => {
  it('escapes &, <, >, quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes JSON that cannot close its script element', () => {
    const json = scriptJson({ s: '</script><!-- \u2028' });
    expect(json).not.toMatch(/<\/script|<!--|\u2028/i);
    expect(JSON.parse(json)).toEqual({ s: '</script><!-- \u2028' });
  });

  it('escapes every text from the summary, in the page and in the inline chart data', async () => {
    const summary = nastySummary();
    const charts = buildChartSpecs(summary).map((c) => ({ name: c.name, title: c.title, files: [] }));
    const html = await reportHtml(summary, charts, '/out');
    expect(html).toContain(escapeHtml(NASTY.title));
    expect(html).toContain(escapeHtml(NASTY.warning));
    expect(html).toContain(escapeHtml(NASTY.parameter));
    expect(html).toContain('Tariffs &lt; 5% &amp; quotas &gt; 0');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain("' onmouseover='");
    // Exactly our four scripts: spec data, Vega, Vega-Lite, the page's own.
    expect(html.match(/<script\b/gi)).toHaveLength(4);
    expect(html.match(/<\/script/gi)).toHaveLength(4);
    expect(html.match(/<!--/g)).toBeNull();
  });

  it('links chart files relative to the report, however the out dir is written', async () => {
    const summary = nastySummary();
    const charts = [{ name: 'fan-total', title: 'Fan', files: ['./out/charts/fan-total.png', 'out/charts/fan-total.svg'] }];
    const html = await reportHtml(summary, charts, './out/');
    expect(html).toContain('href="charts/fan-total.png"');
    expect(html).toContain('href="charts/fan-total.svg"');
  });

  it('names where the sensitivity study writes by default, without a link that is dead unless it was written there', async () => {
    const summary = nastySummary();
    const html = await reportHtml(summary, [], '/out');
    const drivers = html.slice(html.indexOf('id="drivers"'));
    expect(drivers).toContain(`<code>out/${escapeHtml(summary.scenario.name)}-sensitivity/report.html</code>`);
    expect(drivers.slice(0, drivers.indexOf('</section>'))).not.toMatch(/<a /);
  });
});
